import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { erlangC, mmcMeanWaitSeconds, sojournSurvival } from '../../sim/queueing.ts';
import { LATENCY_BOUNDS_MS, createLatencyCounts, latencyBucketIndex, latencyQuantileMs, rebinLatencyHistogram } from '../../sim/latency-histogram.ts';
import { defaultPlantConfig, maxCapacityRps, podCapacityRps } from '../../sim/config.ts';

test('Erlang C matches hand-worked values: M/M/1 waits with probability ρ; c = 2, a = 1 gives 1/3', () => {
  assert.ok(Math.abs(erlangC(1, 0.7) - 0.7) < 1e-12);
  // (a²/2!)·(2/(2−1)) = 1; Σ_{k<2} a^k/k! = 2 → C = 1/3.
  assert.ok(Math.abs(erlangC(2, 1) - 1 / 3) < 1e-12);
  assert.is(erlangC(3, 3), 1);
  assert.ok(Math.abs(mmcMeanWaitSeconds(1, 80, 100) - 0.8 / 20) < 1e-12, 'M/M/1: ρ/(μ−λ)');
});

test('the sojourn survival is exp(−(μ−λ)x) for M/M/1 (wait and service combine into one exponential)', () => {
  for (const x of [0.001, 0.02, 0.1]) {
    const s = sojournSurvival(x, 100, 0.6, 40);
    assert.ok(Math.abs(s - ((1 - 0.6) * Math.exp(-100 * x) + 0.6 * (40 * Math.exp(-100 * x) - 100 * Math.exp(-40 * x)) / (40 - 100))) < 1e-12);
    assert.ok(Math.abs(s - Math.exp(-40 * x)) < 1e-12, `x=${x}`);
  }
});

test('the histogram buckets are log-spaced, 20 per decade from 1 ms to 100 s, with an overflow bucket', () => {
  assert.is(LATENCY_BOUNDS_MS.length, 101);
  assert.is(LATENCY_BOUNDS_MS[0], 1);
  assert.is(LATENCY_BOUNDS_MS[20], 10);
  assert.is(LATENCY_BOUNDS_MS[100], 100000);
  assert.is(latencyBucketIndex(10), 20, 'upper bounds are inclusive');
  assert.is(latencyBucketIndex(10.0001), 21);
  assert.is(latencyBucketIndex(0.2), 0);
  assert.is(latencyBucketIndex(1e9), 101);
});

test('quantiles interpolate log-linearly in the bucket and an empty histogram has none', () => {
  const counts = createLatencyCounts();
  counts[20] = 50; // (8.91, 10] ms
  counts[40] = 50; // (89.1, 100] ms
  assert.ok(Math.abs(latencyQuantileMs(counts, 0.25) - 10 ** (19.5 / 20)) < 1e-9);
  assert.ok(Math.abs(latencyQuantileMs(counts, 0.95) - 10 ** (39.9 / 20)) < 1e-9);
  assert.ok(Number.isNaN(latencyQuantileMs(createLatencyCounts(), 0.5)));
});

test('re-binning a Prometheus-style histogram keeps every request and puts them in the right range', () => {
  const out = rebinLatencyHistogram([10, 100, Infinity], [30, 60, 10]);
  assert.ok(Math.abs(out.reduce((a, b) => a + b, 0) - 100) < 1e-9);
  assert.ok(Math.abs(out.slice(0, 21).reduce((a, b) => a + b, 0) - 30) < 1e-9, '≤ 10 ms');
  assert.ok(Math.abs(out.slice(21, 41).reduce((a, b) => a + b, 0) - 60) < 1e-9, '(10, 100] ms');
  assert.ok(Math.abs(out[41] - 10) < 1e-9, 'the +Inf bucket starts right after 100 ms');
});

test('the default plant serves 100 req/s per pod and 2 000 req/s at 20 replicas', () => {
  assert.is(podCapacityRps(defaultPlantConfig), 100);
  assert.is(maxCapacityRps(defaultPlantConfig), 2000);
});
