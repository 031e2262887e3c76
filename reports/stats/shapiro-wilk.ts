// Shapiro–Wilk W test of normality, Royston's algorithm (Royston 1992, 1995: Applied Statistics algorithm
// AS R94), valid for 3 ≤ n ≤ 5000. Use it to choose between a paired t-test and Wilcoxon on differences.
import { normalQuantile, normalSf } from './special-functions.ts';

export interface ShapiroWilkResult {
  /** The W statistic, in (0, 1]; close to 1 = consistent with normality. */
  w: number;
  /** p-value of H0 "the sample is normal". */
  p: number;
  n: number;
}

const C1 = [0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056];
const C2 = [0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
const C3 = [0.544, -0.39978, 0.025054, -6.714e-4];
const C4 = [1.3822, -0.77857, 0.062767, -0.0020322];
const C5 = [-1.5861, -0.31082, -0.083751, 0.0038915];
const C6 = [-0.4803, -0.082676, 0.0030302];

function poly(c: readonly number[], x: number): number {
  let r = 0;
  for (let i = c.length - 1; i >= 0; i--) r = r * x + c[i];
  return r;
}

/** Royston's coefficients a_1..a_{n/2} for the lowest half (a_i multiplies x_(n+1−i) − x_(i)). */
function coefficients(n: number): number[] {
  const half = Math.floor(n / 2);
  if (n === 3) return [Math.SQRT1_2];
  const m: number[] = [];
  let summ2 = 0;
  for (let i = 1; i <= half; i++) {
    const mi = normalQuantile((i - 0.375) / (n + 0.25));
    m.push(mi);
    summ2 += mi * mi;
  }
  summ2 *= 2;
  const ssumm2 = Math.sqrt(summ2);
  const rsn = 1 / Math.sqrt(n);
  const a = new Array<number>(half);
  a[0] = poly(C1, rsn) - m[0] / ssumm2;
  let first: number;
  let fac: number;
  if (n > 5) {
    a[1] = -m[1] / ssumm2 + poly(C2, rsn);
    fac = Math.sqrt((summ2 - 2 * m[0] ** 2 - 2 * m[1] ** 2) / (1 - 2 * a[0] ** 2 - 2 * a[1] ** 2));
    first = 2;
  } else {
    fac = Math.sqrt((summ2 - 2 * m[0] ** 2) / (1 - 2 * a[0] ** 2));
    first = 1;
  }
  for (let i = first; i < half; i++) a[i] = -m[i] / fac;
  return a;
}

/** Shapiro–Wilk test; throws on n < 3, n > 5000, non-finite values or a constant sample. */
export function shapiroWilk(values: readonly number[]): ShapiroWilkResult {
  const n = values.length;
  if (n < 3 || n > 5000) throw new RangeError(`shapiroWilk needs 3 ≤ n ≤ 5000 values, got ${n}`);
  for (const v of values) if (!Number.isFinite(v)) throw new RangeError(`shapiroWilk: non-finite value ${v}`);
  const x = [...values].sort((p, q) => p - q);
  const range = x[n - 1] - x[0];
  if (!(range > 0)) throw new RangeError('shapiroWilk: all values are identical, normality is undefined');
  const a = coefficients(n);
  // Centre and scale for numerical stability (W is location/scale invariant).
  const xm = x.reduce((s, v) => s + v, 0) / n;
  let ss = 0;
  for (const v of x) ss += ((v - xm) / range) ** 2;
  let num = 0;
  for (let i = 0; i < a.length; i++) num += (a[i] * (x[n - 1 - i] - x[i])) / range;
  const w = Math.min(1, (num * num) / ss);
  return { w, p: pValue(w, n), n };
}

function pValue(w: number, n: number): number {
  if (n === 3) {
    // Exact for n = 3: p = (6/π)(asin(√W) − asin(√¾)).
    const pw = (6 / Math.PI) * (Math.asin(Math.sqrt(w)) - Math.PI / 3);
    return Math.min(1, Math.max(0, pw));
  }
  const w1 = Math.log(1 - w);
  let y: number;
  let m: number;
  let s: number;
  if (n <= 11) {
    const gamma = -2.273 + 0.459 * n;
    if (w1 >= gamma) return 1e-99;
    y = -Math.log(gamma - w1);
    m = poly(C3, n);
    s = Math.exp(poly(C4, n));
  } else {
    const xx = Math.log(n);
    y = w1;
    m = poly(C5, xx);
    s = Math.exp(poly(C6, xx));
  }
  return normalSf((y - m) / s);
}
