// The base-service-time fit: the plant's binned P95 model against the closed form, its inversion, and the
// selection of low-load minutes.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { fitBaseServiceTime } from '../../../sim/calibration/fit-service-time.ts';
import { fixedDelayForP95, modelP95Ms, poissonRequestWeights } from '../../../sim/calibration/latency-model.ts';
import { defaultFitOptions } from '../../../sim/calibration/fit-types.ts';
import { runViews } from '../../../sim/calibration/minutes.ts';
import { seriesRecord } from './helpers/series-record.ts';

test('one pod: the binned P95 is within 1.5 % of the closed form fixed + 1000·ln 20 / (μ − λ)', () => {
  // M/M/1 sojourn ~ Exp(μ − λ): λ = 10, μ = 100, fixed 15 ms → 15 + 2995.73 / 90 = 48.286 ms.
  const p95 = modelP95Ms(1, 10, 100, 15);
  assert.ok(Math.abs(p95 / 48.286 - 1) < 0.015, String(p95));
});

test('fixedDelayForP95 inverts the model; an observed P95 faster than the model allows gives 0', () => {
  for (const [c, lambda, mu, fixed] of [[1, 5, 100, 15], [4, 150, 62.5, 24], [10, 200, 100, 3]]) {
    const d = fixedDelayForP95(c, lambda, mu, modelP95Ms(c, lambda, mu, fixed));
    assert.ok(Math.abs(d - fixed) < 1e-6, `${d} vs ${fixed}`);
  }
  assert.is(fixedDelayForP95(1, 1, 100, 1), 0);
});

test('the base time is the median over low-load steady minutes; busy and unsteady minutes are left out', () => {
  // Default plant: μ = 0.5 / 0.005 = 100 req/s per pod, CPU time 10 ms; true base 30 ms → fixed 20 ms.
  const p = (c: number, rps: number) => modelP95Ms(c, rps, 100, 20);
  const r = seriesRecord({
    rps: [20, 60, 30, 80, 90],
    readyPods: [1, 2, 2, 1, 2.5],
    desiredReplicas: [1, 2, 2, 1, 3],
    // Minutes 3 (80 % load) and 4 (2.5 pods) carry a wrong P95 that must not be used.
    latencyP95Ms: [p(1, 20), p(2, 60), p(2, 30), 500, 500],
  });
  const f = fitBaseServiceTime(runViews([r]), 0.005, defaultFitOptions);
  assert.ok(f.identifiable);
  if (!f.identifiable) return;
  assert.is(f.minutesUsed, 3);
  assert.ok(Math.abs(f.estimate - 30) < 1e-6, String(f.estimate));
});

test('no low-load minute: not identifiable, saying why', () => {
  const r = seriesRecord({ rps: [90, 95], readyPods: [1, 1], latencyP95Ms: [120, 150] });
  const f = fitBaseServiceTime(runViews([r]), 0.005, defaultFitOptions);
  assert.is(f.identifiable, false);
  assert.match(!f.identifiable ? f.why : '', /no low-load minutes/);
});

test('Poisson request weights: they sum to 1 and their mean count is E[K²]/E[K] = mean + 1 (hand value 11 for mean 10)', () => {
  for (const [mean, terms] of [[10, 0], [400, 64]] as const) {
    const w = poissonRequestWeights(mean);
    if (terms) assert.ok(w.length <= terms, `${w.length} terms`);
    const total = w.reduce((s, [, x]) => s + x, 0);
    const meanCount = w.reduce((s, [k, x]) => s + k * x, 0);
    assert.ok(Math.abs(total - 1) < 1e-12 && Math.abs(meanCount - (mean + 1)) < 1e-6, `${total} ${meanCount}`);
  }
});

test('with per-tick Poisson arrivals one pod’s minute P95 is higher than at the mean rate (a mixture of M/M/1 tails)', () => {
  const steady = modelP95Ms(1, 10, 62.5, 24);
  const mixed = modelP95Ms(1, 10, 62.5, 24, { poisson: true, tickSeconds: 1 });
  assert.ok(mixed > steady * 1.01, `${mixed} vs ${steady}`);
  assert.ok(Math.abs(fixedDelayForP95(1, 10, 62.5, mixed, { poisson: true, tickSeconds: 1 }) - 24) < 1e-6);
});
