// The fixed log-spaced latency buckets every backend fills, so run-level percentiles are over requests.

/** Buckets per factor of ten: 20 gives bucket edges 12.2 % apart. */
export const LATENCY_BUCKETS_PER_DECADE = 20;

/** Upper bounds of the finite buckets, ms: 10^(i/20) for i = 0..100 (1 ms … 100 s). */
export const LATENCY_BOUNDS_MS: Float64Array = Float64Array.from({ length: 101 }, (_, i) =>
  Number((10 ** (i / LATENCY_BUCKETS_PER_DECADE)).toPrecision(12)),
);

/** Number of buckets: the finite ones plus an overflow bucket (> 100 s). */
export const LATENCY_BUCKET_COUNT = LATENCY_BOUNDS_MS.length + 1;

/** A zeroed counts array in the standard layout. */
export function createLatencyCounts(): Float64Array {
  return new Float64Array(LATENCY_BUCKET_COUNT);
}

/** Index of the bucket (bounds[i-1], bounds[i]] holding a latency in ms; use when adding single requests. */
export function latencyBucketIndex(latencyMs: number): number {
  if (!(latencyMs > 1)) return 0;
  let i = Math.ceil(Math.log10(latencyMs) * LATENCY_BUCKETS_PER_DECADE - 1e-9);
  if (i >= LATENCY_BOUNDS_MS.length) return LATENCY_BOUNDS_MS.length;
  if (LATENCY_BOUNDS_MS[i] < latencyMs) i++;
  else if (i > 0 && LATENCY_BOUNDS_MS[i - 1] >= latencyMs) i--;
  return i;
}

/**
 * The q-quantile (0..1) of a histogram in the standard layout, ms, interpolating log-linearly inside the bucket
 * (linearly from 0 in the first); NaN for an empty histogram. The overflow bucket reports 100 s.
 */
export function latencyQuantileMs(counts: ArrayLike<number>, q: number): number {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  if (!(total > 0)) return Number.NaN;
  const rank = q * total;
  let cum = 0;
  for (let i = 0; i < counts.length; i++) {
    const n = counts[i];
    if (n > 0 && cum + n >= rank) {
      if (i >= LATENCY_BOUNDS_MS.length) return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1];
      const f = Math.min(1, Math.max(0, (rank - cum) / n));
      const hi = LATENCY_BOUNDS_MS[i];
      if (i === 0) return hi * f;
      const lo = LATENCY_BOUNDS_MS[i - 1];
      return lo * (hi / lo) ** f;
    }
    cum += n;
  }
  return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1];
}

/**
 * Re-bins a histogram with other upper bounds (e.g. Prometheus `le` buckets in ms, last may be Infinity) into the
 * standard layout, spreading each source bucket log-uniformly (linearly for a bucket starting at 0). Use it to feed
 * a real cluster's latency histogram to the run recorder.
 */
export function rebinLatencyHistogram(boundsMs: readonly number[], counts: readonly number[]): Float64Array {
  if (boundsMs.length !== counts.length) throw new RangeError(`rebin: ${boundsMs.length} bounds but ${counts.length} counts`);
  const out = createLatencyCounts();
  let lo = 0;
  for (let k = 0; k < boundsMs.length; k++) {
    const hi = boundsMs[k];
    const n = counts[k];
    if (!(hi > lo)) throw new RangeError(`rebin: bounds must increase, got ${lo} then ${hi}`);
    if (n > 0) {
      if (!Number.isFinite(hi)) {
        out[latencyBucketIndex(lo * 1.0000001)] += n;
      } else {
        const a = latencyBucketIndex(lo === 0 ? Number.MIN_VALUE : lo * 1.0000001);
        const b = latencyBucketIndex(hi);
        const span = lo === 0 ? hi : Math.log(hi / lo);
        for (let i = a; i <= b; i++) {
          const bl = Math.max(lo, i === 0 ? 0 : LATENCY_BOUNDS_MS[i - 1]);
          const bh = Math.min(hi, i < LATENCY_BOUNDS_MS.length ? LATENCY_BOUNDS_MS[i] : hi);
          const width = lo === 0 ? bh - bl : bl > 0 ? Math.log(bh / bl) : 0;
          if (width > 0) out[i] += (n * width) / span;
        }
      }
    }
    lo = hi;
  }
  return out;
}
