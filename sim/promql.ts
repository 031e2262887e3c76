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
  const n = upperBounds.length;
  if (Number.isNaN(q)) return Number.NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  if (n < 2 || upperBounds[n - 1] !== Infinity) return Number.NaN;
  const counts = Array.from(cumulative);
  for (let i = 1; i < n; i++) if (counts[i] < counts[i - 1]) counts[i] = counts[i - 1];
  const total = counts[n - 1];
  if (!(total > 0)) return Number.NaN;
  let rank = q * total;
  let b = 0;
  while (b < n - 1 && counts[b] < rank) b++;
  if (b === n - 1) return upperBounds[n - 2];
  if (b === 0 && upperBounds[0] <= 0) return upperBounds[0];
  let bucketStart = 0;
  const bucketEnd = upperBounds[b];
  let count = counts[b];
  if (b > 0) {
    bucketStart = upperBounds[b - 1];
    count -= counts[b - 1];
    rank -= counts[b - 1];
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}
