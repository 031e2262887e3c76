// M/M/c formulas the plant uses per tick (Erlang C and the response-time distribution), kept apart so tests and
// the validation command can compare them with textbook values and the request-level simulation.
import { LATENCY_BOUNDS_MS, LATENCY_BUCKET_COUNT, LATENCY_BUCKETS_PER_DECADE } from './latency-histogram.ts';

/** Probability that an arrival waits in an M/M/c queue (Erlang C); 1 when the load a = λ/μ reaches c. */
export function erlangC(servers: number, offeredLoadErlangs: number): number {
  const c = servers;
  const a = offeredLoadErlangs;
  if (c <= 0) return 1;
  if (a <= 0) return 0;
  if (a >= c) return 1;
  // Erlang B by the stable recursion B_k = a·B_{k-1} / (k + a·B_{k-1}), then C = c·B / (c − a·(1 − B)).
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return (c * b) / (c - a * (1 - b));
}

/** Mean wait in queue of an M/M/c system, seconds (Infinity when λ ≥ cμ). */
export function mmcMeanWaitSeconds(servers: number, arrivalRate: number, serviceRate: number): number {
  const capacity = servers * serviceRate;
  if (arrivalRate >= capacity) return Number.POSITIVE_INFINITY;
  return erlangC(servers, arrivalRate / serviceRate) / (capacity - arrivalRate);
}

/**
 * P(X > x) for X = W + S with W = 0 w.p. 1 − pWait else Exp(waitRate), S ~ Exp(serviceRate): the M/M/c sojourn
 * time (waitRate = cμ − λ), or with pWait = 0 a bare exponential service.
 */
export function sojournSurvival(xSeconds: number, serviceRate: number, pWait: number, waitRate: number): number {
  if (xSeconds <= 0) return 1;
  const es = Math.exp(-serviceRate * xSeconds);
  if (pWait <= 0) return es;
  const d = waitRate - serviceRate;
  const both =
    Math.abs(d) < 1e-9 * serviceRate
      ? es * (1 + serviceRate * xSeconds)
      : (waitRate * es - serviceRate * Math.exp(-waitRate * xSeconds)) / d;
  return (1 - pWait) * es + pWait * both;
}

const TAIL_EPSILON = 1e-6;
const LAST_FINITE = LATENCY_BOUNDS_MS.length - 1;

/**
 * Adds `count` requests whose latency is fixedMs + X (X as in `sojournSurvival`) to `counts` (standard layout).
 * Returns the first touched bucket and writes one past the last touched bucket to `range[1]` (range[0] = first).
 */
export function addSojournToHistogram(
  counts: Float64Array,
  range: Int32Array,
  count: number,
  fixedMs: number,
  serviceRate: number,
  pWait: number,
  waitRate: number,
): void {
  let i = fixedMs > 1 ? Math.ceil(Math.log10(fixedMs) * LATENCY_BUCKETS_PER_DECADE - 1e-9) : 0;
  if (i > LAST_FINITE) i = LAST_FINITE + 1;
  else if (LATENCY_BOUNDS_MS[i] < fixedMs) i++;
  range[0] = i;
  let prev = 1;
  const withWait = pWait > 0;
  const d = waitRate - serviceRate;
  const degenerate = Math.abs(d) < 1e-9 * serviceRate;
  while (i <= LAST_FINITE) {
    const x = (LATENCY_BOUNDS_MS[i] - fixedMs) / 1000;
    const es = Math.exp(-serviceRate * x);
    let s = es;
    if (withWait) {
      const both = degenerate ? es * (1 + serviceRate * x) : (waitRate * es - serviceRate * Math.exp(-waitRate * x)) / d;
      s = (1 - pWait) * es + pWait * both;
    }
    counts[i] += count * (prev - s);
    prev = s;
    i++;
    if (s < TAIL_EPSILON) break;
  }
  // The remaining tail goes into the next bucket (or the overflow bucket).
  const last = i < LATENCY_BUCKET_COUNT ? i : LATENCY_BUCKET_COUNT - 1;
  counts[last] += count * prev;
  range[1] = last + 1;
}
