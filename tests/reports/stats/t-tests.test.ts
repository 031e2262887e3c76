import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { pairedTTest, welchTTest } from '../../../reports/stats/t-tests.ts';

const x = [2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.9, 3.7, 4.1];
const y = [1.8, 3.9, 1.2, 4.1, 4.0, 2.9, 3.1, 3.8, 3.0, 3.5];

test('the paired t-test matches scipy.stats.ttest_rel', () => {
  // SciPy 1.17.1: ttest_rel(x, y) → t = 2.619576009463239, p = 0.027830281080838817, df = 9.
  const r = pairedTTest(x, y);
  assert.ok(Math.abs(r.t - 2.619576009463239) < 1e-10);
  assert.ok(Math.abs(r.p - 0.027830281080838817) < 1e-10);
  assert.is(r.df, 9);
});

test("Welch's t-test matches scipy.stats.ttest_ind(equal_var=False), including fractional df", () => {
  // SciPy 1.17.1 → t = −3.973300822816496, p = 0.0016280110099709973, df = 12.836849280353455.
  const r = welchTTest(x, [5.1, 6.2, 4.4, 7.0, 5.5, 6.1]);
  assert.ok(Math.abs(r.t + 3.973300822816496) < 1e-10);
  assert.ok(Math.abs(r.df - 12.836849280353455) < 1e-9);
  assert.ok(Math.abs(r.p - 0.0016280110099709973) < 1e-10);
});

test('unequal lengths and NaN are rejected', () => {
  assert.throws(() => pairedTTest([1, 2], [1]), /differ in length/);
  assert.throws(() => welchTTest([1, NaN], [1, 2]), /non-finite/);
});
