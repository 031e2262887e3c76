// The kubelet's part for the pods of Jobs that run a scalelab image (the k8s-jobs sweeps, `scalelab submit`): kwok
// runs no containers, so once kwok reports such a pod Running, its container runs here as a local process
// (local-container.ts: the image's entrypoint from this checkout, the container's args and env, JOB_COMPLETION_INDEX
// from the pod's annotation through its fieldRef), with its volumes as local folders (ConfigMaps read from the API,
// the ServiceAccount token of the pod, so the real API server enforces the Job's Role on what the pod writes).
// When it exits, the pod's status becomes Succeeded or Failed with the exit code (status subresource), which is
// what the real Job controller counts. The emulated cluster's kwok stages have no pod-complete stage, so nothing
// else ends a Job pod. A pod deleted while it runs has its process stopped (SIGTERM).
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants } from 'node:os';
import type { ClusterState } from '../cluster-state.ts';
import { KubeApiError, type KubeClient } from '../kube-client.ts';
import type { ClusterView, PodView } from './cluster-view.ts';
import { localEntrypoint, localProcessFor } from './local-container.ts';
import { SERVICE_ACCOUNT_MOUNT, writeServiceAccountDir } from './service-account-dir.ts';

export interface JobPodRunner {
  sync(view: ClusterView): Promise<void>;
  close(): Promise<void>;
}

/** True for a pod this runner runs: owned by a Job, its image one of scalelab's (local-container.ts). */
export const isScalelabJobPod = (p: PodView, repoRoot: string) => p.ownerKind === 'Job' && p.containers.length > 0 && localEntrypoint(p.containers[0].image, repoRoot, process.execPath) !== undefined;

/** The status a kubelet reports for a pod whose only container ended with `exitCode`. */
export function terminatedStatus(o: { container: string; image: string; exitCode: number; startedAt: string; finishedAt: string }): object {
  const phase = o.exitCode === 0 ? 'Succeeded' : 'Failed';
  const cond = (type: string, status: boolean) => ({ type, status: status ? 'True' : 'False', lastTransitionTime: o.finishedAt, ...(status ? {} : { reason: 'PodCompleted' }) });
  return {
    status: {
      phase,
      conditions: [cond('Initialized', true), cond('Ready', false), cond('ContainersReady', false), cond('PodScheduled', true)],
      containerStatuses: [{
        name: o.container, image: o.image, imageID: '', ready: false, started: false, restartCount: 0,
        state: { terminated: { exitCode: o.exitCode, reason: o.exitCode === 0 ? 'Completed' : 'Error', startedAt: o.startedAt, finishedAt: o.finishedAt } },
      }],
    },
  };
}

/** Use in the bridge beside the agent runner: call `sync` with every fresh view of the cluster. */
export function createJobPodRunner(o: { dir: string; state: ClusterState; api: KubeClient; caCertFile: string; repoRoot: string; log: (line: string) => void }): JobPodRunner {
  const running = new Map<string, { child: ChildProcess; stopped: boolean }>();
  /** Pods whose process ended (or could not start), with the status still to write (undefined once written). */
  const ended = new Map<string, object | undefined>();
  const starting = new Set<string>();
  const podPath = (p: { namespace: string; name: string }) => `/api/v1/namespaces/${p.namespace}/pods/${p.name}`;

  async function writeStatus(key: string, pod: { namespace: string; name: string }): Promise<void> {
    const body = ended.get(key);
    if (body === undefined) return;
    try {
      await o.api.patch(`${podPath(pod)}/status`, body, 'merge');
      ended.set(key, undefined);
    } catch (err) {
      if (err instanceof KubeApiError && err.status === 404) ended.set(key, undefined);
      else o.log(`job pod ${key}: status not written yet (${err instanceof Error ? err.message : String(err)}); retrying`);
    }
  }

  /** The pod's volumes as local folders (mountPath → folder), or why one cannot be provided. */
  async function mountVolumes(raw: any, home: string): Promise<{ mounts: Map<string, string>; saDir?: string } | { reason: string }> {
    const mounts = new Map<string, string>();
    let saDir: string | undefined;
    for (const vm of raw.spec.containers[0].volumeMounts ?? []) {
      const vol = (raw.spec.volumes ?? []).find((v: any) => v.name === vm.name);
      const local = join(home, 'volumes', vm.name);
      if (vm.subPath) return { reason: `volume mount ${vm.name}: subPath is not supported here` };
      if (vol?.configMap) {
        const cm = await o.api.get(`/api/v1/namespaces/${raw.metadata.namespace}/configmaps/${vol.configMap.name}`);
        mkdirSync(local, { recursive: true });
        const keys: Record<string, Buffer> = {
          ...Object.fromEntries(Object.entries<string>(cm.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'utf8')])),
          ...Object.fromEntries(Object.entries<string>(cm.binaryData ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
        };
        const items: { key: string; path: string }[] = vol.configMap.items ?? Object.keys(keys).map((k) => ({ key: k, path: k }));
        for (const it of items) writeFileSync(join(local, it.path), keys[it.key] ?? Buffer.alloc(0));
      } else if (vol?.projected?.sources?.some((s: any) => s.serviceAccountToken)) {
        await writeServiceAccountDir(o.api, { namespace: raw.metadata.namespace, name: raw.metadata.name, uid: raw.metadata.uid, serviceAccountName: raw.spec.serviceAccountName }, local, o.caCertFile);
        if (vm.mountPath === SERVICE_ACCOUNT_MOUNT) saDir = local;
      } else if (vol?.emptyDir) {
        mkdirSync(local, { recursive: true });
      } else {
        return { reason: `volume ${vm.name}: only configMap, emptyDir and the ServiceAccount projection are supported here` };
      }
      mounts.set(vm.mountPath, local);
    }
    return { mounts, saDir };
  }

  async function start(pod: PodView, key: string): Promise<void> {
    const raw = await o.api.get(podPath(pod));
    const home = join(o.dir, 'pods', `${pod.namespace}_${pod.name}`);
    const startedAt = new Date().toISOString();
    const refuse = (reason: string) => {
      o.log(`job pod ${key} cannot run here: ${reason}`);
      ended.set(key, terminatedStatus({ container: raw.spec.containers[0]?.name ?? 'main', image: pod.containers[0].image, exitCode: 128, startedAt, finishedAt: startedAt }));
    };
    const volumes = await mountVolumes(raw, home);
    if ('reason' in volumes) return refuse(volumes.reason);
    const extraEnv: Record<string, string> = { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: String(o.state.ports.apiserver) };
    if (volumes.saDir) extraEnv.SCALELAB_SERVICEACCOUNT_DIR = volumes.saDir;
    const proc = localProcessFor(raw, { repoRoot: o.repoRoot, nodePath: process.execPath, mounts: volumes.mounts, extraEnv });
    if (!proc.ok) return refuse(proc.reason);
    const logDir = join(o.dir, 'logs', 'pods');
    mkdirSync(logDir, { recursive: true });
    const logFile = join(logDir, `${pod.namespace}_${pod.name}.log`);
    const fd = openSync(logFile, 'a');
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...proc.env };
    const child = spawn(proc.command, proc.args, { cwd: proc.cwd, env, stdio: ['ignore', fd, fd] });
    closeSync(fd);
    const entry = { child, stopped: false };
    running.set(key, entry);
    o.log(`job pod ${key} (index ${raw.metadata.annotations?.['batch.kubernetes.io/job-completion-index'] ?? '-'}) started as pid ${child.pid}: ${proc.args.slice(1).join(' ')} (log ${logFile})`);
    const onEnd = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      if (running.get(key) !== entry) return;
      running.delete(key);
      rmSync(home, { recursive: true, force: true });
      const exitCode = code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 128);
      o.log(`job pod ${key} exited with ${exitCode}${signal ? ` (${signal})` : ''}${error ? ` (${error.message})` : ''}`);
      if (entry.stopped) return; // the pod was deleted: nothing to report
      ended.set(key, terminatedStatus({ container: proc.container, image: proc.image, exitCode, startedAt, finishedAt: new Date().toISOString() }));
      void writeStatus(key, pod);
    };
    child.on('error', (err) => onEnd(null, null, err));
    child.on('exit', (code, signal) => onEnd(code, signal));
  }

  return {
    async sync(view) {
      const present = new Map(view.pods.filter((p) => !p.deleting).map((p) => [`${p.namespace}/${p.name}`, p]));
      for (const [key, r] of running) {
        if (!present.has(key)) {
          r.stopped = true;
          r.child.kill('SIGTERM');
        }
      }
      for (const [key, body] of ended) {
        const pod = present.get(key);
        if (!pod) ended.delete(key);
        else if (body !== undefined) await writeStatus(key, pod);
      }
      for (const [key, pod] of present) {
        if (pod.phase !== 'Running' || !isScalelabJobPod(pod, o.repoRoot) || running.has(key) || ended.has(key) || starting.has(key)) continue;
        starting.add(key);
        try {
          await start(pod, key);
        } catch (err) {
          o.log(`job pod ${key}: cannot start yet (${err instanceof Error ? err.message : String(err)})`);
        } finally {
          starting.delete(key);
        }
      }
    },
    async close() {
      for (const r of running.values()) {
        r.stopped = true;
        r.child.kill('SIGTERM');
      }
    },
  };
}
