// Wilcoxon signed-rank test on paired differences, two-sided.
// Choices (documented because SciPy's defaults differ in one place):
// - zero differences are dropped before ranking (SciPy's default zero_method='wilcox');
// - exact null distribution when n ≤ 50 after dropping zeros, no ties and no zeros were dropped (SciPy's
//   method='auto' rule); otherwise the normal approximation with the tie correction of the variance AND a
//   continuity correction of 0.5 (SciPy's correction=True; SciPy's default is False — the issue asks for it).
import { normalSf } from './special-functions.ts';
import { rankWithTies } from './ranks.ts';

export interface WilcoxonResult {
  /** Sum of ranks of positive differences (a > b). */
  wPlus: number;
  /** Sum of ranks of negative differences. */
  wMinus: number;
  /** min(W+, W−), the statistic SciPy reports for two-sided tests. */
  statistic: number;
  /** Two-sided p-value. */
  p: number;
  /** Non-zero differences used. */
  n: number;
  zerosDropped: number;
  method: 'exact' | 'normal';
  /** z of the normal approximation (undefined for the exact method). */
  z?: number;
}

/** Number of subsets of {1..n} with each rank sum s, s = 0..n(n+1)/2 (the exact null distribution × 2^n). */
function signedRankCounts(n: number): number[] {
  const max = (n * (n + 1)) / 2;
  const counts = new Array<number>(max + 1).fill(0);
  counts[0] = 1;
  for (let k = 1; k <= n; k++) for (let s = max; s >= k; s--) counts[s] += counts[s - k];
  return counts;
}

/** Wilcoxon signed-rank test of a[i] − b[i] (or of `a` alone against 0 when `b` is omitted). */
export function wilcoxonSignedRank(a: readonly number[], b?: readonly number[]): WilcoxonResult {
  if (b !== undefined && a.length !== b.length) {
    throw new RangeError(`wilcoxonSignedRank: samples differ in length (${a.length} vs ${b.length})`);
  }
  const all = b === undefined ? [...a] : a.map((x, i) => x - b[i]);
  for (const v of all) if (!Number.isFinite(v)) throw new RangeError(`wilcoxonSignedRank: non-finite value ${v}`);
  const d = all.filter((v) => v !== 0);
  const zerosDropped = all.length - d.length;
  const n = d.length;
  if (n === 0) return { wPlus: 0, wMinus: 0, statistic: 0, p: 1, n, zerosDropped, method: 'exact' };
  const { ranks, tieSizes } = rankWithTies(d.map(Math.abs));
  let wPlus = 0;
  let wMinus = 0;
  d.forEach((v, i) => (v > 0 ? (wPlus += ranks[i]) : (wMinus += ranks[i])));
  const statistic = Math.min(wPlus, wMinus);
  if (n <= 50 && tieSizes.length === 0 && zerosDropped === 0) {
    const counts = signedRankCounts(n);
    let below = 0;
    for (let s = 0; s <= statistic; s++) below += counts[s];
    const p = Math.min(1, (2 * below) / 2 ** n);
    return { wPlus, wMinus, statistic, p, n, zerosDropped, method: 'exact' };
  }
  const mu = (n * (n + 1)) / 4;
  let variance = (n * (n + 1) * (2 * n + 1)) / 24;
  for (const t of tieSizes) variance -= (t ** 3 - t) / 48;
  const se = Math.sqrt(variance);
  const diff = statistic - mu;
  const z = se === 0 ? 0 : (diff - 0.5 * Math.sign(diff)) / se;
  return { wPlus, wMinus, statistic, p: Math.min(1, 2 * normalSf(Math.abs(z))), n, zerosDropped, method: 'normal', z };
}
