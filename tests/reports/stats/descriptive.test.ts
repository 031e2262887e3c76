import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { iqm, mean, median, quantile, sd } from '../../../reports/stats/descriptive.ts';

test('mean, median and sample SD of a hand-checkable sample', () => {
  // 2,4,4,4,5,5,7,9: mean 5, sum of squares 32, sample variance 32/7.
  const v = [2, 4, 4, 4, 5, 5, 7, 9];
  assert.is(mean(v), 5);
  assert.is(median(v), 4.5);
  assert.ok(Math.abs(sd(v) - Math.sqrt(32 / 7)) < 1e-12);
});

test('the IQM trims floor(n/4) values per end like scipy.stats.trim_mean(x, 0.25)', () => {
  // trim_mean([1..9, 100], 0.25) = 5.5 (drops 1,2 and 9,100); trim_mean([1..30, 1000], 0.25) = 16.0.
  assert.is(iqm([1, 2, 3, 4, 5, 6, 7, 8, 9, 100]), 5.5);
  assert.is(iqm([...Array.from({ length: 30 }, (_, i) => i + 1), 1000]), 16);
});

test('quantile interpolates linearly between order statistics like numpy.percentile', () => {
  // numpy.percentile([1,2,3,4], 95) = 3.85 (h = 2.85).
  assert.ok(Math.abs(quantile([4, 1, 3, 2], 0.95) - 3.85) < 1e-12);
  assert.is(quantile([7], 0.5), 7);
});

test('non-finite values are rejected instead of silently propagating', () => {
  assert.throws(() => mean([1, NaN]), /non-finite/);
  assert.throws(() => sd([1]), /at least 2/);
});
