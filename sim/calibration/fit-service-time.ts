// Base service time from the minutes at low load. The plant's latency of a request is a fixed delay plus the
// M/M/c sojourn time (exponential CPU service at the limit, Erlang-C wait), binned in the standard histogram
// (latency-model.ts, with the plant's per-tick Poisson mixture when the records' plant draws arrivals); given
// the fitted CPU per request, each low-load minute's P95 determines the fixed delay exactly (P95 grows
// with it one for one), and base = fixed delay + mean CPU time at the limit.
import { quantileSorted } from '../../lib/quantile.ts';
import { createRng } from '../../lib/rng.ts';
import { fixedDelayForP95 } from './latency-model.ts';
import { bootstrapOverRuns, groupByRun, pointsOf } from './bootstrap-runs.ts';
import { unidentified, type FitOptions, type ParamFit } from './fit-types.ts';
import type { RunSeriesView } from './minutes.ts';

/** Low load: the Ready pods' utilization of their CPU capacity (λ / cμ) at most this. */
export const LOW_LOAD_UTILIZATION = 0.5;

/** One low-load minute's estimate of the base service time. */
interface BasePoint {
  run: number;
  baseMs: number;
}

/** Use for `baseServiceTimeMs` once CPU per request is known (fitted, or the default when it is not identifiable). */
export function fitBaseServiceTime(views: readonly RunSeriesView[], cpuPerRequestCoreSeconds: number, o: FitOptions): ParamFit {
  const points: BasePoint[] = [];
  for (const v of views) {
    const mu = v.cpuLimitMilli / 1000 / cpuPerRequestCoreSeconds;
    for (const p of v.points) {
      const c = Math.round(p.readyPods);
      const steady = c >= 1 && Math.abs(p.readyPods - c) < 1e-6 && p.desiredReplicas === c;
      if (!steady || !(p.rps > 0) || !(p.latencyP95Ms > 0) || p.rps / (c * mu) > LOW_LOAD_UTILIZATION) continue;
      points.push({ run: v.run, baseMs: fixedDelayForP95(c, p.rps, mu, p.latencyP95Ms, v.arrivals) + 1000 / mu });
    }
  }
  if (points.length === 0) {
    return unidentified(`no low-load minutes: needs minutes with a steady whole number of Ready pods (= desired) serving requests at ≤ ${LOW_LOAD_UTILIZATION * 100} % of their CPU capacity`);
  }
  const median = (ps: readonly BasePoint[]): number => quantileSorted(ps.map((p) => p.baseMs).sort((a, b) => a - b), 0.5);
  const byRun = groupByRun(points);
  const runs = [...byRun.keys()];
  const ci = bootstrapOverRuns(runs, (draw) => median(pointsOf(byRun, draw)), { rng: createRng(o.seed + 1), resamples: o.resamples, confidence: o.confidence });
  const sorted = points.map((p) => p.baseMs).sort((a, b) => a - b);
  return {
    identifiable: true, estimate: median(points), unit: 'ms', ci, ...(ci ? {} : { error: 'one run: no bootstrap over runs' }),
    recordsUsed: runs.length, minutesUsed: points.length,
    method: `median over low-load minutes (≤ ${LOW_LOAD_UTILIZATION * 100} % of CPU capacity, steady pods) of the base time that makes the plant's M/M/c + fixed-delay P95 equal the observed P95, at the fitted CPU per request (the CI holds that fixed)`,
    details: { interquartileMs: [quantileSorted(sorted, 0.25), quantileSorted(sorted, 0.75)], cpuPerRequestUsedCoreSeconds: cpuPerRequestCoreSeconds },
  };
}
