// Student's paired t-test and Welch's unequal-variance t-test, two-sided.
// simple-statistics gives the statistics (tTest, tTestTwoSample) but no p-values; the t CDF is ours.
import { studentTTwoSidedP } from './special-functions.ts';

export interface TTestResult {
  t: number;
  df: number;
  /** Two-sided p-value. */
  p: number;
  /** Mean difference (a − b). */
  meanDifference: number;
}

function meanVar(values: readonly number[]): { m: number; v: number } {
  const n = values.length;
  const m = values.reduce((s, x) => s + x, 0) / n;
  let ss = 0;
  for (const x of values) ss += (x - m) ** 2;
  return { m, v: ss / (n - 1) };
}

function checkFinite(values: readonly number[], what: string): void {
  for (const v of values) if (!Number.isFinite(v)) throw new RangeError(`${what}: non-finite value ${v}`);
}

/** Paired t-test on a[i] − b[i] (same seed or trace in both); use when the differences look normal. */
export function pairedTTest(a: readonly number[], b: readonly number[]): TTestResult {
  if (a.length !== b.length) throw new RangeError(`pairedTTest: samples differ in length (${a.length} vs ${b.length})`);
  if (a.length < 2) throw new RangeError(`pairedTTest needs at least 2 pairs, got ${a.length}`);
  checkFinite(a, 'pairedTTest');
  checkFinite(b, 'pairedTTest');
  const d = a.map((x, i) => x - b[i]);
  const { m, v } = meanVar(d);
  const df = d.length - 1;
  if (v === 0) return { t: m === 0 ? NaN : Math.sign(m) * Infinity, df, p: m === 0 ? NaN : 0, meanDifference: m };
  const t = m / Math.sqrt(v / d.length);
  return { t, df, p: studentTTwoSidedP(t, df), meanDifference: m };
}

/** Welch's t-test for two independent groups with possibly unequal variances (Welch–Satterthwaite df). */
export function welchTTest(a: readonly number[], b: readonly number[]): TTestResult {
  if (a.length < 2 || b.length < 2) throw new RangeError(`welchTTest needs ≥ 2 values per group, got ${a.length} and ${b.length}`);
  checkFinite(a, 'welchTTest');
  checkFinite(b, 'welchTTest');
  const x = meanVar(a);
  const y = meanVar(b);
  const va = x.v / a.length;
  const vb = y.v / b.length;
  const meanDifference = x.m - y.m;
  if (va + vb === 0) {
    const t = meanDifference === 0 ? NaN : Math.sign(meanDifference) * Infinity;
    return { t, df: a.length + b.length - 2, p: meanDifference === 0 ? NaN : 0, meanDifference };
  }
  const t = meanDifference / Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return { t, df, p: studentTTwoSidedP(t, df), meanDifference };
}
