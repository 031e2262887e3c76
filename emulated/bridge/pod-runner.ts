// Local stand-ins for pods whose work matters but that kwok cannot run: the RL agent's controller runs as a local
// process with its pod's environment and a token of its pod's ServiceAccount (so the real API server enforces its
// Role), pointed at this machine's API server and Prometheus. Stopped when its pod goes away. The pods of Jobs that
// run a scalelab image (k8s-jobs sweeps, `scalelab submit`) are run to completion by job-pods.ts.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, closeSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ClusterState } from '../cluster-state.ts';
import { clusterFiles } from '../control-plane.ts';
import { ensureCerts } from '../certs.ts';
import type { KubeClient } from '../kube-client.ts';
import { repoRoot } from '../paths.ts';
import { freePort } from '../processes.ts';
import type { ClusterView, PodView } from './cluster-view.ts';
import { createJobPodRunner } from './job-pods.ts';
import { writeServiceAccountDir } from './service-account-dir.ts';

export interface PodRunner {
  sync(view: ClusterView): Promise<void>;
  close(): Promise<void>;
}

/** True for the agent pods the scenario stacks create (their container runs agent/controller/main.ts). */
export const isAgentPod = (p: PodView) => p.containers.some((c) => 'SCALELAB_POLICY' in c.env);

export function createPodRunner(o: { dir: string; state: ClusterState; api: KubeClient; log: (line: string) => void }): PodRunner {
  const running = new Map<string, { child: ChildProcess; metricsPort: number; pod: PodView }>();
  const starting = new Set<string>();
  const files = clusterFiles(o.dir);
  const pki = ensureCerts(files.certs);
  const jobPods = createJobPodRunner({ dir: o.dir, state: o.state, api: o.api, caCertFile: pki.caCert, repoRoot, log: o.log });

  function writeTargets(): void {
    const targets = [...running.values()].map((r) => ({ targets: [`127.0.0.1:${r.metricsPort}`], labels: { namespace: r.pod.namespace, pod: r.pod.name, job: 'scalelab-agent' } }));
    writeFileSync(files.agentTargets, `${JSON.stringify(targets)}\n`);
  }

  async function startAgent(pod: PodView): Promise<void> {
    const key = `${pod.namespace}/${pod.name}`;
    const home = join(o.dir, 'agents', `${pod.namespace}-${pod.name}`);
    mkdirSync(home, { recursive: true });
    const sa = pod.serviceAccountName ?? 'default';
    await writeServiceAccountDir(o.api, pod, home, pki.caCert);
    const metricsPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...pod.containers[0].env,
      KUBERNETES_SERVICE_HOST: '127.0.0.1',
      KUBERNETES_SERVICE_PORT: String(o.state.ports.apiserver),
      SCALELAB_SERVICEACCOUNT_DIR: home,
      SCALELAB_PROMETHEUS_URL: `http://127.0.0.1:${o.state.ports.prometheus}`,
      SCALELAB_METRICS_PORT: String(metricsPort),
    };
    const logFd = openSync(join(home, 'agent.log'), 'a');
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'agent', 'controller', 'main.ts')], { cwd: repoRoot, env, stdio: ['ignore', logFd, logFd] });
    closeSync(logFd);
    child.on('exit', (code, signal) => {
      o.log(`agent ${key} exited (${signal ?? code})`);
      if (running.get(key)?.child === child) running.delete(key);
      writeTargets();
    });
    running.set(key, { child, metricsPort, pod });
    writeTargets();
    o.log(`agent ${key} started as pid ${child.pid} (ServiceAccount ${sa}, log ${join(home, 'agent.log')})`);
  }

  return {
    async sync(view) {
      await jobPods.sync(view);
      const wanted = new Map(view.pods.filter((p) => isAgentPod(p) && p.ready && !p.deleting).map((p) => [`${p.namespace}/${p.name}`, p]));
      for (const [key, r] of running) {
        if (!wanted.has(key)) {
          r.child.kill('SIGTERM');
          running.delete(key);
          writeTargets();
        }
      }
      for (const [key, pod] of wanted) {
        if (running.has(key) || starting.has(key)) continue;
        starting.add(key);
        try {
          await startAgent(pod);
        } catch (err) {
          o.log(`cannot start agent ${key}: ${err instanceof Error ? err.message : String(err)}`);
        } finally {
          starting.delete(key);
        }
      }
    },
    async close() {
      await jobPods.close();
      for (const r of running.values()) r.child.kill('SIGTERM');
      running.clear();
    },
  };
}
