import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { mannWhitneyU } from '../../../reports/stats/mann-whitney.ts';
import { normalSf } from '../../../reports/stats/special-functions.ts';

test('the exact Mann–Whitney test reproduces the SciPy documentation example', () => {
  // scipy.stats.mannwhitneyu docs (males vs females): U1 = 17, p = 0.1111111111111111 (exact).
  const r = mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12]);
  assert.is(r.method, 'exact');
  assert.is(r.u1, 17);
  assert.ok(Math.abs(r.p - 1 / 9) < 1e-15);
});

test('with ties the normal approximation with tie and continuity correction matches SciPy', () => {
  // SciPy 1.17.1 mannwhitneyu (method auto → asymptotic because of ties): U1 = 34.5, p = 0.9228214913547472.
  const r = mannWhitneyU([1, 2, 2, 3, 5, 7, 8, 9, 9], [2, 3, 4, 4, 6, 6, 6, 10]);
  assert.is(r.method, 'normal');
  assert.is(r.u1, 34.5);
  assert.ok(Math.abs(r.p - 0.9228214913547472) < 1e-12);
});

test('U1 + U2 = n1·n2 and completely separated groups give the smallest exact p', () => {
  const r = mannWhitneyU([10, 11, 12], [1, 2, 3]);
  assert.is(r.u1 + r.u2, 9);
  // 2 of C(6,3) = 20 arrangements are as extreme → p = 2·1/20 = 0.1.
  assert.ok(Math.abs(r.p - 0.1) < 1e-15);
});

test('SciPy 1.17.1 auto rule: exact as soon as one group has ≤ 8 values (no ties), however large the other', () => {
  // 3 vs 9 completely separated: only 1 of C(12, 3) = 220 arrangements has U = 27 → p = 2/220 (hand count).
  const r = mannWhitneyU([10, 11, 12], [1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.is(r.method, 'exact');
  assert.ok(Math.abs(r.p - 2 / 220) < 1e-15, String(r.p));
  // 8 vs 3,000 separated: p = 2/C(3008, 8); the recurrence on probabilities neither overflows nor underflows.
  const big = mannWhitneyU([10, 11, 12, 13, 14, 15, 16, 17], Array.from({ length: 3000 }, (_, i) => i / 1000));
  let binom = 1;
  for (let k = 1; k <= 8; k++) binom = (binom * (3000 + k)) / k;
  assert.is(big.method, 'exact');
  assert.ok(Math.abs(big.p / (2 / binom) - 1) < 1e-9, `${big.p} vs ${2 / binom}`);
});

test('SciPy 1.17.1 auto rule: both groups > 8 → normal approximation (9 vs 9 separated: z = 40/√128.25)', () => {
  const x = Array.from({ length: 9 }, (_, i) => 100 + i);
  const y = Array.from({ length: 9 }, (_, i) => i);
  const r = mannWhitneyU(x, y);
  assert.is(r.method, 'normal');
  // U = 81, μ = 40.5, σ² = 81/12 · 19 = 128.25; z = (81 − 40.5 − 0.5)/√128.25; the exact p would be 2/48,620.
  const z = 40 / Math.sqrt(128.25);
  assert.ok(Math.abs(r.p - 2 * normalSf(z)) < 1e-15);
  assert.ok(r.p > 4e-4 && r.p < 4.3e-4, String(r.p));
});

test('a tie anywhere sends even small groups to the normal approximation (SciPy: exact is not tie-corrected)', () => {
  assert.is(mannWhitneyU([1, 2, 3], [3, 4, 5]).method, 'normal');
});

