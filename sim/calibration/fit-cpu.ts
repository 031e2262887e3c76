// CPU per request from the per-minute series: the Ready pods' cores (cpuUtilization × readyPods × request)
// against the request rate, least squares through the origin (the plant's model: cores = cost × rps), with a
// second fit that allows idle CPU per pod (cores = a × pods + cost × rps) as a check of that model.
import { createRng } from '../../lib/rng.ts';
import { bootstrapOverRuns, groupByRun, pointsOf } from './bootstrap-runs.ts';
import { unidentified, type FitOptions, type ParamFit } from './fit-types.ts';
import type { MinutePoint, RunSeriesView } from './minutes.ts';

/** A minute counts when pods served every request below their CPU limit: not CPU-bound (< this share of the
 * limit, where the plant caps throughput and a backlog forms) and within the SLA (no backlog, few timeouts). */
export const CPU_BOUND_SHARE = 0.9;

/** The minutes the CPU fit uses. */
export function cpuFitPoints(views: readonly RunSeriesView[]): MinutePoint[] {
  const out: MinutePoint[] = [];
  for (const v of views) {
    const limitCores = v.cpuLimitMilli / 1000;
    for (const p of v.points) {
      if (p.readyPods > 0 && p.rps > 0 && p.cores / p.readyPods < CPU_BOUND_SHARE * limitCores && p.latencyP95Ms > 0 && p.latencyP95Ms <= v.slaLatencyMs) out.push(p);
    }
  }
  return out;
}

/** Least squares through the origin: cores = b × rps. */
export function slopeThroughOrigin(points: readonly MinutePoint[]): number {
  let xy = 0, xx = 0;
  for (const p of points) {
    xy += p.rps * p.cores;
    xx += p.rps * p.rps;
  }
  return xx > 0 ? xy / xx : Number.NaN;
}

/** Least squares cores = a × readyPods + b × rps (idle CPU per pod a, cores; CPU per request b, core-seconds). */
export function slopeWithPodIntercept(points: readonly MinutePoint[]): { coresPerPod: number; coreSecondsPerRequest: number } {
  let pp = 0, px = 0, xx = 0, py = 0, xy = 0;
  for (const p of points) {
    pp += p.readyPods * p.readyPods;
    px += p.readyPods * p.rps;
    xx += p.rps * p.rps;
    py += p.readyPods * p.cores;
    xy += p.rps * p.cores;
  }
  const det = pp * xx - px * px;
  if (!(Math.abs(det) > 1e-12 * pp * xx)) return { coresPerPod: Number.NaN, coreSecondsPerRequest: Number.NaN };
  return { coresPerPod: (py * xx - px * xy) / det, coreSecondsPerRequest: (pp * xy - px * py) / det };
}

/** Use for `cpuPerRequestCoreSeconds`: the slope, a bootstrap CI over runs, and the idle-CPU check. */
export function fitCpuPerRequest(views: readonly RunSeriesView[], o: FitOptions): ParamFit {
  const points = cpuFitPoints(views);
  const rates = new Set(points.map((p) => Math.round(p.rps * 1e6)));
  if (points.length < 2 || rates.size < 2) {
    return unidentified(`needs minutes at two or more request rates with pods below ${CPU_BOUND_SHARE * 100} % of their CPU limit and P95 within the SLA; found ${points.length} such minutes`);
  }
  const estimate = slopeThroughOrigin(points);
  const byRun = groupByRun(points);
  const runs = [...byRun.keys()];
  const ci = bootstrapOverRuns(runs, (draw) => slopeThroughOrigin(pointsOf(byRun, draw)), { rng: createRng(o.seed), resamples: o.resamples, confidence: o.confidence });
  const withIntercept = slopeWithPodIntercept(points);
  let ss = 0;
  for (const p of points) ss += (p.cores - estimate * p.rps) ** 2;
  return {
    identifiable: true, estimate, unit: 'core-seconds', ci, ...(ci ? {} : { error: 'one run: no bootstrap over runs' }),
    recordsUsed: runs.length, minutesUsed: points.length,
    method: 'least squares through the origin of Ready-pod cores (cpuUtilization × readyPods × cpuRequest) against rps, over minutes below the CPU limit and within the SLA',
    details: {
      residualRmsCores: Math.sqrt(ss / points.length),
      interceptModelCoresPerPod: withIntercept.coresPerPod,
      interceptModelCoreSecondsPerRequest: withIntercept.coreSecondsPerRequest,
    },
  };
}
