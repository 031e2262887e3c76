import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { shapiroWilk } from '../../../reports/stats/shapiro-wilk.ts';

// Expected W and p: Shapiro & Wilk (1965) weights example (W = 0.79, R's shapiro.test: W = 0.78881,
// p = 0.006704) and scipy.stats.shapiro (SciPy 1.17.1, same AS R94 algorithm) for the others.
const cases: { name: string; x: number[]; w: number; p: number }[] = [
  { name: 'the Shapiro–Wilk 1965 weights of 11 men', x: [148, 154, 158, 160, 161, 162, 166, 170, 182, 195, 236], w: 0.7888146948631716, p: 0.006703814061898823 },
  { name: 'n = 3 (exact p formula)', x: [1, 2, 4], w: 0.9642857142857142, p: 0.6368868450289689 },
  { name: 'n = 5 (small-sample coefficients)', x: [2.2, 3.1, 3.3, 4.0, 7.5], w: 0.8331066508707943, p: 0.14675071210709423 },
  { name: 'n = 10 near-normal sample', x: [2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.9, 3.7, 4.1], w: 0.9786775883672248, p: 0.9576993391781758 },
  { name: 'n = 15 cucumber differences (SciPy wilcoxon docs)', x: [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75], w: 0.900787615705711, p: 0.09784703610039157 },
  {
    name: 'n = 40 (large-sample branch)',
    x: [0.0, 8.715, 9.693, 2.311, -6.368, -8.089, -0.994, 8.67, 12.294, 6.821, -2.44, -6.7, -1.766, 8.102, 14.106, 11.003, 1.921, -4.514, -2.11, 7.199, 15.129, 14.667, 6.511, -1.562, -1.856, 6.176, 15.426, 17.664, 11.109, 2.064, -0.88, 5.26, 15.114, 19.899, 15.491, 6.218, 0.882, 4.665, 14.364, 21.338],
    w: 0.9693319994393867,
    p: 0.342725820822799,
  },
];

for (const c of cases) {
  test(`Shapiro–Wilk reproduces the published W and p for ${c.name}`, () => {
    const r = shapiroWilk(c.x);
    // SciPy uses a 7-digit normal quantile (ppnd7) for the coefficients; agreement to 1e-6 is expected.
    assert.ok(Math.abs(r.w - c.w) < 1e-6, `W ${r.w} vs ${c.w}`);
    assert.ok(Math.abs(r.p - c.p) < 1e-6, `p ${r.p} vs ${c.p}`);
  });
}

test('Shapiro–Wilk refuses constant samples and n < 3 with a clear message', () => {
  assert.throws(() => shapiroWilk([1, 1, 1, 1]), /identical/);
  assert.throws(() => shapiroWilk([1, 2]), /3 ≤ n/);
});
