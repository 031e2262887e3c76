import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { quantileSorted } from '../../lib/quantile.ts';

test('linear interpolation between order statistics, as numpy.percentile (values worked by hand)', () => {
  // numpy.percentile([1, 2, 3, 4], 95) = 3 + 0.85 × (4 − 3) = 3.85; the median of four is the mean of the middle two.
  assert.ok(Math.abs(quantileSorted([1, 2, 3, 4], 0.95) - 3.85) < 1e-12);
  assert.is(quantileSorted([1, 2, 3, 4], 0.5), 2.5);
  assert.is(quantileSorted([10, 20, 30], 0), 10);
  assert.is(quantileSorted([10, 20, 30], 1), 30);
  assert.is(quantileSorted(Float64Array.from([7]), 0.99), 7);
  assert.ok(Number.isNaN(quantileSorted([], 0.5)));
});
