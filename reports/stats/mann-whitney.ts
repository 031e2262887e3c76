// Mann–Whitney U test for two independent groups, two-sided. Exact null distribution when both groups
// have < 8 values and no ties (SciPy's method='auto' rule); otherwise the normal approximation with tie
// correction and continuity correction (SciPy's default use_continuity=True).
import { normalSf } from './special-functions.ts';
import { rankWithTies } from './ranks.ts';

export interface MannWhitneyResult {
  /** U of the first group: number of pairs (x, y) with x > y, ties counting ½. */
  u1: number;
  u2: number;
  p: number;
  method: 'exact' | 'normal';
}

/** Counts of U = 0..n1·n2 over all arrangements (recurrence f(n1, n2, u) = f(n1−1, n2, u−n2) + f(n1, n2−1, u)). */
function exactCounts(n1: number, n2: number): number[] {
  // dp over group sizes; small n only.
  let prev: number[][] = [];
  for (let j = 0; j <= n2; j++) prev.push([1]);
  for (let i = 1; i <= n1; i++) {
    const cur: number[][] = [[1]];
    for (let j = 1; j <= n2; j++) {
      const size = i * j + 1;
      const row = new Array<number>(size).fill(0);
      const left = prev[j];
      for (let u = 0; u < left.length; u++) row[u + j] += left[u];
      const down = cur[j - 1];
      for (let u = 0; u < down.length; u++) row[u] += down[u];
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
  if (n1 < 8 && n2 < 8 && tieSizes.length === 0) {
    const counts = exactCounts(n1, n2);
    const total = counts.reduce((s, c) => s + c, 0);
    let atLeast = 0;
    for (let u = Math.ceil(uMax); u < counts.length; u++) atLeast += counts[u];
    return { u1, u2, p: Math.min(1, (2 * atLeast) / total), method: 'exact' };
  }
  const n = n1 + n2;
  const mu = (n1 * n2) / 2;
  const tieTerm = tieSizes.reduce((s, t) => s + (t ** 3 - t), 0);
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const z = sigma === 0 ? 0 : (uMax - mu - 0.5) / sigma;
  return { u1, u2, p: Math.min(1, 2 * normalSf(z)), method: 'normal' };
}
