// Point estimates over one sample (runs or traces): mean, median, IQM, SD and interpolated quantiles.
// simple-statistics does mean/median/sample SD; the IQM and the NumPy-style quantile are written here.
import { mean as ssMean, median as ssMedian, sampleStandardDeviation } from 'simple-statistics';

function requireValues(values: readonly number[], what: string, min = 1): void {
  if (values.length < min) throw new RangeError(`${what} needs at least ${min} value(s), got ${values.length}`);
  for (const v of values) if (!Number.isFinite(v)) throw new RangeError(`${what}: non-finite value ${v}`);
}

/** Arithmetic mean. */
export function mean(values: readonly number[]): number {
  requireValues(values, 'mean');
  return ssMean(values as number[]);
}

/** Median (average of the two middle values for even n). */
export function median(values: readonly number[]): number {
  requireValues(values, 'median');
  return ssMedian(values as number[]);
}

/** Sample standard deviation (ddof = 1), as Cohen's d and the t-tests use it. */
export function sd(values: readonly number[]): number {
  requireValues(values, 'sd', 2);
  return sampleStandardDeviation(values as number[]);
}

/**
 * Quantile with linear interpolation between order statistics (NumPy's default `percentile`, R type 7);
 * use for P95s of per-step series. `q` in [0, 1].
 */
export function quantile(values: readonly number[], q: number): number {
  requireValues(values, 'quantile');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q is ${q}, expected a number in [0, 1]`);
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: q is ${q}, expected a number in [0, 1]`);
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Interquartile mean: the mean after trimming ⌊0.25·n⌋ values from each end, robust to outlier runs
 * (rliable, Agarwal et al. 2021, which computes it with scipy.stats.trim_mean(x, 0.25)).
 */
export function iqm(values: readonly number[]): number {
  requireValues(values, 'iqm');
  const sorted = [...values].sort((a, b) => a - b);
  const cut = Math.floor(0.25 * sorted.length);
  const kept = sorted.slice(cut, sorted.length - cut);
  return ssMean(kept);
}
