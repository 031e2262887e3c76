// Mann–Whitney U test for two independent groups, two-sided, with SciPy 1.17.1's `method='auto'` rule
// (scipy/stats/_mannwhitneyu.py, `_mwu_choose_method`): exact null distribution when at least one group has
// ≤ 8 values and there are no ties; otherwise the normal approximation with tie correction and continuity
// correction (SciPy's default use_continuity=True). p = 2·P(U ≥ max(U1, U2)), capped at 1, as SciPy computes it.
import { normalSf } from './special-functions.ts';
import { rankWithTies } from './ranks.ts';

export interface MannWhitneyResult {
  /** U of the first group: number of pairs (x, y) with x > y, ties counting ½. */
  u1: number;
  u2: number;
  p: number;
  method: 'exact' | 'normal';
}

/** Group size at or below which SciPy 1.17.1's 'auto' uses the exact distribution (when there are no ties). */
export const MWU_EXACT_MAX_N = 8;

/**
 * P(U = u) for u = 0..n1·n2 under H0 (all C(n1+n2, n1) arrangements equally likely), by the recurrence
 * f(i, j, u) = f(i−1, j, u−j) + f(i, j−1, u) on probabilities scaled by i/(i+j) and j/(i+j) so that large
 * groups (one ≤ 8, the other in the thousands) neither overflow nor lose precision.
 */
function exactPmf(n1: number, n2: number): number[] {
  // prev[j] = distribution for (i − 1, j); cur[j] = for (i, j).
  let prev: number[][] = Array.from({ length: n2 + 1 }, () => [1]);
  for (let i = 1; i <= n1; i++) {
    const cur: number[][] = [[1]];
    for (let j = 1; j <= n2; j++) {
      const row = new Array<number>(i * j + 1).fill(0);
      const wLeft = i / (i + j); // the largest value belongs to group 1: it beats all j values of group 2
      const left = prev[j];
      for (let u = 0; u < left.length; u++) row[u + j] += wLeft * left[u];
      const wDown = j / (i + j);
      const down = cur[j - 1];
      for (let u = 0; u < down.length; u++) row[u] += wDown * down[u];
      cur.push(row);
    }
    prev = cur;
  }
  return prev[n2];
}

/** Mann–Whitney U test of groups x and y. */
export function mannWhitneyU(x: readonly number[], y: readonly number[]): MannWhitneyResult {
  if (x.length === 0 || y.length === 0) throw new RangeError(`mannWhitneyU needs values in both groups, got ${x.length} and ${y.length}`);
  for (const v of [...x, ...y]) if (!Number.isFinite(v)) throw new RangeError(`mannWhitneyU: non-finite value ${v}`);
  const n1 = x.length;
  const n2 = y.length;
  const { ranks, tieSizes } = rankWithTies([...x, ...y]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i];
  const u1 = r1 - (n1 * (n1 + 1)) / 2;
  const u2 = n1 * n2 - u1;
  const uMax = Math.max(u1, u2);
  if ((n1 <= MWU_EXACT_MAX_N || n2 <= MWU_EXACT_MAX_N) && tieSizes.length === 0) {
    // The distribution of U is the same with the groups swapped; run the recurrence over the smaller one.
    const pmf = n1 <= n2 ? exactPmf(n1, n2) : exactPmf(n2, n1);
    let atLeast = 0;
    for (let u = uMax; u < pmf.length; u++) atLeast += pmf[u];
    return { u1, u2, p: Math.min(1, 2 * atLeast), method: 'exact' };
  }
  const n = n1 + n2;
  const mu = (n1 * n2) / 2;
  const tieTerm = tieSizes.reduce((s, t) => s + (t ** 3 - t), 0);
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  // All values tied: SciPy's z is −∞ (numerator −0.5 over 0) and p = 1.
  const z = sigma === 0 ? -Infinity : (uMax - mu - 0.5) / sigma;
  return { u1, u2, p: Math.min(1, 2 * normalSf(z)), method: 'normal' };
}
