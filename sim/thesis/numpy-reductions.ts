// NumPy's float64 reductions with its exact rounding (pairwise sum, mean, median, linear percentile), so that
// thesis-plant statistics match the thesis's Python output to the last digit rather than only approximately.

const PAIRWISE_BLOCK = 128;

function pairwise(values: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += values[start + i];
    return res;
  }
  if (n <= PAIRWISE_BLOCK) {
    let r0 = values[start];
    let r1 = values[start + 1];
    let r2 = values[start + 2];
    let r3 = values[start + 3];
    let r4 = values[start + 4];
    let r5 = values[start + 5];
    let r6 = values[start + 6];
    let r7 = values[start + 7];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      const p = start + i;
      r0 += values[p];
      r1 += values[p + 1];
      r2 += values[p + 2];
      r3 += values[p + 3];
      r4 += values[p + 4];
      r5 += values[p + 5];
      r6 += values[p + 6];
      r7 += values[p + 7];
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += values[start + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(values, start, n2) + pairwise(values, start + n2, n - n2);
}

/** `np.sum` of a contiguous float64 array: NumPy's pairwise summation (blocks of 128, 8 accumulators). */
export function npSum(values: ArrayLike<number>): number {
  return pairwise(values, 0, values.length);
}

/** `np.mean`: the pairwise sum divided by the count (NaN for an empty array, as NumPy). */
export function npMean(values: ArrayLike<number>): number {
  return npSum(values) / values.length;
}

/** `np.percentile(values, q)` with NumPy's default linear method (including its lerp rounding), `q` in [0, 100]. */
export function npPercentile(values: ArrayLike<number>, q: number): number {
  return percentileOfSorted(Float64Array.from(values).sort(), q);
}

/** Like `npPercentile` for values already sorted ascending (saves a sort when several percentiles are needed). */
export function percentileOfSorted(sorted: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 100)) throw new RangeError(`percentile q must be in [0, 100], got ${q}`);
  const n = sorted.length;
  if (n === 0) return NaN;
  const virtualIndex = (q / 100) * (n - 1);
  const lower = Math.floor(virtualIndex);
  const upper = Math.min(lower + 1, n - 1);
  const t = virtualIndex - lower;
  const a = sorted[lower];
  const b = sorted[upper];
  const diff = b - a;
  // NumPy's _lerp: a + diff·t, but b − diff·(1 − t) when t ≥ 0.5 (keeps monotonicity near b).
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

/** `np.median` of values already sorted ascending: the middle value, or the mean of the two middle values. */
export function medianOfSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  if (n % 2 === 1) return sorted[mid];
  return (0 + sorted[mid - 1] + sorted[mid]) / 2;
}
