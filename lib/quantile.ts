// The one linear-interpolation quantile (NumPy's default `percentile`, R type 7). simple-statistics' quantile is
// not this method (it picks or averages order statistics), so using it would change every P95 in records and
// reports; the thesis plant's NumPy-exact version with NumPy's own rounding is sim/thesis/numpy-reductions.ts.

/** The q-quantile (q in [0, 1]) of values sorted ascending; NaN for no values. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
