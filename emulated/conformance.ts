// HPA closed-loop conformance (issue 10): one workload through the simulator's upstream-exact HPA and through the
// real kube-controller-manager HPA on the emulated cluster (real requests through the bridge, kwok pods), then
// their desired-replica decisions compared at the simulator's sync instants, and the timing of each change.
import type { KubeClient } from './kube-client.ts';
import { KubeApiError } from './kube-client.ts';
import { waitFor } from './processes.ts';
import { runLoad } from './k6/load-runner.ts';
import type { OpenWorkload } from '../workloads/workload.ts';
import type { PlantConfig } from '../sim/config.ts';
import { simulateRun } from '../sim/simulate.ts';
import { createAutoscaler } from '../agent/registry.ts';

/** One HPA under test, in autoscaling/v2 terms (both sides get exactly this). */
export interface ConformanceHpa {
  targetCpuUtilization: number;
  minReplicas: number;
  maxReplicas: number;
  syncPeriodSeconds: number;
  behavior: Record<string, unknown>;
}

/** A replica series: desired replicas at each time (seconds since the load started). */
export type ReplicaSeries = { tSeconds: number; replicas: number }[];

export interface ConformanceResult {
  real: ReplicaSeries;
  sim: ReplicaSeries;
  decisions: number;
  withinOne: number;
  /** Per change of the simulator's desired replicas: seconds to the real HPA's matching change (+ = real later). */
  offsetsSeconds: number[];
  medianOffsetSeconds: number;
  requests: number;
}

/** The value of a step series at time t (last point at or before t). */
export function valueAt(series: ReplicaSeries, t: number): number | undefined {
  let v: number | undefined;
  for (const p of series) {
    if (p.tSeconds > t + 1e-9) break;
    v = p.replicas;
  }
  return v;
}

/** Compares two step series: decisions at the simulator's sync instants, and the lag of each change. Pure. */
export function compareSeries(real: ReplicaSeries, sim: ReplicaSeries, syncPeriodSeconds: number, durationSeconds: number): Pick<ConformanceResult, 'decisions' | 'withinOne' | 'offsetsSeconds' | 'medianOffsetSeconds'> {
  let decisions = 0, withinOne = 0;
  for (let t = syncPeriodSeconds; t <= durationSeconds + 1e-9; t += syncPeriodSeconds) {
    const r = valueAt(real, t), s = valueAt(sim, t);
    if (r === undefined || s === undefined) continue;
    decisions++;
    if (Math.abs(r - s) <= 1) withinOne++;
  }
  const changes = (series: ReplicaSeries) => series.filter((p, i) => i > 0 && p.replicas !== series[i - 1].replicas);
  const realChanges = changes(real);
  const offsetsSeconds: number[] = [];
  for (const c of changes(sim)) {
    // The real change nearest in time that reaches (within 1) the same replica count in the same direction.
    const prevSim = valueAt(sim, c.tSeconds - 1e-6) ?? c.replicas;
    const up = c.replicas > prevSim;
    let best: number | undefined;
    for (const rc of realChanges) {
      const prevReal = valueAt(real, rc.tSeconds - 1e-6) ?? rc.replicas;
      if ((rc.replicas > prevReal) !== up || Math.abs(rc.replicas - c.replicas) > 1) continue;
      const d = rc.tSeconds - c.tSeconds;
      if (best === undefined || Math.abs(d) < Math.abs(best)) best = d;
    }
    if (best !== undefined) offsetsSeconds.push(best);
  }
  const sorted = [...offsetsSeconds].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const medianOffsetSeconds = sorted.length === 0 ? Number.NaN : sorted.length % 2 ? sorted[Math.floor(mid)] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { decisions, withinOne, offsetsSeconds, medianOffsetSeconds };
}

/** The simulator's side: the same workload, plant and HPA; desired replicas per tick. */
export async function simulateHpa(workload: OpenWorkload, plant: PlantConfig, hpa: ConformanceHpa, seed: number): Promise<ReplicaSeries> {
  const autoscaler = await createAutoscaler({ name: 'hpa-conformance', type: 'hpa', targetCpuUtilization: hpa.targetCpuUtilization, minReplicas: hpa.minReplicas, maxReplicas: hpa.maxReplicas, syncPeriodSeconds: hpa.syncPeriodSeconds, behavior: hpa.behavior });
  const series: ReplicaSeries = [];
  simulateRun({
    config: { ...plant, minReplicas: hpa.minReplicas, maxReplicas: hpa.maxReplicas, initialReplicas: hpa.minReplicas },
    workload, autoscaler, seed,
    onTick: (stats) => {
      const last = series[series.length - 1];
      if (!last || last.replicas !== stats.desiredReplicas) series.push({ tSeconds: stats.tSeconds, replicas: stats.desiredReplicas });
    },
  });
  return series;
}

const NS = 'hpa-conformance';

/** The real side: Deployment + NodePort Service + autoscaling/v2 HPA, load through the bridge, HPA status polled. */
export async function runRealHpa(api: KubeClient, workload: OpenWorkload, plant: PlantConfig, hpa: ConformanceHpa, log: (l: string) => void): Promise<{ series: ReplicaSeries; requests: number }> {
  const labels = { app: 'web' };
  await api.apply(`/api/v1/namespaces/${NS}`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  await api.apply(`/apis/apps/v1/namespaces/${NS}/deployments/web`, {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: NS },
    spec: {
      replicas: hpa.minReplicas, selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', resources: { requests: { cpu: `${plant.cpuRequestMilli}m`, memory: `${plant.memoryRequestMiB}Mi` }, limits: { cpu: `${plant.cpuLimitMilli}m` } } }] } },
    },
  });
  const svc = await api.apply(`/api/v1/namespaces/${NS}/services/web`, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: NS }, spec: { type: 'NodePort', selector: labels, ports: [{ name: 'http', port: 80, targetPort: 80 }] } });
  const nodePort = svc.spec.ports[0].nodePort as number;
  await waitFor('conformance Deployment Ready', async () => ((await api.get(`/apis/apps/v1/namespaces/${NS}/deployments/web`)).status?.readyReplicas ?? 0) >= hpa.minReplicas, { timeoutMs: 120000, everyMs: 500 });
  await waitFor('pod metrics for the conformance Deployment', async () => (await api.get(`/apis/metrics.k8s.io/v1beta1/namespaces/${NS}/pods`)).items.length > 0, { timeoutMs: 120000, everyMs: 1000 });
  await waitFor(`the bridge serving 127.0.0.1:${nodePort}`, async () => (await fetch(`http://127.0.0.1:${nodePort}/`)).status === 200, { timeoutMs: 30000, everyMs: 500 });
  await api.apply(`/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers/web`, {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: NS },
    spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: hpa.minReplicas, maxReplicas: hpa.maxReplicas, behavior: hpa.behavior,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: hpa.targetCpuUtilization } } }] },
  });
  log(`load: ${workload.name} for ${workload.durationSeconds} s against 127.0.0.1:${nodePort}`);
  const t0 = Date.now();
  const series: ReplicaSeries = [{ tSeconds: 0, replicas: hpa.minReplicas }];
  let requests = 0;
  const stop = new AbortController();
  const poll = (async () => {
    while (!stop.signal.aborted) {
      try {
        const d = await api.get(`/apis/apps/v1/namespaces/${NS}/deployments/web`);
        const replicas = d.spec.replicas as number;
        if (series[series.length - 1].replicas !== replicas) series.push({ tSeconds: (Date.now() - t0) / 1000, replicas });
      } catch (err) {
        log(`poll: ${(err as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  })();
  await runLoad(workload, { targetUrl: `http://127.0.0.1:${nodePort}/`, timeoutMs: 10000, maxVus: 2000, onRequest: () => { requests++; } });
  stop.abort();
  await poll;
  return { series, requests };
}

/** Removes the conformance namespace (and waits until it is gone, so a rerun starts clean). */
export async function cleanupConformance(api: KubeClient): Promise<void> {
  try { await api.delete(`/api/v1/namespaces/${NS}`); } catch (err) { if (!(err instanceof KubeApiError && err.status === 404)) throw err; }
  await waitFor('conformance namespace deleted', async () => {
    try { await api.get(`/api/v1/namespaces/${NS}`); return false; } catch (err) { return err instanceof KubeApiError && err.status === 404; }
  }, { timeoutMs: 120000, everyMs: 1000 });
}
