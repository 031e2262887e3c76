import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { createKpaAutoscaler, defaultKpaConfig, kpaScale, parseKpaConfig, type KpaState } from '../../../agent/baselines/kpa.ts';
import { observation } from './helpers/observation.ts';

// Target 10 in-flight requests per pod (10 × 100 %), 60 s stable window, 6 s panic window, 2 s ticks.
const config = { ...defaultKpaConfig, targetConcurrencyPerPod: 10, targetUtilization: 1 };

test('kpa: panic mode is entered when the 6 s window asks for 200 % of the ready pods, and never scales down inside it', () => {
  const kpa = createKpaAutoscaler(config);
  // 30 ticks (t = 0…58) at 5 in flight on 1 pod: ceil(5/10) = 1 pod, no change.
  for (let t = 0; t < 60; t += 2) {
    assert.equal(kpa.decide(observation({ nowSeconds: t, specReplicas: 1, inFlight: 5 })), { replicas: 1, reason: 'Hold' }, `t=${t}`);
  }
  // t = 60: panic window {56, 58, 60} → (5 + 5 + 50)/3 = 20 → 2 pods = 200 % of 1 ready → panic.
  // The stable window {2…60} → (29·5 + 50)/30 = 6.5 → 1 pod, but panic mode uses the panic count.
  assert.equal(kpa.decide(observation({ nowSeconds: 60, specReplicas: 1, inFlight: 50 })), { replicas: 2, reason: 'PanicEntered' });
  // t = 62: {58, 60, 62} → 35 → 4 pods.
  assert.equal(kpa.decide(observation({ nowSeconds: 62, specReplicas: 2, inFlight: 50 })), { replicas: 4, reason: 'PanicActive' });
  // Load falls to 10 on 4 ready pods: under the threshold (t = 64: {60, 62, 64} → 36.7 → 4 pods = 100 %),
  // but panic lasts until 60 s after it was last extended (t = 62): the count never drops below 4.
  for (let t = 64; t <= 122; t += 2) {
    assert.equal(kpa.decide(observation({ nowSeconds: t, specReplicas: 4, inFlight: 10 })), { replicas: 4, reason: 'PanicActive' }, `t=${t}`);
  }
  // t = 124 > 62 + 60: exit. Stable window {66…124} all 10 → 1 pod, limited by max scale-down rate 2 to floor(4/2) = 2.
  assert.equal(kpa.decide(observation({ nowSeconds: 124, specReplicas: 4, inFlight: 10 })), { replicas: 2, reason: 'PanicExited' });
  assert.equal(kpa.decide(observation({ nowSeconds: 126, specReplicas: 2, readyReplicas: 2, inFlight: 10 })), { replicas: 1, reason: 'ScaleDown' });
});

test('kpa: staying over the threshold extends the panic window', () => {
  const kpa = createKpaAutoscaler(config);
  assert.is(kpa.decide(observation({ nowSeconds: 0, specReplicas: 1, inFlight: 40 })).reason, 'PanicEntered'); // 4 pods ≥ 2 × 1
  // At t = 50 the panic window again asks for ≥ 200 % of 1 ready pod: panic now lasts until t > 110.
  for (let t = 2; t <= 48; t += 2) kpa.decide(observation({ nowSeconds: t, specReplicas: 4, readyReplicas: 4, inFlight: 10 }));
  assert.is(kpa.decide(observation({ nowSeconds: 50, specReplicas: 4, readyReplicas: 1, inFlight: 100 })).reason, 'PanicActive');
  for (let t = 52; t <= 110; t += 2) {
    assert.is(kpa.decide(observation({ nowSeconds: t, specReplicas: 10, readyReplicas: 10, inFlight: 1 })).reason, 'PanicActive', `t=${t}`);
  }
  assert.is(kpa.decide(observation({ nowSeconds: 112, specReplicas: 10, readyReplicas: 10, inFlight: 1 })).reason, 'PanicExited');
});

const stable: { title: string; ready: number; inFlight: number; min?: number; max?: number; want: number; reason: string }[] = [
  { title: 'stable mode asks for ceil(concurrency / target)', ready: 3, inFlight: 31, want: 4, reason: 'ScaleUp' },
  { title: 'scale-down is limited to halving the ready pods', ready: 10, inFlight: 0, want: 5, reason: 'ScaleDown' },
  { title: 'zero concurrency scales to minReplicas, not to zero', ready: 1, inFlight: 0, want: 1, reason: 'Hold' },
  { title: 'the count is clamped to maxReplicas', ready: 15, inFlight: 290, max: 20, want: 20, reason: 'ScaleUp' },
];
for (const c of stable) {
  test(`kpa: ${c.title}`, () => {
    const kpa = createKpaAutoscaler(config);
    const d = kpa.decide(observation({ nowSeconds: 0, specReplicas: c.ready, inFlight: c.inFlight, minReplicas: c.min ?? 1, maxReplicas: c.max ?? 20 }));
    assert.equal(d, { replicas: c.want, reason: c.reason });
  });
}

test('kpa: the default target is Knative\'s 100 × 70 % = 70 in flight per pod', () => {
  const kpa = createKpaAutoscaler();
  assert.equal(kpa.decide(observation({ nowSeconds: 0, specReplicas: 2, inFlight: 141 })), { replicas: 3, reason: 'ScaleUp' }); // ceil(141/70) = 3
});

test('kpa: missing concurrency holds', () => {
  assert.equal(createKpaAutoscaler(config).decide(observation({ nowSeconds: 0, specReplicas: 6 })), { replicas: 6, reason: 'NoMetrics' });
});

test('kpa: parameters are checked by name', () => {
  assert.throws(() => parseKpaConfig({ panicWindowSeconds: 120 }), /panicWindowSeconds: got 120/);
  assert.throws(() => parseKpaConfig({ targetUtilization: 1.5 }), /targetUtilization: got 1.5/);
  assert.throws(() => parseKpaConfig({ panicThreshold: 0.5 }), /panicThreshold/);
});

// Knative's own cases (knative/serving pkg/autoscaler/scaling/autoscaler_test.go): its test spec has panic
// threshold 2, max scale-up and scale-down rates 10, a 60 s stable window and TargetValue = our target × utilization.
type Step = { t: number; ready: number; stable: number; panic: number; want: number; inPanic?: boolean };
const knative: { title: string; target: number; steps: Step[]; state?: KpaState; config?: Partial<typeof defaultKpaConfig> }[] = [
  { title: 'StableModeIncreaseWithConcurrencyDefault', target: 10, steps: [
    { t: 0, ready: 1, stable: 50, panic: 10, want: 5 }, { t: 0, ready: 1, stable: 100, panic: 10, want: 10 }] },
  { title: 'PanicModeDoublePodCount (panic concurrency takes precedence)', target: 10, steps: [{ t: 0, ready: 1, stable: 50, panic: 100, want: 10, inPanic: true }] },
  { title: 'RateLimitScaleUp (×10 per decision)', target: 10, steps: [
    { t: 0, ready: 1, stable: 1000, panic: 1001, want: 10 }, { t: 0, ready: 10, stable: 1000, panic: 1001, want: 100 }] },
  { title: 'RateLimitScaleDown (÷10 per decision)', target: 10, steps: [
    { t: 0, ready: 100, stable: 1, panic: 1, want: 10 }, { t: 0, ready: 10, stable: 1, panic: 1, want: 1 }] },
  { title: 'StableModeDecrease', target: 10, steps: [
    { t: 0, ready: 8, stable: 100, panic: 100, want: 10 }, { t: 0, ready: 8, stable: 50, panic: 50, want: 5 }] },
  { title: 'PanicThenUnPanicScaleDown', target: 10, steps: [
    { t: 0, ready: 1, stable: 100, panic: 100, want: 10 }, { t: 0, ready: 10, stable: 100, panic: 1000, want: 100 },
    { t: 30, ready: 10, stable: 1, panic: 1, want: 100, inPanic: true }, { t: 61, ready: 10, stable: 1, panic: 1, want: 1, inPanic: false }] },
  { title: 'UnpanicAfterSlowIncrease', target: 1, steps: [
    { t: 0, ready: 10, stable: 11, panic: 25, want: 25 }, { t: 30, ready: 40, stable: 30, panic: 41, want: 41, inPanic: true },
    { t: 62, ready: 55, stable: 50, panic: 56, want: 50, inPanic: false }] },
  { title: 'ExtendPanicWindow', target: 1, steps: [
    { t: 0, ready: 10, stable: 11, panic: 25, want: 25 }, { t: 30, ready: 40, stable: 30, panic: 80, want: 80 },
    { t: 89, ready: 80, stable: 80, panic: 80, want: 80, inPanic: true }] },
  { title: 'PanicStableLargerThanPanic (the stable count is used)', target: 1, state: { panicSinceSeconds: -5, maxPanicPods: 5 },
    steps: [{ t: 0, ready: 5, stable: 50, panic: 30, want: 50 }] },
  { title: 'PanicStableLessThanPanic', target: 1, state: { panicSinceSeconds: -5, maxPanicPods: 5 }, steps: [{ t: 0, ready: 5, stable: 20, panic: 30, want: 30 }] },
  { title: 'StableModeIncreaseWithSmallScaleUpRate', target: 1, config: { maxScaleUpRate: 1.1 }, steps: [{ t: 0, ready: 2, stable: 3, panic: 3.1, want: 3 }] },
  { title: 'StableModeDecreaseWithSmallScaleDownRate', target: 10, config: { maxScaleDownRate: 1.1 }, steps: [{ t: 0, ready: 100, stable: 1, panic: 1, want: 90 }] },
  { title: 'UseOnePodAsMinimumIfEndpointsNotFound', target: 10, steps: [{ t: 0, ready: 0, stable: 1000, panic: 888, want: 10 }] },
  { title: 'PanicModeExponentialTrackAndStabilize', target: 1, steps: [
    { t: 0, ready: 1, stable: 6, panic: 6, want: 6 }, { t: 0, ready: 6, stable: 36, panic: 36, want: 36 },
    { t: 1, ready: 36, stable: 216, panic: 216, want: 216 }, { t: 1, ready: 216, stable: 1296, panic: 1296, want: 1296 },
    { t: 2, ready: 1296, stable: 1296, panic: 1296, want: 1296 }] },
];
for (const c of knative) {
  test(`kpaScale: Knative's ${c.title}`, () => {
    const cfg = { ...defaultKpaConfig, targetConcurrencyPerPod: c.target, targetUtilization: 1, maxScaleUpRate: 10, maxScaleDownRate: 10, ...c.config };
    const state: KpaState = { ...(c.state ?? { maxPanicPods: 0 }) };
    c.steps.forEach((s, i) => {
      const got = kpaScale(state, { nowSeconds: s.t, readyPods: s.ready, stableConcurrency: s.stable, panicConcurrency: s.panic }, cfg);
      assert.is(got.desiredPods, s.want, `step ${i}`);
      if (s.inPanic !== undefined) assert.is(state.panicSinceSeconds !== undefined, s.inPanic, `step ${i} panic mode`);
    });
  });
}
