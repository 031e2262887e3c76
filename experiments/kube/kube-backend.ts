// The `microk8s` backend: checks the tools, the Pulumi passphrase, the cluster stack and whether the experiment
// fits it (printing the real-time estimate) before the first cell, then runs cells one after another (a real
// cluster runs one scenario at a time) with the Automation API driver on this repository and the local k6.
// SIGINT/SIGTERM stop the running cell (k6's process group, Pulumi, HTTP calls), destroy its stack, and the run
// ends with exit code 130/143.
import { resolve } from 'node:path';
import type { Backend } from '../backends.ts';
import { sequentialBackend } from '../backends.ts';
import { UserError } from '../../lib/errors.ts';
import type { BackendName } from '../../lib/backend-names.ts';
import { buildWorkload } from '../../workloads/index.ts';
import { traceLoader } from '../load-trace.ts';

/** Settings read from the environment (so `scalelab run --backend microk8s` needs no extra flags). */
export interface KubeBackendOptions {
  /** Project root holding Pulumi.yaml (default: this repository, found from this module, never the cwd). */
  projectDir?: string;
  /** Cluster stack name (env SCALELAB_CLUSTER_STACK, default `cluster`). */
  clusterStack?: string;
  /** Agent image pushed from agent/controller/Dockerfile, for agent cells (env SCALELAB_AGENT_IMAGE, default Pulumi.yaml's). */
  agentImage?: string;
  /** The name records carry (default `microk8s`; the emulated backend runs this one as `emulated`). */
  backendName?: BackendName;
  /** Prometheus step and k6 bin (default 15 s) and the collector's rate() window (default the addon's 120 s), seconds. */
  stepSeconds?: number;
  collectorWindowSeconds?: number;
}

/** Builds the backend; `log` gets progress lines (stderr by default). */
export function kubeBackend(o: KubeBackendOptions = {}, log: (line: string) => void = (l) => process.stderr.write(`[microk8s] ${l}\n`)): Backend {
  const projectDir = o.projectDir ?? resolve(import.meta.dirname, '../..');
  return {
    async run(cells, options) {
      // Loaded here so `scalelab run` on the simulator does not pay for Pulumi's and execa's imports.
      const { missingTools, requireTools } = await import('./check-tools.ts');
      const { automationStackDriver } = await import('./pulumi-stacks.ts');
      const { runLocalK6 } = await import('./k6-local.ts');
      const { runKubeCell } = await import('./run-kube-cell.ts');
      const { preflight } = await import('./preflight.ts');
      const { CellInterrupted, STOP_EXIT_CODES, listenForStop, sleepUnlessStopped } = await import('./stop-signals.ts');
      try {
        await requireTools(['pulumi']);
      } catch (err) {
        throw new UserError(err instanceof Error ? err.message : String(err));
      }
      const hasK6 = (await missingTools(['k6'])).length === 0;
      if (!hasK6) log('no k6 on PATH: the load runs as the in-cluster K6Job (see docs/real-path.md)');
      const clusterStack = o.clusterStack ?? process.env.SCALELAB_CLUSTER_STACK ?? 'cluster';
      const stacks = automationStackDriver(projectDir, (t) => log(t.trimEnd()));
      const baseDir = resolve(options.baseDir);
      const loadSecondsOf = (cell: (typeof cells)[number]) => buildWorkload(cell.config.workload, { seed: cell.seed, loadTrace: traceLoader(baseDir) }).durationSeconds;
      await preflight(cells, { stacks, clusterStack, env: process.env, k6InCluster: !hasK6, loadSecondsOf, log });
      const stop = listenForStop(log);
      const inner = sequentialBackend((cell, ctx) =>
        runKubeCell(cell, ctx, {
          stacks,
          clusterStack,
          agentImage: o.agentImage ?? (process.env.SCALELAB_AGENT_IMAGE || undefined),
          runK6: hasK6 ? runLocalK6 : undefined,
          signal: stop.signal,
          sleep: sleepUnlessStopped,
          readinessTimeoutSeconds: 600,
          stepSeconds: o.stepSeconds ?? 15,
          collectorWindowSeconds: o.collectorWindowSeconds,
          backendName: o.backendName,
          log,
        }),
      );
      try {
        await inner.run(cells, options);
      } catch (err) {
        const sig = err instanceof CellInterrupted ? err.signal : stop.received();
        if (sig) throw new UserError(`interrupted by ${sig}: the running cell's stack was destroyed; run the same command again to resume`, { exitCode: STOP_EXIT_CODES[sig], cause: err });
        throw err;
      } finally {
        stop.dispose();
      }
    },
  };
}
