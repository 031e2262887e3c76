// The controller loop as an Autoscaler: upstream horizontal_test.go controller cases (legacy path, upstream's
// scaleUpLimitFactor 8 and testing constants 2 min / 10 s), plus state kept across decisions, hand-computed.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { createHpaAutoscaler, defaultHpaConfig, parseHpaConfig, HpaInputError, type HpaConfig } from '../../../agent/hpa/index.ts';
import type { Observation, PodView } from '../../../lib/ports.ts';
import { NOW, ZERO, rules } from './fixtures.ts';

const upstreamTesting: Partial<HpaConfig> = { scaleUpLimitFactor: 8, cpuInitializationPeriodSeconds: 120, initialReadinessDelaySeconds: 10 };

function pods(levels: number[], opts: { requests?: number[]; readiness?: boolean[]; startTimes?: number[] } = {}): PodView[] {
  return levels.map((level, i) => ({
    name: `test-pod-${i}`,
    phase: 'Running',
    ready: opts.readiness?.[i] ?? true,
    deleting: false,
    startTimeSeconds: opts.startTimes?.[i] ?? ZERO,
    readyTransitionTimeSeconds: opts.startTimes?.[i] ?? ZERO,
    cpuRequestMilli: opts.requests?.[i] ?? 1000,
    cpuUsageMilli: level,
    metricTimestampSeconds: NOW,
    metricWindowSeconds: 60,
    memoryRequestMiB: 128,
  }));
}

function observation(specReplicas: number, podViews: PodView[], extra: Partial<Observation> = {}): Observation {
  return { nowSeconds: NOW, specReplicas, readyReplicas: podViews.length, startingReplicas: 0, pendingReplicas: 0, minReplicas: 1, maxReplicas: 10, pods: podViews, ...extra };
}

const external = { type: 'External' as const, source: 'rps' as const, targetValueMilli: 100 };

test('upstream TestScaleUp: 300/500/700m of 1 CPU at a 30 % target scales 3 → 5', () => {
  const hpa = createHpaAutoscaler({ ...upstreamTesting, minReplicas: 2, maxReplicas: 6, metrics: [{ type: 'Resource', name: 'cpu', targetUtilization: 30 }] });
  assert.equal(hpa.decide(observation(3, pods([300, 500, 700]))), { replicas: 5, reason: 'ScaleUp' });
});

test('upstream TestScaleUpUnreadyLessScale: an unready pod counts as 0 % on scale-up, 3 → 4', () => {
  const hpa = createHpaAutoscaler({ ...upstreamTesting, minReplicas: 2, maxReplicas: 6, metrics: [{ type: 'Resource', name: 'cpu', targetUtilization: 30 }] });
  assert.is(hpa.decide(observation(3, pods([300, 500, 700], { readiness: [false, true, true] }))).replicas, 4);
});

test('upstream TestScaleUpHotCpuLessScale: a pod in its CPU initialization period counts as 0 %, 3 → 4', () => {
  const hpa = createHpaAutoscaler({ ...upstreamTesting, minReplicas: 2, maxReplicas: 6, metrics: [{ type: 'Resource', name: 'cpu', targetUtilization: 30 }] });
  assert.is(hpa.decide(observation(3, pods([300, 500, 700], { startTimes: [NOW, NOW - 180, NOW - 180] }))).replicas, 4);
});

test('upstream TestScaleUpOneMetricEmpty: a failing External metric does not block a CPU scale-up, 3 → 4', () => {
  const hpa = createHpaAutoscaler({ ...upstreamTesting, minReplicas: 2, maxReplicas: 6, metrics: [{ type: 'Resource', name: 'cpu', targetUtilization: 30 }, external] });
  assert.equal(hpa.decide(observation(3, pods([300, 400, 500]))), { replicas: 4, reason: 'ScaleUp' });
});

test('upstream TestNoScaleDownOneMetricEmpty: a failing External metric blocks a CPU scale-down (reason FailedGetExternalMetric)', () => {
  const hpa = createHpaAutoscaler({ ...upstreamTesting, minReplicas: 2, maxReplicas: 6, metrics: [{ type: 'Resource', name: 'cpu', targetUtilization: 50 }, external] });
  assert.equal(hpa.decide(observation(5, pods([100, 300, 500, 250, 250]))), { replicas: 5, reason: 'FailedGetExternalMetric' });
});

test('upstream TestScaleDown: 100/300/500/250/250m at 50 % scales 5 → 3 with an empty recommendation history', () => {
  const hpa = createHpaAutoscaler({ ...upstreamTesting, recordInitialRecommendation: false, minReplicas: 2, maxReplicas: 6, metrics: [{ type: 'Resource', name: 'cpu', targetUtilization: 50 }] });
  assert.equal(hpa.decide(observation(5, pods([100, 300, 500, 250, 250]))), { replicas: 3, reason: 'ScaleDown' });
});

test('upstream TestScaleDownStabilizeInitialSize: a fresh controller remembers the current size and does not scale down at once', () => {
  const hpa = createHpaAutoscaler({ ...upstreamTesting, minReplicas: 2, maxReplicas: 6, metrics: [{ type: 'Resource', name: 'cpu', targetUtilization: 50 }] });
  assert.equal(hpa.decide(observation(5, pods([100, 300, 500, 250, 250]))), { replicas: 5, reason: 'ScaleDownStabilized' });
});

test('upstream TestScaleUpRCImmediately / TestScaleDownRCImmediately: replicas outside [min, max] are clamped first', () => {
  const up = createHpaAutoscaler({ ...upstreamTesting, minReplicas: 2, maxReplicas: 6 });
  assert.equal(up.decide(observation(1, pods([0]))), { replicas: 2, reason: 'BelowMinReplicas' });
  const down = createHpaAutoscaler({ ...upstreamTesting, minReplicas: 2, maxReplicas: 5, metrics: [{ type: 'Resource', name: 'cpu', targetUtilization: 50 }] });
  assert.equal(down.decide(observation(6, pods([8000, 9500, 1000], { requests: [900, 1000, 1100] }))), { replicas: 5, reason: 'AboveMaxReplicas' });
});

test('an External average-value target (rps per pod) divides by the non-terminated pods, as status.replicas', () => {
  // 86 rps = 86000 milli over 3 live pods at a 21500 target: ratio 1.33 → ceil(86000 / 21500) = 4. A terminating
  // fourth pod does not count in status.replicas.
  const hpa = createHpaAutoscaler({ minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'External', source: 'rps', targetAverageValueMilli: 21500 }] });
  const podViews = pods([100, 100, 100, 100]);
  podViews[3] = { ...podViews[3], deleting: true };
  assert.equal(hpa.decide(observation(3, podViews, { rps: 86 })), { replicas: 4, reason: 'ScaleUp' });
});

test('upstream TestUpscaleCap / TestUpscaleCapGreaterThanMaxReplicas: Percent 700 / 60 s caps 3 → 24, maxReplicas 20 caps first', () => {
  // 100/200/300m of 100m requests = 200 % vs a 10 % target: the metrics want 60.
  const config = { ...upstreamTesting, minReplicas: 1, metrics: [{ type: 'Resource' as const, name: 'cpu' as const, targetUtilization: 10 }], behavior: { scaleUp: rules(0, 0, 700, 60, 0) } };
  const obs = observation(3, pods([100, 200, 300], { requests: [100, 100, 100] }));
  assert.equal(createHpaAutoscaler({ ...config, maxReplicas: 100 }).decide(obs), { replicas: 24, reason: 'ScaleUpLimit' });
  assert.equal(createHpaAutoscaler({ ...config, maxReplicas: 20 }).decide(obs), { replicas: 20, reason: 'TooManyReplicas' });
});

interface ControllerRow {
  name: string;
  min: number;
  max: number;
  spec: number;
  target: number;
  levels: number[];
  requests?: number[];
  /** upstream passes `recommendations: []` (an empty history) rather than nil. */
  emptyHistory?: boolean;
  replicas: number;
  reason: string;
}

const controllerRows: ControllerRow[] = [
  { name: 'TestMinReplicas', min: 2, max: 5, spec: 3, target: 90, levels: [10, 95, 10], requests: [900, 1000, 1100], emptyHistory: true, replicas: 2, reason: 'TooFewReplicas' },
  { name: 'TestZeroMinReplicasDesiredZero', min: 0, max: 5, spec: 3, target: 90, levels: [0, 0, 0], requests: [900, 1000, 1100], emptyHistory: true, replicas: 0, reason: 'ScaleDown' },
  { name: 'TestMinReplicasDesiredZero', min: 2, max: 5, spec: 3, target: 90, levels: [0, 0, 0], requests: [900, 1000, 1100], emptyHistory: true, replicas: 2, reason: 'TooFewReplicas' },
  { name: 'TestZeroReplicas', min: 3, max: 5, spec: 0, target: 90, levels: [], replicas: 0, reason: 'ScalingDisabled' },
  { name: 'TestTooFewReplicas', min: 3, max: 5, spec: 2, target: 90, levels: [], replicas: 3, reason: 'BelowMinReplicas' },
  { name: 'TestTooManyReplicas', min: 3, max: 5, spec: 10, target: 90, levels: [], replicas: 5, reason: 'AboveMaxReplicas' },
  { name: 'TestMaxReplicas', min: 2, max: 5, spec: 3, target: 90, levels: [8000, 9500, 1000], requests: [900, 1000, 1100], replicas: 5, reason: 'TooManyReplicas' },
  { name: 'TestMissingMetrics', min: 2, max: 6, spec: 4, target: 100, levels: [400, 95], requests: [1000, 1000, 1000, 1000], emptyHistory: true, replicas: 3, reason: 'ScaleDown' },
  { name: 'TestEmptyMetrics', min: 2, max: 6, spec: 4, target: 100, levels: [], requests: [1000, 1000, 1000, 1000], replicas: 4, reason: 'FailedGetResourceMetric' },
  { name: 'TestEventCreated', min: 1, max: 5, spec: 1, target: 50, levels: [200], requests: [200], replicas: 2, reason: 'ScaleUp' },
  { name: 'TestEventNotCreated', min: 1, max: 5, spec: 2, target: 50, levels: [200, 200], requests: [400, 400], replicas: 2, reason: 'Hold' },
  { name: 'TestMissingReports', min: 1, max: 5, spec: 4, target: 50, levels: [200], requests: [200], emptyHistory: true, replicas: 2, reason: 'ScaleDown' },
  { name: 'TestMoreReplicasThanSpecNoScale', min: 1, max: 8, spec: 4, target: 50, levels: [500, 500, 500, 500, 500], requests: [1000, 1000, 1000, 1000, 1000], replicas: 4, reason: 'Hold' },
];

for (const row of controllerRows) {
  test(`upstream ${row.name}`, () => {
    const hpa = createHpaAutoscaler({
      ...upstreamTesting,
      recordInitialRecommendation: row.emptyHistory !== true,
      minReplicas: row.min,
      maxReplicas: row.max,
      metrics: [{ type: 'Resource', name: 'cpu', targetUtilization: row.target }],
    });
    // Pods as upstream's fake lister: one per request (or per status replica), a sample where a level is given.
    const count = row.requests?.length ?? row.spec;
    const podViews = pods(Array(count).fill(0), { requests: row.requests }).map((p, i) => {
      const { cpuUsageMilli: _unused, ...rest } = p;
      return i < row.levels.length ? { ...rest, cpuUsageMilli: row.levels[i] } : rest;
    });
    assert.equal(hpa.decide(observation(row.spec, podViews)), { replicas: row.replicas, reason: row.reason });
  });
}

test('a target with 0 replicas and minReplicas > 0 is not autoscaled (ScalingDisabled)', () => {
  const hpa = createHpaAutoscaler({ minReplicas: 1, maxReplicas: 5 });
  assert.equal(hpa.decide(observation(0, [])), { replicas: 0, reason: 'ScalingDisabled' });
});

test('legacy path keeps recommendations between decisions: a scale-down waits for the 5-minute window', () => {
  // t0: 3 pods at 100 % of a 50 % target → 6. t0+15: 6 pods at 25 % → proposes 3, held at 6 by the t0 recommendation.
  // t0+316: both earlier recommendations are older than 300 s → 3.
  const hpa = createHpaAutoscaler({ minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource', name: 'cpu', targetUtilization: 50 }] });
  assert.equal(hpa.decide(observation(3, pods([1000, 1000, 1000]))), { replicas: 6, reason: 'ScaleUp' });
  const low = pods([250, 250, 250, 250, 250, 250]);
  assert.equal(hpa.decide(observation(6, low, { nowSeconds: NOW + 15 })), { replicas: 6, reason: 'ScaleDownStabilized' });
  assert.equal(hpa.decide(observation(6, low.map((p) => ({ ...p, metricTimestampSeconds: NOW + 316 })), { nowSeconds: NOW + 316 })), { replicas: 3, reason: 'ScaleDown' });
});

test('behavior path keeps scale events between decisions: Pods 1 per 60 s allows one more pod per minute', () => {
  const hpa = createHpaAutoscaler({
    minReplicas: 1,
    maxReplicas: 10,
    metrics: [{ type: 'Resource', name: 'cpu', targetUtilization: 50 }],
    behavior: { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
  });
  const hot = (n: number, t: number): Observation => observation(n, pods(Array(n).fill(1000)).map((p) => ({ ...p, metricTimestampSeconds: t })), { nowSeconds: t });
  assert.equal(hpa.decide(hot(2, NOW)), { replicas: 3, reason: 'ScaleUpLimit' });
  assert.equal(hpa.decide(hot(3, NOW + 15)), { replicas: 3, reason: 'ScaleUpLimit' });
  assert.equal(hpa.decide(hot(3, NOW + 61)), { replicas: 4, reason: 'ScaleUpLimit' });
});

test('behavior tolerance overrides the controller tolerance per direction', () => {
  // 3 pods at 56 % of a 50 % target: ratio 1.12 is outside 10 % but inside a 15 % scale-up tolerance.
  const base = { minReplicas: 1, maxReplicas: 10, metrics: [{ type: 'Resource' as const, name: 'cpu' as const, targetUtilization: 50 }] };
  const obs = observation(3, pods([560, 560, 560]));
  assert.is(createHpaAutoscaler(base).decide(obs).replicas, 4);
  assert.is(createHpaAutoscaler({ ...base, behavior: { scaleUp: { tolerance: 0.15 } } }).decide(obs).replicas, 3);
});

test('the default config is the upstream default: CPU 70 %, 15 s sync, tolerance 0.1, 300 s / 30 s / 300 s windows', () => {
  assert.equal(defaultHpaConfig.metrics, [{ type: 'Resource', name: 'cpu', targetUtilization: 70 }]);
  assert.equal(
    [defaultHpaConfig.syncPeriodSeconds, defaultHpaConfig.tolerance, defaultHpaConfig.cpuInitializationPeriodSeconds, defaultHpaConfig.initialReadinessDelaySeconds, defaultHpaConfig.downscaleStabilizationWindowSeconds],
    [15, 0.1, 300, 30, 300],
  );
  assert.is(createHpaAutoscaler().periodSeconds, 15);
});

test('parseHpaConfig reads an experiment spec and names the bad field', () => {
  const config = parseHpaConfig({ name: 'hpa-50', type: 'hpa', targetCpuUtilization: 50, maxReplicas: 8, behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } });
  assert.equal(config.metrics, [{ type: 'Resource', name: 'cpu', targetUtilization: 50 }]);
  assert.is(config.maxReplicas, 8);
  assert.equal(config.behavior, { scaleDown: { stabilizationWindowSeconds: 60 } });
  assert.throws(() => parseHpaConfig({ tolerance: 'high' }), (err: unknown) => err instanceof HpaInputError && err.field === 'tolerance');
  assert.throws(
    () => parseHpaConfig({ behavior: { scaleUp: { policies: [{ type: 'Pods', value: 4, periodSeconds: 0 }] } } }),
    (err: unknown) => err instanceof HpaInputError && err.field === 'behavior.scaleUp.policies[0].periodSeconds',
  );
});
