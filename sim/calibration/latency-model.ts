// The P95 latency the plant shows for one minute of c Ready pods at λ req/s: the fixed delay plus the M/M/c
// sojourn time, binned in the standard histogram. With Poisson arrivals the plant draws each tick's count and
// treats the tick as stationary at that count's rate, so the minute's histogram is a request-weighted mixture
// over the Poisson counts; without, one stationary distribution at λ.
import { createLatencyCounts, latencyQuantileMs } from '../latency-histogram.ts';
import { addSojournToHistogram, erlangC } from '../queueing.ts';

/** Per-tick arrival model of the records' plant (config.plant.poissonArrivals, tickSeconds). */
export interface ArrivalModel {
  poisson: boolean;
  tickSeconds: number;
}

/** Most mixture terms; beyond it neighbouring counts are merged (their weighted mean count). */
const MAX_TERMS = 64;

/** Request weights of a Poisson(mean) per-tick count: [count, pmf × count], over mean ± 6 sd, normalised. */
export function poissonRequestWeights(mean: number): [number, number][] {
  const mode = Math.floor(mean);
  const half = Math.ceil(6 * Math.sqrt(mean) + 6);
  const lo = Math.max(0, mode - half), hi = mode + half;
  const pmf = new Float64Array(hi - lo + 1);
  pmf[mode - lo] = 1; // relative to the mode: p(k+1) = p(k)·mean/(k+1), p(k−1) = p(k)·k/mean
  for (let k = mode; k < hi; k++) pmf[k + 1 - lo] = (pmf[k - lo] * mean) / (k + 1);
  for (let k = mode; k > lo; k--) pmf[k - 1 - lo] = (pmf[k - lo] * k) / mean;
  const width = Math.ceil(pmf.length / MAX_TERMS);
  const terms: [number, number][] = [];
  let total = 0;
  for (let start = lo; start <= hi; start += width) {
    let w = 0, kw = 0;
    for (let k = start; k < Math.min(hi + 1, start + width); k++) {
      w += pmf[k - lo] * k;
      kw += pmf[k - lo] * k * k;
    }
    if (w > 0) terms.push([kw / w, w]);
    total += w;
  }
  return terms.map(([k, w]) => [k, w / total]);
}

/** The binned P95 (ms) of c pods at λ req/s, service rate μ per pod, fixed delay fixedMs. */
export function modelP95Ms(c: number, lambda: number, mu: number, fixedMs: number, arrivals: ArrivalModel = { poisson: false, tickSeconds: 1 }): number {
  const counts = createLatencyCounts();
  const range = new Int32Array(2);
  const add = (rate: number, weight: number): void => {
    if (rate < c * mu) addSojournToHistogram(counts, range, weight, fixedMs, mu, erlangC(c, rate / mu), c * mu - rate);
  };
  if (!arrivals.poisson) add(lambda, 1);
  else for (const [k, w] of poissonRequestWeights(lambda * arrivals.tickSeconds)) add(k / arrivals.tickSeconds, w);
  return latencyQuantileMs(counts, 0.95);
}

/** The fixed delay (ms) that makes the model's P95 equal `p95Ms` (P95 grows about one for one with it); 0 when
 * even no delay is slower than observed. */
export function fixedDelayForP95(c: number, lambda: number, mu: number, p95Ms: number, arrivals?: ArrivalModel): number {
  const f = (x: number): number => modelP95Ms(c, lambda, mu, x, arrivals) - p95Ms;
  if (f(0) >= 0) return 0;
  // Fixed-point steps x ← x − f(x) converge in a few steps (slope ≈ 1); bisection if they do not.
  let x = Math.max(0, -f(0));
  for (let k = 0; k < 20; k++) {
    const e = f(x);
    if (Math.abs(e) <= 1e-9 * p95Ms) return x;
    x = Math.min(p95Ms, Math.max(0, x - e));
  }
  let lo = 0, hi = p95Ms;
  for (let k = 0; k < 60 && hi - lo > 1e-9 * p95Ms; k++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
