// Wilcoxon signed-rank test on paired differences, two-sided, following scipy.stats.wilcoxon of SciPy 1.17.1
// (scipy/stats/_wilcoxon.py) with zero_method='wilcox', correction=True, method='auto':
// - zero differences are dropped before ranking (zero_method='wilcox');
// - 'auto' picks: more than 50 differences (zeros included) → normal approximation; else no ties and no zeros →
//   exact null distribution; else (ties or zeros) with at most 13 differences → an exact permutation test over
//   every sign flip (SciPy's PermutationMethod: 2^13 < its 9,999 resamples, so it enumerates); else the normal
//   approximation;
// - the normal approximation uses the tie-corrected variance and a continuity correction of 0.5. SciPy's default
//   is correction=False; this project passes correction=True (the thesis's procedure), so compare with that.
// All differences zero: NaN, method 'none' — there is nothing to test (SciPy 1.17.1 returns p = 1 through its
// permutation path for n ≤ 13 and NaN for n > 13; we return NaN for every n).
import { normalSf } from './special-functions.ts';
import { rankWithTies } from './ranks.ts';

export interface WilcoxonResult {
  /** Sum of ranks of positive differences (a > b). */
  wPlus: number;
  /** Sum of ranks of negative differences. */
  wMinus: number;
  /** min(W+, W−), the statistic SciPy reports for two-sided tests. */
  statistic: number;
  /** Two-sided p-value; NaN when every difference is zero. */
  p: number;
  /** Non-zero differences used. */
  n: number;
  zerosDropped: number;
  method: 'exact' | 'permutation' | 'normal' | 'none';
  /** z of the normal approximation (undefined for the other methods). */
  z?: number;
}

/** Above this many differences (zeros included) 'auto' always uses the normal approximation (SciPy 1.17.1). */
export const WILCOXON_EXACT_MAX_N = 50;
/** With ties or zeros, up to this many differences 'auto' enumerates every sign flip (SciPy 1.17.1). */
export const WILCOXON_PERMUTATION_MAX_N = 13;

/** Number of subsets of {1..n} with each rank sum s, s = 0..n(n+1)/2 (the exact null distribution × 2^n). */
function signedRankCounts(n: number): number[] {
  const max = (n * (n + 1)) / 2;
  const counts = new Array<number>(max + 1).fill(0);
  counts[0] = 1;
  for (let k = 1; k <= n; k++) for (let s = max; s >= k; s--) counts[s] += counts[s - k];
  return counts;
}

/**
 * Exact permutation p of W+ over all 2^n sign flips of the non-zero differences (flipping a zero changes nothing,
 * so every pattern has the same multiplicity). Same comparisons as SciPy's permutation_test: null ≤ observed + γ
 * and null ≥ observed − γ with γ = 100·ε·|observed|; p = 2·min(both shares), capped at 1.
 */
function permutationP(ranks: readonly number[], observed: number): number {
  const n = ranks.length;
  const gamma = Math.abs(100 * Number.EPSILON * observed);
  let less = 0;
  let greater = 0;
  const total = 2 ** n;
  for (let mask = 0; mask < total; mask++) {
    let s = 0;
    for (let i = 0; i < n; i++) if (mask & (1 << i)) s += ranks[i];
    if (s <= observed + gamma) less++;
    if (s >= observed - gamma) greater++;
  }
  return Math.min(1, (2 * Math.min(less, greater)) / total);
}

/** Wilcoxon signed-rank test of a[i] − b[i] (or of `a` alone against 0 when `b` is omitted). */
export function wilcoxonSignedRank(a: readonly number[], b?: readonly number[], options: { method?: 'auto' | 'normal' } = {}): WilcoxonResult {
  if (b !== undefined && a.length !== b.length) {
    throw new RangeError(`wilcoxonSignedRank: samples differ in length (${a.length} vs ${b.length})`);
  }
  const all = b === undefined ? [...a] : a.map((x, i) => x - b[i]);
  for (const v of all) if (!Number.isFinite(v)) throw new RangeError(`wilcoxonSignedRank: non-finite value ${v}`);
  const d = all.filter((v) => v !== 0);
  const zerosDropped = all.length - d.length;
  const n = d.length;
  if (n === 0) return { wPlus: 0, wMinus: 0, statistic: 0, p: NaN, n, zerosDropped, method: 'none' };
  const { ranks, tieSizes } = rankWithTies(d.map(Math.abs));
  let wPlus = 0;
  let wMinus = 0;
  d.forEach((v, i) => (v > 0 ? (wPlus += ranks[i]) : (wMinus += ranks[i])));
  const statistic = Math.min(wPlus, wMinus);
  const result = { wPlus, wMinus, statistic, n, zerosDropped };
  const auto = options.method !== 'normal' && all.length <= WILCOXON_EXACT_MAX_N;
  if (auto && tieSizes.length === 0 && zerosDropped === 0) {
    const counts = signedRankCounts(n);
    let below = 0;
    for (let s = 0; s <= statistic; s++) below += counts[s];
    return { ...result, p: Math.min(1, (2 * below) / 2 ** n), method: 'exact' };
  }
  if (auto && all.length <= WILCOXON_PERMUTATION_MAX_N) return { ...result, p: permutationP(ranks, wPlus), method: 'permutation' };
  const mu = (n * (n + 1)) / 4;
  let variance = (n * (n + 1) * (2 * n + 1)) / 24;
  for (const t of tieSizes) variance -= (t ** 3 - t) / 48;
  const se = Math.sqrt(variance);
  const diff = statistic - mu;
  const z = se === 0 ? 0 : (diff - 0.5 * Math.sign(diff)) / se;
  return { ...result, p: Math.min(1, 2 * normalSf(Math.abs(z))), method: 'normal', z };
}
