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

test('percentile CI against exact enumeration of the bootstrap distribution (mean of [0, 10, 20], 80 %)', () => {
  // Exact bootstrap distribution of the resample sum in units of 10 (27 equally likely ordered draws):
  // sum 0..6 with counts 1, 3, 6, 7, 6, 3, 1. The 10 % quantile falls in sum 1 (cdf 1/27 → 4/27), the 90 %
  // quantile in sum 5 (cdf 23/27 → 26/27): CI of the mean = [10/3, 50/3]. 20,000 resamples put both
  // percentiles far inside those steps (the share's SD is ~0.002, the nearest step edge 0.04 away).
  const ci = bootstrapCi([0, 10, 20], meanOf, { rng: createRng(11), resamples: 20_000, confidence: 0.8 });
  assert.is(ci.estimate, 10);
  assert.ok(Math.abs(ci.low - 10 / 3) < 1e-12, String(ci.low));
  assert.ok(Math.abs(ci.high - 50 / 3) < 1e-12, String(ci.high));
  // At 95 % both ends are the extremes (each has probability 1/27 > 2.5 %).
  const wide = bootstrapCi([0, 10, 20], meanOf, { rng: createRng(12), resamples: 20_000 });
  assert.equal([wide.low, wide.high], [0, 20]);
});

test('bad input is refused with the field named: NaN values, resamples 0, confidence outside (0, 1)', () => {
  const rng = createRng(1);
  assert.throws(() => bootstrapCi([1, NaN, 3], meanOf, { rng }), /bootstrapCi: value 1 is NaN/);
  assert.throws(() => bootstrapCi([1, 2], meanOf, { rng, resamples: 0 }), /resamples is 0, expected a whole number ≥ 1/);
  assert.throws(() => bootstrapCi([1, 2], meanOf, { rng, resamples: 2.5 }), /resamples is 2.5/);
  assert.throws(() => bootstrapCi([1, 2], meanOf, { rng, confidence: 1 }), /confidence is 1, expected a number strictly between 0 and 1/);
  assert.throws(() => bootstrapCi([1, 2], meanOf, { rng, confidence: 95 }), /confidence is 95/);
  assert.throws(() => stratifiedBootstrapCi([[1], [Infinity]], (s) => s.length, { rng }), /stratum 1: value 0 is Infinity/);
  assert.throws(() => stratifiedBootstrapCi([[1]], (s) => s.length, { rng, confidence: 0 }), /confidence is 0/);
});

