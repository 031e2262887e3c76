import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { medianOfSorted, npMean, npPercentile, npSum } from '../../../sim/thesis/index.ts';

test('npSum adds short arrays left to right, like NumPy below 8 elements', () => {
  assert.is(npSum([0.1, 0.2, 0.3]), 0.1 + 0.2 + 0.3);
  assert.is(npSum([]), 0);
});

test('npSum uses NumPy’s 8-accumulator pairwise order, which differs from a left-to-right loop', () => {
  // 2^53 then fifteen 1s. Left to right, every +1 is rounded away. Pairwise (hand-worked): accumulator 0 holds
  // 2^53 + 1 → 2^53 (tie to even), accumulators 1–7 hold 2 each, and ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) is
  // (2^53 + 2 + 4) + 8 = 2^53 + 14.
  const values = [2 ** 53, ...Array(15).fill(1)];
  assert.is(values.reduce((s, v) => s + v, 0), 2 ** 53);
  assert.is(npSum(values), 2 ** 53 + 14);
});

test('npMean divides the pairwise sum by the count', () => {
  assert.is(npMean([1, 2, 3, 4]), 2.5);
  assert.ok(Number.isNaN(npMean([])));
});

test('npPercentile interpolates linearly between order statistics, as NumPy’s default method', () => {
  // (n − 1)·q = 3·0.95, which is 2.8499999999999996 in binary floating point (0.95 is not exact), so the
  // result is 4 − (1 − 0.8499999999999996)·1 = 3.8499999999999996, the value np.percentile([4,1,3,2], 95) prints.
  assert.is(npPercentile([4, 1, 3, 2], 95), 3.8499999999999996);
  assert.is(npPercentile([10, 20], 25), 12.5);
  assert.is(npPercentile([4, 1, 3, 2], 50), 2.5);
  assert.is(npPercentile([4, 1, 3, 2], 0), 1);
  assert.is(npPercentile([4, 1, 3, 2], 100), 4);
  assert.is(npPercentile([7], 95), 7);
  assert.throws(() => npPercentile([1], 101), /q must be in \[0, 100\].*101/);
});

test('medianOfSorted takes the middle value, or the mean of the two middle values', () => {
  assert.is(medianOfSorted([1, 2, 9]), 2);
  assert.is(medianOfSorted([1, 2, 4, 9]), 3);
});
