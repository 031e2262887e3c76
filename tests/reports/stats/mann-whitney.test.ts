import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { mannWhitneyU } from '../../../reports/stats/mann-whitney.ts';

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
