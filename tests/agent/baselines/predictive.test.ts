import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { createPredictiveAutoscaler, defaultPredictiveConfig, parsePredictiveConfig } from '../../../agent/baselines/predictive.ts';
import { holtForecast, holtUpdate } from '../../../agent/baselines/holt.ts';
import { observation } from './helpers/observation.ts';

const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-9, `${a} ≠ ${b}`);

test('holt: level and per-second trend follow the textbook recursion (α = 0.5, β = 0.3, samples 15 s apart)', () => {
  let s = holtUpdate(undefined, 100, 0, 0.5, 0.3);
  assert.equal(s, { level: 100, trendPerSecond: 0, lastSeconds: 0 });
  s = holtUpdate(s, 130, 15, 0.5, 0.3); // level = 65 + 50 = 115; trend = 0.3 · (15/15) = 0.3
  close(s.level, 115);
  close(s.trendPerSecond, 0.3);
  s = holtUpdate(s, 160, 30, 0.5, 0.3); // level = 80 + 0.5·(115 + 4.5) = 139.75; trend = 0.3·1.65 + 0.7·0.3 = 0.705
  close(s.level, 139.75);
  close(s.trendPerSecond, 0.705);
  close(holtForecast(s, 120), 224.35);
});

test('predictive: provisions for the forecast peak two minutes ahead plus 40 % headroom', () => {
  const p = createPredictiveAutoscaler({ ...defaultPredictiveConfig, capacityPerPodRps: 50 });
  p.decide(observation({ nowSeconds: 0, specReplicas: 3, rps: 100 }));
  p.decide(observation({ nowSeconds: 15, specReplicas: 3, rps: 130 }));
  // forecast 224.35 req/s · 1.4 / 50 = 6.28 → 7 pods
  assert.equal(p.decide(observation({ nowSeconds: 30, specReplicas: 3, rps: 160 })), { replicas: 7, reason: 'ScaleUp' });
});

test('predictive: without a configured capacity it derives 50 req/s per pod from 250m requests and 5 ms of CPU per request', () => {
  const p = createPredictiveAutoscaler();
  // 100 req/s · 1.4 / 50 = 2.8 → 3 pods
  assert.equal(p.decide(observation({ nowSeconds: 0, specReplicas: 1, rps: 100, cpuPerRequestCoreSeconds: 0.005 })), { replicas: 3, reason: 'ScaleUp' });
  assert.equal(createPredictiveAutoscaler().decide(observation({ nowSeconds: 0, specReplicas: 2, rps: 100 })), { replicas: 2, reason: 'NoCapacityEstimate' });
});

test('predictive: scale-down waits for the 300 s stabilization window; scale-up does not', () => {
  // α = 1, β = 0: the forecast is the current rate, so wanted = ceil(rps · 1.4 / 50).
  const p = createPredictiveAutoscaler({ ...defaultPredictiveConfig, alpha: 1, beta: 0, capacityPerPodRps: 50 });
  assert.equal(p.decide(observation({ nowSeconds: 0, specReplicas: 2, rps: 350 })), { replicas: 10, reason: 'ScaleUp' }); // 9.8 → 10
  for (let t = 15; t < 300; t += 15) {
    assert.equal(p.decide(observation({ nowSeconds: t, specReplicas: 10, rps: 100 })), { replicas: 10, reason: 'ScaleDownStabilized' }, `t=${t}`);
  }
  assert.equal(p.decide(observation({ nowSeconds: 300, specReplicas: 10, rps: 100 })), { replicas: 3, reason: 'ScaleDown' });
  assert.equal(p.decide(observation({ nowSeconds: 315, specReplicas: 3, rps: 100 })), { replicas: 3, reason: 'Hold' });
});

test('predictive: missing request rate holds and does not disturb the forecast', () => {
  const p = createPredictiveAutoscaler({ ...defaultPredictiveConfig, capacityPerPodRps: 50 });
  assert.equal(p.decide(observation({ nowSeconds: 0, specReplicas: 8 })), { replicas: 8, reason: 'NoMetrics' });
});

test('predictive: parameters are checked by name', () => {
  assert.is(parsePredictiveConfig({ capacityPerPodRps: null }).capacityPerPodRps, null);
  assert.throws(() => parsePredictiveConfig({ alpha: 0 }), /alpha: got 0/);
  assert.throws(() => parsePredictiveConfig({ capacityPerPodRps: -3 }), /capacityPerPodRps: got -3/);
});
