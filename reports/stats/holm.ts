// Holm–Bonferroni step-down adjustment: controls the family-wise error rate over several metrics.

/** Holm-adjusted p-values, in the input order (same as R's p.adjust(p, "holm")); NaN stays NaN. */
export function holmAdjust(pValues: readonly number[]): number[] {
  pValues.forEach((p, i) => {
    if (!Number.isNaN(p) && !(p >= 0 && p <= 1)) throw new RangeError(`holmAdjust: p-value ${i} is ${p}, expected a probability in [0, 1] (or NaN for no test)`);
  });
  pValues.forEach((p, i) => {
    if (!Number.isNaN(p) && !(p >= 0 && p <= 1)) throw new RangeError(`holmAdjust: p-value ${i} is ${p}, expected a probability in [0, 1] (or NaN for no test)`);
  });
  const idx = pValues.map((_, i) => i).filter((i) => !Number.isNaN(pValues[i]));
  idx.sort((i, j) => pValues[i] - pValues[j]);
  const m = idx.length;
  const out = pValues.map(() => NaN);
  let running = 0;
  idx.forEach((i, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * pValues[i]));
    out[i] = running;
  });
  return out;
}
