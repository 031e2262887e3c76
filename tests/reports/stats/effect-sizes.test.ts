import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { cohensDPaired, rankBiserialPaired } from '../../../reports/stats/effect-sizes.ts';

test("paired Cohen's d equals t/√n of the paired t-test (theory), here 2.619576009463239/√10", () => {
  const x = [2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.9, 3.7, 4.1];
  const y = [1.8, 3.9, 1.2, 4.1, 4.0, 2.9, 3.1, 3.8, 3.0, 3.5];
  assert.ok(Math.abs(cohensDPaired(x, y) - 2.619576009463239 / Math.sqrt(10)) < 1e-12);
});

test('matched-pairs rank-biserial r = (W+ − W−)/(W+ + W−): cucumber data W+ = 96, W− = 24 → 0.6', () => {
  const d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
  assert.ok(Math.abs(rankBiserialPaired(d, d.map(() => 0)) - 0.6) < 1e-15);
  assert.is(rankBiserialPaired([3, 4], [1, 1]), 1);
  assert.is(rankBiserialPaired([1, 1], [3, 4]), -1);
});
