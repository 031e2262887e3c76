import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { createThesisThresholdAutoscaler, parseThesisThresholdConfig, thesisTrend } from '../../../agent/baselines/thesis-threshold.ts';
import { observation } from './helpers/observation.ts';
import { createThesisThreshold } from '../../../sim/thesis/thesis-threshold.ts';
import { createRng } from '../../../lib/rng.ts';

const trends: { title: string; traffic: number[]; want: number }[] = [
  { title: 'fewer than 5 values give no trend', traffic: [100, 200, 300, 400], want: 0 },
  { title: '5 values compare the last with the 5th last', traffic: [100, 100, 100, 100, 200], want: 1 },
  { title: '7 values compare x[-1] with x[-5]', traffic: [1, 2, 400, 0, 0, 0, 300], want: (300 - 400) / 400 },
  { title: 'the denominator is floored at 100 req/s', traffic: [10, 10, 10, 10, 50], want: 0.4 },
  { title: '10 values compare the means of the two halves', traffic: [100, 100, 100, 100, 100, 150, 150, 150, 150, 150], want: 0.5 },
  { title: '10 falling values give a negative trend', traffic: [400, 400, 400, 400, 400, 300, 300, 300, 300, 300], want: -0.25 },
];
for (const c of trends) {
  test(`thesisTrend: ${c.title}`, () => assert.ok(Math.abs(thesisTrend(c.traffic, 100) - c.want) < 1e-12, String(thesisTrend(c.traffic, 100))));
}

/** Feeds `n` observations one period (60 s) apart and returns the decisions. */
function feed(scaler: ReturnType<typeof createThesisThresholdAutoscaler>, rows: { cpu?: number; rps?: number; spec: number; ready?: number }[], t0 = 0) {
  return rows.map((r, i) => scaler.decide(observation({ nowSeconds: t0 + 60 * i, specReplicas: r.spec, readyReplicas: r.ready ?? r.spec, cpuUtilization: r.cpu, rps: r.rps })));
}

test('thesis-threshold: it does not act before 5 observations, then scales to ceil(ready·cpu/0.7)', () => {
  const d = feed(createThesisThresholdAutoscaler(), Array.from({ length: 5 }, () => ({ cpu: 0.8, rps: 300, spec: 4 })));
  assert.equal(d.slice(0, 4).map((x) => x.reason), ['WarmingUp', 'WarmingUp', 'WarmingUp', 'WarmingUp']);
  assert.equal(d[4], { replicas: 5, reason: 'ScaleUp' }); // ceil(4 · 0.8 / 0.7) = ceil(4.571) = 5
});

test('thesis-threshold: between 70 % and 75 % CPU only a rising trend scales up', () => {
  const flat = feed(createThesisThresholdAutoscaler(), Array.from({ length: 5 }, () => ({ cpu: 0.72, rps: 300, spec: 10 })));
  assert.equal(flat[4], { replicas: 10, reason: 'Hold' });
  const rising = feed(createThesisThresholdAutoscaler(), [100, 100, 100, 100, 200].map((rps) => ({ cpu: 0.72, rps, spec: 10 })));
  assert.equal(rising[4], { replicas: 11, reason: 'ScaleUp' }); // trend 1.0 > 0.15; ceil(10 · 0.72 / 0.7) = ceil(10.29) = 11
});

test('thesis-threshold: scale-down needs low CPU and a falling trend, then waits 5 periods after a scale-down', () => {
  const scaler = createThesisThresholdAutoscaler();
  const warm = feed(scaler, [500, 500, 500, 500, 400].map((rps) => ({ cpu: 0.4, rps, spec: 10 })));
  assert.equal(warm[4], { replicas: 6, reason: 'ScaleDown' }); // trend −0.2; ceil(10 · 0.4 / 0.7) = ceil(5.71) = 6
  // 60 s … 240 s later, still falling, 6 pods at 40 %: blocked; at 300 s: ceil(6 · 0.4 / 0.7) = ceil(3.43) = 4.
  const later = [300, 280, 260, 240, 220].map((rps, i) => scaler.decide(observation({ nowSeconds: 300 + 60 * i, specReplicas: 6, cpuUtilization: 0.4, rps })));
  assert.equal(later.map((x) => x.reason), ['CooldownActive', 'CooldownActive', 'CooldownActive', 'CooldownActive', 'ScaleDown']);
  assert.is(later[4].replicas, 4);
});

test('thesis-threshold: a scale-up after a scale-down lifts the scale-down cooldown (only a scale-down as last action blocks)', () => {
  const scaler = createThesisThresholdAutoscaler();
  feed(scaler, [500, 500, 500, 500, 400].map((rps) => ({ cpu: 0.4, rps, spec: 10 }))); // ScaleDown at t = 240
  assert.equal(scaler.decide(observation({ nowSeconds: 300, specReplicas: 6, cpuUtilization: 0.9, rps: 400 })), { replicas: 8, reason: 'ScaleUp' });
  const d = scaler.decide(observation({ nowSeconds: 360, specReplicas: 8, cpuUtilization: 0.3, rps: 300 }));
  assert.equal(d, { replicas: 4, reason: 'ScaleDown' }); // ceil(8 · 0.3 / 0.7) = ceil(3.43) = 4
});

test('thesis-threshold: missing CPU or traffic holds and is not added to the history', () => {
  const scaler = createThesisThresholdAutoscaler();
  assert.equal(scaler.decide(observation({ nowSeconds: 0, specReplicas: 7, rps: 100 })), { replicas: 7, reason: 'NoMetrics' });
  assert.equal(scaler.decide(observation({ nowSeconds: 60, specReplicas: 7, cpuUtilization: 0.1 })), { replicas: 7, reason: 'NoMetrics' });
  const d = feed(scaler, Array.from({ length: 4 }, () => ({ cpu: 0.9, rps: 100, spec: 7 })), 120);
  assert.is(d[3].reason, 'WarmingUp');
});

test('thesis-threshold: parameters are checked by name', () => {
  assert.is(parseThesisThresholdConfig({}).periodSeconds, 60);
  assert.throws(() => parseThesisThresholdConfig({ scaleDownUtilization: 0.9 }), /scaleDownUtilization: got 0.9/);
  assert.throws(() => parseThesisThresholdConfig({ trendFloorRps: 0 }), /trendFloorRps: got 0/);
});

test('thesis-threshold: on the thesis plant\'s inputs it decides exactly as the thesis-exact controller of sim/thesis', () => {
  // 2,000 steps of wandering CPU and traffic; spec = ready (the thesis plant has no starting pods at decision time).
  const rng = createRng(2024);
  const ours = createThesisThresholdAutoscaler();
  const thesis = createThesisThreshold().create();
  let pods = 5;
  let traffic = 1500;
  let changes = 0;
  for (let step = 0; step < 2000; step++) {
    traffic = Math.max(0, Math.round(traffic * (0.9 + 0.2 * rng.next())));
    const cpu = Math.min(1, traffic / (pods * 500)) * (0.8 + 0.4 * rng.next());
    const want = thesis({ step, observedCpu: cpu, trafficRequests: traffic, readyPods: pods });
    const got = ours.decide(observation({ nowSeconds: 60 * step, specReplicas: pods, readyReplicas: pods, cpuUtilization: cpu, rps: traffic, maxReplicas: 50 }));
    assert.is(got.replicas, want, `step ${step}`);
    if (want !== pods) changes++;
    pods = want;
  }
  assert.ok(changes > 50, `the sequence exercises scaling (${changes} changes)`);
});
