// Upstream replica_calculator_test.go, Resource metrics with a utilization target: each row is named after the
// upstream case (TestReplicaCalcResourceScale rows, then the standalone TestReplicaCalc* functions).
// Pod-level rows sum upstream's two containers (requests 2 × 1000m, usage 2 × level); container rows use the one
// container's request and level. Expected values are upstream's.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { calculateReplicas, HpaCalculationError, type Tolerances } from '../../../agent/hpa/index.ts';
import { buildPods, COOL, HOT, NOW, podRequests, testingConstants, twoContainers, type PodFixture } from './fixtures.ts';

interface Row {
  name: string;
  fixture: PodFixture;
  target: number;
  replicas: number;
  utilization: number;
  raw: number;
  tolerance?: Tolerances;
}

const c1 = (n: number): number[] => Array(n).fill(1000); // one container's request of "1.0"

const rows: Row[] = [
  // TestReplicaCalcResourceScale
  { name: 'scale up', fixture: { currentReplicas: 3, requests: podRequests(3), levels: twoContainers(300, 500, 700) }, target: 30, replicas: 5, utilization: 50, raw: 2 * 500 },
  { name: 'scale up: container metric', fixture: { currentReplicas: 3, requests: c1(3), levels: [300, 500, 700] }, target: 30, replicas: 5, utilization: 50, raw: 500 },
  { name: 'scale up: unready pod scales less', fixture: { currentReplicas: 3, readiness: [false, true, true], requests: podRequests(3), levels: twoContainers(300, 500, 700) }, target: 30, replicas: 4, utilization: 60, raw: 2 * 600 },
  { name: 'scale up: hot-CPU container scales less', fixture: { currentReplicas: 3, startTimes: [HOT, COOL, COOL], requests: c1(3), levels: [300, 500, 700] }, target: 30, replicas: 4, utilization: 60, raw: 600 },
  { name: 'scale up: hot-CPU pod scales less', fixture: { currentReplicas: 3, startTimes: [HOT, COOL, COOL], requests: podRequests(3), levels: twoContainers(300, 500, 700) }, target: 30, replicas: 4, utilization: 60, raw: 2 * 600 },
  { name: 'no scale: unready pods ignored', fixture: { currentReplicas: 3, readiness: [true, false, false], requests: podRequests(3), levels: twoContainers(400, 500, 700) }, target: 30, replicas: 3, utilization: 40, raw: 2 * 400 },
  { name: 'no scale: hot-CPU pods ignored', fixture: { currentReplicas: 3, readiness: [true, false, false], startTimes: [COOL, HOT, HOT], requests: podRequests(3), levels: twoContainers(400, 500, 700) }, target: 30, replicas: 3, utilization: 40, raw: 2 * 400 },
  { name: 'scale up: failed pods ignored', fixture: { currentReplicas: 2, readiness: [true, true, false, false], phases: ['Running', 'Running', 'Failed', 'Failed'], requests: podRequests(4), levels: twoContainers(500, 700) }, target: 30, replicas: 4, utilization: 60, raw: 2 * 600 },
  { name: 'scale up: failed pods ignored with missing container metric', fixture: { currentReplicas: 2, readiness: [true, true, false, false], phases: ['Running', 'Running', 'Failed', 'Failed'], requests: c1(4), levels: [500, 700] }, target: 30, replicas: 4, utilization: 60, raw: 600 },
  { name: 'scale up: container metrics with failed pods ignored', fixture: { currentReplicas: 2, readiness: [true, true, false, false], phases: ['Running', 'Running', 'Failed', 'Failed'], requests: c1(4), levels: [500, 700] }, target: 30, replicas: 4, utilization: 60, raw: 600 },
  { name: 'scale up: pods being deleted are ignored', fixture: { currentReplicas: 2, readiness: [true, true, false, false], deleting: [false, false, true, true], phases: ['Running', 'Running', 'Running', 'Running'], requests: podRequests(4), levels: twoContainers(500, 700) }, target: 30, replicas: 4, utilization: 60, raw: 2 * 600 },
  { name: 'scale up: container metrics with pods being deleted ignored', fixture: { currentReplicas: 2, readiness: [true, true, false, false], deleting: [false, false, true, true], phases: ['Running', 'Running', 'Running', 'Running'], requests: c1(4), levels: [500, 700] }, target: 30, replicas: 4, utilization: 60, raw: 600 },
  { name: 'scale down', fixture: { currentReplicas: 5, requests: podRequests(5), levels: twoContainers(100, 300, 500, 250, 250) }, target: 50, replicas: 3, utilization: 28, raw: 2 * 280 },
  { name: 'scale down: container metric', fixture: { currentReplicas: 5, requests: c1(5), levels: [100, 300, 500, 250, 250] }, target: 50, replicas: 3, utilization: 28, raw: 280 },
  { name: 'scale down: exclude unready pods', fixture: { currentReplicas: 5, readiness: [true, true, true, false, false], requests: podRequests(5), levels: twoContainers(100, 300, 500, 250, 250) }, target: 50, replicas: 2, utilization: 30, raw: 2 * 300 },
  { name: 'scale down: container metric excludes unready pods', fixture: { currentReplicas: 5, readiness: [true, true, true, false, false], requests: c1(5), levels: [100, 300, 500, 250, 250] }, target: 50, replicas: 2, utilization: 30, raw: 300 },
  { name: 'scale down: exclude unscheduled pods', fixture: { currentReplicas: 5, readiness: [true, false, false, false, false], phases: ['Running', 'Pending', 'Pending', 'Pending', 'Pending'], requests: podRequests(5), levels: twoContainers(100) }, target: 50, replicas: 1, utilization: 10, raw: 2 * 100 },
  { name: 'scale down: container metric excludes unscheduled pods', fixture: { currentReplicas: 5, readiness: [true, false, false, false, false], phases: ['Running', 'Pending', 'Pending', 'Pending', 'Pending'], requests: c1(5), levels: [100, 300, 500, 250, 250] }, target: 50, replicas: 1, utilization: 10, raw: 100 },
  { name: 'scale down: ignore hot-CPU pods', fixture: { currentReplicas: 5, startTimes: [COOL, COOL, COOL, HOT, HOT], requests: podRequests(5), levels: twoContainers(100, 300, 500, 250, 250) }, target: 50, replicas: 2, utilization: 30, raw: 2 * 300 },
  { name: 'scale down: container metric ignores hot-CPU pods', fixture: { currentReplicas: 5, startTimes: [COOL, COOL, COOL, HOT, HOT], requests: c1(5), levels: [100, 300, 500, 1000, 1000] }, target: 50, replicas: 2, utilization: 30, raw: 300 },
  { name: 'scale down: failed pods ignored', fixture: { currentReplicas: 5, readiness: [true, true, true, true, true, false, false], phases: ['Running', 'Running', 'Running', 'Running', 'Running', 'Failed', 'Failed'], requests: podRequests(7), levels: twoContainers(100, 300, 500, 250, 250) }, target: 50, replicas: 3, utilization: 28, raw: 2 * 280 },
  { name: 'scale down: container metric with failed pods ignored', fixture: { currentReplicas: 5, readiness: [true, true, true, true, true, false, false], phases: ['Running', 'Running', 'Running', 'Running', 'Running', 'Failed', 'Failed'], requests: c1(7), levels: [100, 300, 500, 250, 250] }, target: 50, replicas: 3, utilization: 28, raw: 280 },
  { name: 'scale down: pods being deleted are ignored', fixture: { currentReplicas: 5, readiness: [true, true, true, true, true, false, false], deleting: [false, false, false, false, false, true, true], phases: Array(7).fill('Running'), requests: podRequests(7), levels: twoContainers(100, 300, 500, 250, 250) }, target: 50, replicas: 3, utilization: 28, raw: 2 * 280 },
  { name: 'scale down: still-running pods being deleted are ignored', fixture: { currentReplicas: 5, readiness: [true, true, true, true, true, false, false], deleting: [false, false, false, false, false, true, true], phases: Array(7).fill('Running'), requests: c1(7), levels: [100, 300, 500, 250, 250] }, target: 50, replicas: 3, utilization: 28, raw: 280 },
  // standalone functions
  { name: 'TestReplicaCalcTolerance', fixture: { currentReplicas: 3, requests: [1800, 2000, 2200], levels: twoContainers(1010, 1030, 1020) }, target: 100, replicas: 3, utilization: 102, raw: 2 * 1020 },
  { name: 'TestReplicaCalcConfigurableTolerance: Outside of a 0% tolerance', tolerance: { scaleDown: 0, scaleUp: 0 }, fixture: { currentReplicas: 3, requests: [1800, 2000, 2200], levels: twoContainers(909, 1010, 1111) }, target: 100, replicas: 4, utilization: 101, raw: 2 * 1010 },
  { name: 'TestReplicaCalcConfigurableTolerance: Within a 200% scale-up tolerance', tolerance: { scaleDown: 0.1, scaleUp: 2 }, fixture: { currentReplicas: 3, requests: [1800, 2000, 2200], levels: twoContainers(1890, 1910, 1900) }, target: 100, replicas: 3, utilization: 190, raw: 2 * 1900 },
  { name: 'TestReplicaCalcConfigurableTolerance: Outside 8% scale-up tolerance (and superfuous scale-down tolerance)', tolerance: { scaleDown: 2, scaleUp: 0.08 }, fixture: { currentReplicas: 3, requests: [1800, 2000, 2200], levels: twoContainers(1100, 1080, 1090) }, target: 100, replicas: 4, utilization: 109, raw: 2 * 1090 },
  { name: 'TestReplicaCalcConfigurableTolerance: Within a 36% scale-down tolerance', tolerance: { scaleDown: 0.36, scaleUp: 0.1 }, fixture: { currentReplicas: 3, requests: [1800, 2000, 2200], levels: twoContainers(660, 640, 650) }, target: 100, replicas: 3, utilization: 65, raw: 2 * 650 },
  { name: 'TestReplicaCalcConfigurableTolerance: Outside a 34% scale-down tolerance', tolerance: { scaleDown: 0.34, scaleUp: 0.1 }, fixture: { currentReplicas: 3, requests: [1800, 2000, 2200], levels: twoContainers(660, 640, 650) }, target: 100, replicas: 2, utilization: 65, raw: 2 * 650 },
  { name: 'TestReplicaCalcMissingMetrics', fixture: { currentReplicas: 4, requests: podRequests(4), levels: twoContainers(400, 95) }, target: 100, replicas: 3, utilization: 24, raw: 495 },
  { name: 'TestReplicaCalcMissingMetricsNoChangeEq', fixture: { currentReplicas: 2, requests: podRequests(2), levels: twoContainers(1000) }, target: 100, replicas: 2, utilization: 100, raw: 2 * 1000 },
  { name: 'TestReplicaCalcMissingMetricsNoChangeGt', fixture: { currentReplicas: 2, requests: podRequests(2), levels: twoContainers(1900) }, target: 100, replicas: 2, utilization: 190, raw: 2 * 1900 },
  { name: 'TestReplicaCalcMissingMetricsNoChangeLt', fixture: { currentReplicas: 2, requests: podRequests(2), levels: twoContainers(600) }, target: 100, replicas: 2, utilization: 60, raw: 2 * 600 },
  { name: 'TestReplicaCalcMissingMetricsUnreadyChange', fixture: { currentReplicas: 3, readiness: [false, true, true], requests: podRequests(3), levels: twoContainers(100, 450) }, target: 50, replicas: 3, utilization: 45, raw: 2 * 450 },
  { name: 'TestReplicaCalcMissingMetricsHotCpuNoChange', fixture: { currentReplicas: 3, startTimes: [HOT, COOL, COOL], requests: podRequests(3), levels: twoContainers(100, 450) }, target: 50, replicas: 3, utilization: 45, raw: 2 * 450 },
  { name: 'TestReplicaCalcMissingMetricsUnreadyScaleUp', fixture: { currentReplicas: 3, readiness: [false, true, true], requests: podRequests(3), levels: twoContainers(100, 2000) }, target: 50, replicas: 4, utilization: 200, raw: 2 * 2000 },
  { name: 'TestReplicaCalcMissingMetricsHotCpuScaleUp', fixture: { currentReplicas: 3, readiness: [false, true, true], startTimes: [HOT, COOL, COOL], requests: podRequests(3), levels: twoContainers(100, 2000) }, target: 50, replicas: 4, utilization: 200, raw: 2 * 2000 },
  { name: 'TestReplicaCalcMissingMetricsUnreadyScaleDown', fixture: { currentReplicas: 4, readiness: [false, true, true, true], requests: podRequests(4), levels: twoContainers(100, 100, 100) }, target: 50, replicas: 3, utilization: 10, raw: 2 * 100 },
  { name: 'TestReplicaCalcMissingMetricsScaleDownTargetOver100', fixture: { currentReplicas: 4, readiness: [false, true, true, true], requests: [2000, 2000, 4000, 4000], levels: twoContainers(200, 100, 100) }, target: 300, replicas: 2, utilization: 6, raw: 2 * 100 },
  { name: 'TestReplicaCalcDuringRollingUpdateWithMaxSurge', fixture: { currentReplicas: 2, phases: ['Running', 'Running', 'Running'], requests: podRequests(3), levels: twoContainers(100, 100) }, target: 50, replicas: 2, utilization: 10, raw: 2 * 100 },
];

for (const row of rows) {
  test(`upstream ${row.name}`, () => {
    const constants = row.tolerance ? { ...testingConstants, tolerance: row.tolerance } : testingConstants;
    const result = calculateReplicas({
      nowSeconds: NOW,
      currentReplicas: row.fixture.currentReplicas,
      metric: { type: 'Resource', name: 'cpu', targetUtilization: row.target },
      pods: buildPods(row.fixture),
      constants,
    });
    assert.equal(result, { replicas: row.replicas, utilization: row.utilization, rawAverageMilli: row.raw });
  });
}

test('upstream TestReplicaCalcSuperfluousMetrics: samples of unknown pods count in the utilization only where a request matches', () => {
  const levels = twoContainers(4000, 9500, 3000, 7000, 3200, 2000);
  const result = calculateReplicas({
    nowSeconds: NOW,
    currentReplicas: 4,
    metric: { type: 'Resource', name: 'cpu', targetUtilization: 100 },
    pods: buildPods({ currentReplicas: 4, requests: podRequests(4), levels: levels.slice(0, 4) }),
    strayMetrics: [
      { name: 'test-pod-4', usageMilli: levels[4] },
      { name: 'test-pod-5', usageMilli: levels[5] },
    ],
    constants: testingConstants,
  });
  assert.equal(result, { replicas: 24, utilization: 587, rawAverageMilli: 2 * 5875 });
});

function calcError(fn: () => unknown): HpaCalculationError {
  try {
    fn();
  } catch (err) {
    if (err instanceof HpaCalculationError) return err;
    throw err;
  }
  throw new Error('expected an HpaCalculationError');
}

test('upstream TestReplicaCalcDisjointResourcesMetrics: no sample matching a known pod is an error', () => {
  const err = calcError(() =>
    calculateReplicas({
      nowSeconds: NOW,
      currentReplicas: 1,
      metric: { type: 'Resource', name: 'cpu', targetUtilization: 100 },
      pods: buildPods({ currentReplicas: 1, requests: podRequests(1), levels: [] }),
      strayMetrics: [{ name: 'an-older-pod-name', usageMilli: 200 }],
      constants: testingConstants,
    }),
  );
  assert.ok(err.message.includes('no metrics returned matched known pods'), err.message);
});

test('upstream TestReplicaCalcEmptyMetrics: no samples at all is an error', () => {
  const err = calcError(() =>
    calculateReplicas({
      nowSeconds: NOW,
      currentReplicas: 4,
      metric: { type: 'Resource', name: 'cpu', targetUtilization: 100 },
      pods: buildPods({ currentReplicas: 4, requests: podRequests(3), levels: [] }),
      constants: testingConstants,
    }),
  );
  assert.ok(err.message.includes('unable to get metrics for resource cpu: no metrics returned from resource metrics API'), err.message);
  assert.is(err.reason, 'FailedGetResourceMetric');
});

test('upstream TestReplicaCalcEmptyCPURequest: a pod without a request is an error', () => {
  const err = calcError(() =>
    calculateReplicas({
      nowSeconds: NOW,
      currentReplicas: 1,
      metric: { type: 'Resource', name: 'cpu', targetUtilization: 100 },
      pods: buildPods({ currentReplicas: 1, requests: [], levels: twoContainers(200) }),
      constants: testingConstants,
    }),
  );
  assert.ok(err.message.includes('missing request for'), err.message);
});

test('upstream TestReplicaCalcComputedToleranceAlgImplementation: scales just outside the tolerance, holds just inside', () => {
  // The upstream test derives its numbers; the same derivation, written out.
  const startPods = 10;
  const totalUsed = startPods * 150;
  const totalRequested = 2 * totalUsed;
  const requestedToUsed = Math.trunc(totalRequested / totalUsed);
  const perPodRequested = totalRequested / startPods;
  let target = Math.abs(1 / (requestedToUsed * (1 - 0.1))) + 0.01;
  const usedRatio = totalUsed / (totalRequested * target);
  const finalPods = Math.ceil(usedRatio * startPods);
  const offsets = [100, -100, 10, -10, 2, -2, 1, -1, 0, 0];
  const pods = buildPods({
    currentReplicas: startPods,
    requests: offsets.map((o) => 2 * (perPodRequested + o)),
    levels: twoContainers(...Array(10).fill(totalUsed / 10)),
  });
  const run = (targetPercent: number) =>
    calculateReplicas({ nowSeconds: NOW, currentReplicas: startPods, metric: { type: 'Resource', name: 'cpu', targetUtilization: targetPercent }, pods, constants: testingConstants });
  const expectedUtilization = Math.trunc((totalUsed * 100) / totalRequested);
  assert.equal(run(Math.trunc(target * 100)), { replicas: finalPods, utilization: expectedUtilization, rawAverageMilli: (2 * totalUsed) / 10 });
  assert.is(finalPods, 9);
  target = Math.abs(1 / (requestedToUsed * (1 - 0.1))) + 0.004;
  assert.is(run(Math.trunc(target * 100)).replicas, startPods);
});
