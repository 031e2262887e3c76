// The `microk8s` backend: checks the tools once, then runs cells one after another (a real cluster runs one
// scenario at a time) with the Automation API driver on this repository and the local k6.
import { resolve } from 'node:path';
import type { Backend } from '../backends.ts';
import { sequentialBackend } from '../backends.ts';
import { UserError } from '../../lib/errors.ts';

/** Settings read from the environment (so `scalelab run --backend microk8s` needs no extra flags). */
export interface KubeBackendOptions {
  /** Project root holding Pulumi.yaml (default: this repository). */
  projectDir?: string;
  /** Cluster stack name (env SCALELAB_CLUSTER_STACK, default `cluster`). */
  clusterStack?: string;
  /** Agent image pushed from agent/controller/Dockerfile, for agent cells (env SCALELAB_AGENT_IMAGE, default Pulumi.yaml's). */
  agentImage?: string;
}

/** Builds the backend; `log` gets progress lines (stderr by default). */
export function kubeBackend(o: KubeBackendOptions = {}, log: (line: string) => void = (l) => process.stderr.write(`[microk8s] ${l}\n`)): Backend {
  const projectDir = o.projectDir ?? resolve(import.meta.dirname, '../..');
  return {
    async run(cells, options) {
      // Loaded here so `scalelab run` on the simulator does not pay for Pulumi's and zx's imports.
      const { missingTools, requireTools } = await import('./check-tools.ts');
      const { automationStackDriver } = await import('./pulumi-stacks.ts');
      const { runLocalK6 } = await import('./k6-local.ts');
      const { CellInterrupted, runKubeCell } = await import('./run-kube-cell.ts');
      try {
        await requireTools(['pulumi', 'multipass', 'kubectl']);
      } catch (err) {
        throw new UserError(err instanceof Error ? err.message : String(err));
      }
      const hasK6 = (await missingTools(['k6'])).length === 0;
      if (!hasK6) log('no k6 on PATH: the load runs as the in-cluster K6Job (install k6 for long runs, see docs/real-path.md)');
      const inner = sequentialBackend((cell, ctx) =>
        runKubeCell(cell, ctx, {
          stacks: automationStackDriver(projectDir, (t) => log(t.trimEnd())),
          clusterStack: o.clusterStack ?? process.env.SCALELAB_CLUSTER_STACK ?? 'cluster',
          agentImage: o.agentImage ?? (process.env.SCALELAB_AGENT_IMAGE || undefined),
          runK6: hasK6 ? runLocalK6 : undefined,
          sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
          readinessTimeoutSeconds: 600,
          stepSeconds: 15,
          log,
        }),
      );
      try {
        await inner.run(cells, options);
      } catch (err) {
        if (err instanceof CellInterrupted) throw new UserError('interrupted: the running cell\'s stack was destroyed; run the same command again to resume', { exitCode: 130 });
        throw err;
      }
    },
  };
}
