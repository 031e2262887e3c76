import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { createRng } from '../../../lib/rng.ts';
import { bootstrapCi, stratifiedBootstrapCi } from '../../../reports/stats/bootstrap.ts';

const meanOf = (v: number[]): number => v.reduce((s, x) => s + x, 0) / v.length;

test('a constant sample has a zero-width CI at its value', () => {
  const ci = bootstrapCi([3, 3, 3, 3], meanOf, { rng: createRng(1), resamples: 200 });
  assert.equal([ci.low, ci.estimate, ci.high], [3, 3, 3]);
});

test('the same seed gives the same interval, another seed a different one', () => {
  const v = [1, 5, 2, 8, 3, 9, 4];
  const a = bootstrapCi(v, meanOf, { rng: createRng(7), resamples: 500 });
  const b = bootstrapCi(v, meanOf, { rng: createRng(7), resamples: 500 });
  const c = bootstrapCi(v, meanOf, { rng: createRng(8), resamples: 500 });
  assert.equal(a, b);
  assert.not.equal(a, c);
});

test('for a large normal sample the percentile CI of the mean ≈ mean ± 1.96·sd/√n (CLT), within 10 %', () => {
  const rng = createRng(42);
  const v = Array.from({ length: 400 }, () => 10 + 2 * rng.normal());
  const m = meanOf(v);
  const s = Math.sqrt(v.reduce((acc, x) => acc + (x - m) ** 2, 0) / (v.length - 1));
  const ci = bootstrapCi(v, meanOf, { rng: createRng(3), resamples: 4000 });
  const half = 1.959964 * s / Math.sqrt(v.length);
  assert.ok(Math.abs(ci.high - ci.low - 2 * half) < 0.1 * 2 * half, `width ${ci.high - ci.low} vs ${2 * half}`);
  assert.ok(ci.low < m && m < ci.high);
});

test('stratified bootstrap resamples within strata: a constant stratum adds no width', () => {
  const rng = createRng(5);
  const varied = Array.from({ length: 300 }, () => rng.normal());
  const s = Math.sqrt(varied.reduce((acc, x) => acc + x * x, 0) / 300);
  // statistic = mean of the two stratum means; stratum 0 constant → width = half that of stratum 1 alone.
  const ci = stratifiedBootstrapCi([[5, 5, 5], varied], (st) => (meanOf(st[0]) + meanOf(st[1])) / 2, {
    rng: createRng(9),
    resamples: 4000,
  });
  const expectedWidth = (2 * 1.959964 * s) / Math.sqrt(300) / 2;
  assert.ok(Math.abs(ci.high - ci.low - expectedWidth) < 0.12 * expectedWidth, `${ci.high - ci.low} vs ${expectedWidth}`);
});
