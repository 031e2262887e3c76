// The two PromQL functions the observation contract uses (DESIGN.md §2a), written out as Prometheus 2.x computes
// them, so the simulator's observation equals what the controller's query returns on the same scraped samples:
// `rate()` (promql/functions.go extrapolatedRate, closed range [t − w, t]) and `histogram_quantile()`
// (promql/quantile.go bucketQuantile). Pure.

/** One scraped sample: time in seconds, value. */
export interface Sample {
  t: number;
  v: number;
}

/**
 * `rate(counter[rangeSeconds])` evaluated at `atSeconds` over the samples with t in [at − range, at] (ascending).
 * Counter resets are corrected; the increase is extrapolated towards the range's ends (never below zero, never
 * past 1.1 average intervals). NaN when fewer than two samples fall in the range (Prometheus returns no value).
 */
export function promRate(samples: readonly Sample[], atSeconds: number, rangeSeconds: number): number {
  return promRateOf(samples.map((s) => s.t), samples.map((s) => s.v), samples.length, atSeconds, rangeSeconds);
}

/** `promRate` over parallel arrays (the first `n` entries, times ascending): no allocation, for the simulator. */
export function promRateOf(ts: ArrayLike<number>, vs: ArrayLike<number>, n: number, atSeconds: number, rangeSeconds: number): number {
  const rangeStart = atSeconds - rangeSeconds;
  let first = -1, last = -1;
  for (let i = 0; i < n; i++) {
    const t = ts[i];
    if (t < rangeStart || t > atSeconds) continue;
    if (first < 0) first = i;
    last = i;
  }
  if (first < 0 || last - first < 1) return Number.NaN;
  let result = vs[last] - vs[first];
  for (let i = first + 1; i <= last; i++) if (vs[i] < vs[i - 1]) result += vs[i - 1];
  const firstT = ts[first];
  const lastT = ts[last];
  let durationToStart = firstT - rangeStart;
  const durationToEnd = atSeconds - lastT;
  const sampled = lastT - firstT;
  const averageBetween = sampled / (last - first);
  const firstV = vs[first];
  if (result > 0 && firstV >= 0) {
    const durationToZero = sampled * (firstV / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = averageBetween * 1.1;
  let extrapolateTo = sampled;
  extrapolateTo += durationToStart < threshold ? durationToStart : averageBetween / 2;
  extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetween / 2;
  return (result * (extrapolateTo / sampled)) / rangeSeconds;
}

/**
 * `histogram_quantile(q, …)` over cumulative buckets (upper bounds ascending, the last +Inf) with their rates.
 * Linear interpolation inside the bucket (from 0 in the first); the +Inf bucket answers the highest finite bound;
 * NaN without observations. Non-monotonic cumulative counts are made monotonic first, as Prometheus does.
 */
export function histogramQuantile(q: number, upperBounds: ArrayLike<number>, cumulative: ArrayLike<number>): number {
  return histogramQuantileOf(q, upperBounds, (k) => cumulative[k]);
}

/**
 * `histogramQuantile` reading bucket k's cumulative value through `at(k)`, called only for the +Inf bucket and the
 * buckets up to the answer (the same result: the monotonic fix and the search use only that prefix).
 */
export function histogramQuantileOf(q: number, upperBounds: ArrayLike<number>, at: (k: number) => number): number {
  const n = upperBounds.length;
  if (Number.isNaN(q)) return Number.NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (n < 2 || upperBounds[n - 1] !== Infinity) return Number.NaN;
  // ensureMonotonic: each count is the running maximum; the +Inf count is the maximum of all.
  let total = at(n - 1);
  if (!(total > 0)) {
    // A larger finite bucket could still lift the monotonic total; scan all (rare: an empty +Inf bucket).
    for (let k = 0; k < n - 1; k++) total = Math.max(total, at(k));
    if (!(total > 0)) return Number.NaN;
  }
  const rank = q * total;
  let prev = 0;
  let running = -Infinity;
  for (let b = 0; b < n - 1; b++) {
    const count = Math.max(running, at(b));
    if (count >= rank) {
      if (b === 0 && upperBounds[0] <= 0) return upperBounds[0];
      const bucketStart = b > 0 ? upperBounds[b - 1] : 0;
      const below = b > 0 ? prev : 0;
      return bucketStart + (upperBounds[b] - bucketStart) * ((rank - below) / (count - below));
    }
    running = count;
    prev = count;
  }
  return upperBounds[n - 2];
}
