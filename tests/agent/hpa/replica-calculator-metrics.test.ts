// Upstream replica_calculator_test.go, Pods / Object / External metrics (the *CM* cases). Values are upstream's.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { calculateReplicas, type CalculatorMetric, type Tolerances } from '../../../agent/hpa/index.ts';
import { buildPods, COOL, HOT, NOW, testingConstants, type PodFixture } from './fixtures.ts';

interface Row {
  name: string;
  currentReplicas: number;
  metric: CalculatorMetric;
  /** Pods metric values per pod; for Object/External only the pod list matters. */
  fixture?: Partial<PodFixture>;
  replicas: number;
  usage: number;
  tolerance?: Tolerances;
}

const upOnePercent: Tolerances = { scaleDown: 0.1, scaleUp: 0.01 };
const pods = (targetAverageValueMilli: number): CalculatorMetric => ({ type: 'Pods', targetAverageValueMilli });
const object = (valueMilli: number, targetValueMilli: number): CalculatorMetric => ({ type: 'Object', valueMilli, targetValueMilli });
const objectPerPod = (valueMilli: number, targetAverageValueMilli: number): CalculatorMetric => ({ type: 'Object', valueMilli, targetAverageValueMilli });
const external = (valueMilli: number, targetValueMilli: number): CalculatorMetric => ({ type: 'External', valueMilli, targetValueMilli });
const externalPerPod = (valueMilli: number, targetAverageValueMilli: number): CalculatorMetric => ({ type: 'External', valueMilli, targetAverageValueMilli });

const rows: Row[] = [
  { name: 'TestReplicaCalcScaleUpCM', currentReplicas: 3, metric: pods(15000), fixture: { levels: [20000, 10000, 30000] }, replicas: 4, usage: 20000 },
  { name: 'TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale', currentReplicas: 3, metric: pods(15000), fixture: { readiness: [true, true, false], startTimes: [COOL, COOL, HOT], levels: [50000, 10000, 30000] }, replicas: 6, usage: 30000 },
  { name: 'TestReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown', currentReplicas: 3, metric: pods(15000), fixture: { readiness: [false, true, false], startTimes: [HOT, COOL, HOT], levels: [50000, 15000, 30000] }, replicas: 7, usage: 31666 },
  { name: 'TestReplicaCalcScaleUpCMObject', currentReplicas: 3, metric: object(20000, 15000), replicas: 4, usage: 20000 },
  { name: 'TestReplicaCalcScaleUpCMPerPodObject', currentReplicas: 3, metric: objectPerPod(20000, 5000), replicas: 4, usage: 6667 },
  { name: 'TestReplicaCalcScaleUpCMObjectIgnoresUnreadyPods', currentReplicas: 3, metric: object(50000, 10000), fixture: { readiness: [false, true, false] }, replicas: 5, usage: 50000 },
  { name: 'TestReplicaCalcScaleUpCMExternalIgnoresUnreadyPods', currentReplicas: 3, metric: external(8600, 4400), fixture: { readiness: [false, true, false] }, replicas: 2, usage: 8600 },
  { name: 'TestReplicaCalcScaleUpPerPodCMExternal', currentReplicas: 3, metric: externalPerPod(8600, 2150), replicas: 4, usage: 2867 },
  { name: 'TestReplicaCalcScaleDownCM', currentReplicas: 5, metric: pods(20000), fixture: { levels: [12000, 12000, 12000, 12000, 12000] }, replicas: 3, usage: 12000 },
  { name: 'TestReplicaCalcScaleDownPerPodCMObject', currentReplicas: 5, metric: objectPerPod(6000, 2000), replicas: 3, usage: 1200 },
  { name: 'TestReplicaCalcScaleDownCMObject', currentReplicas: 5, metric: object(12000, 20000), replicas: 3, usage: 12000 },
  { name: 'TestReplicaCalcScaleDownCMExternal', currentReplicas: 5, metric: external(8600, 14334), replicas: 3, usage: 8600 },
  { name: 'TestReplicaCalcScaleDownPerPodCMExternal', currentReplicas: 5, metric: externalPerPod(8600, 2867), replicas: 3, usage: 1720 },
  { name: 'TestReplicaCalcToleranceCM', currentReplicas: 3, metric: pods(20000), fixture: { levels: [20000, 21000, 21000] }, replicas: 3, usage: 20666 },
  { name: 'TestReplicaCalcToleranceCMObject', currentReplicas: 3, metric: object(20666, 20000), replicas: 3, usage: 20666 },
  { name: 'TestReplicaCalcTolerancePerPodCMObject', currentReplicas: 4, metric: objectPerPod(20166, 5000), replicas: 4, usage: 5042 },
  { name: 'TestReplicaCalcToleranceCMExternal', currentReplicas: 3, metric: external(8600, 8888), replicas: 3, usage: 8600 },
  { name: 'TestReplicaCalcTolerancePerPodCMExternal', currentReplicas: 3, metric: externalPerPod(8600, 2900), replicas: 3, usage: 2867 },
  { name: 'TestReplicaCalcConfigurableToleranceCM', tolerance: upOnePercent, currentReplicas: 3, metric: pods(20000), fixture: { levels: [20000, 21000, 21000] }, replicas: 4, usage: 20666 },
  { name: 'TestReplicaCalcConfigurableToleranceCMObject', tolerance: upOnePercent, currentReplicas: 3, metric: object(20666, 20000), replicas: 4, usage: 20666 },
  { name: 'TestReplicaCalcConfigurableTolerancePerPodCMObject', tolerance: upOnePercent, currentReplicas: 4, metric: objectPerPod(20208, 5000), replicas: 5, usage: 5052 },
  { name: 'TestReplicaCalcConfigurableToleranceCMExternal', tolerance: upOnePercent, currentReplicas: 3, metric: external(8900, 8800), replicas: 4, usage: 8900 },
  { name: 'TestReplicaCalcConfigurableTolerancePerPodCMExternal', tolerance: upOnePercent, currentReplicas: 3, metric: externalPerPod(8600, 2800), replicas: 4, usage: 2867 },
  { name: 'TestPlainMetricReplicaCalcMissingMetricsNoChangeEq', currentReplicas: 5, metric: pods(20000), fixture: { levels: [20000, 19000, 21000] }, replicas: 5, usage: 20000 },
  { name: 'TestReplicaCalcDuringRollingUpdateWithMaxSurgeCM', currentReplicas: 2, metric: pods(17000), fixture: { phases: ['Running', 'Running', 'Running'], levels: [10000, 10000] }, replicas: 2, usage: 10000 },
];

for (const row of rows) {
  test(`upstream ${row.name}`, () => {
    const result = calculateReplicas({
      nowSeconds: NOW,
      currentReplicas: row.currentReplicas,
      metric: row.metric,
      pods: buildPods({ currentReplicas: row.currentReplicas, levels: [], ...row.fixture }),
      constants: row.tolerance ? { ...testingConstants, tolerance: row.tolerance } : testingConstants,
    });
    assert.equal(result, { replicas: row.replicas, usageMilli: row.usage });
  });
}

test('upstream TestReplicaCalcScaleUpOverflow: an Object value far above the target caps at MaxInt32 replicas (2^53-1 stands in for MaxInt64)', () => {
  const result = calculateReplicas({
    nowSeconds: NOW,
    currentReplicas: 3,
    metric: object(Number.MAX_SAFE_INTEGER, 1),
    pods: buildPods({ currentReplicas: 3, levels: [] }),
    constants: testingConstants,
  });
  assert.is(result.replicas, 2147483647);
});

test('upstream TestExternalPerPodMetricReplicaOverflow: an External average far above the target caps at MaxInt32 (2^53-1 stands in for MaxInt64)', () => {
  const result = calculateReplicas({ nowSeconds: NOW, currentReplicas: 1, metric: externalPerPod(Number.MAX_SAFE_INTEGER, 1), pods: buildPods({ currentReplicas: 1, levels: [] }), constants: testingConstants });
  assert.is(result.replicas, 2147483647);
});

test('upstream TestExternalPerPodMetricUsageOverflow: a huge value at its huge target is within tolerance', () => {
  const result = calculateReplicas({ nowSeconds: NOW, currentReplicas: 1, metric: externalPerPod(Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER), pods: buildPods({ currentReplicas: 1, levels: [] }), constants: testingConstants });
  assert.is(result.replicas, 1);
});

test('Resource cpu with an average-value target: readiness rules apply, unready pods count 0 on scale-up (hand-computed)', () => {
  // Ready pods 500 and 700m: average 600 vs 250 → ratio 2.4 > 1 with an unready pod → rebalanced (0 + 500 + 700) / 3
  // = 400 → 1.6 → ceil(1.6 × 3) = 5; the reported usage is the ready pods' average, 600.
  const podList = buildPods({ currentReplicas: 3, readiness: [false, true, true], levels: [300, 500, 700] });
  const metric: CalculatorMetric = { type: 'Resource', name: 'cpu', targetAverageValueMilli: 250 };
  assert.equal(calculateReplicas({ nowSeconds: NOW, currentReplicas: 3, metric, pods: podList, constants: testingConstants }), { replicas: 5, usageMilli: 600 });
  // The same values as a Pods metric ignore readiness: average 500 → 2 → 6.
  assert.equal(calculateReplicas({ nowSeconds: NOW, currentReplicas: 3, metric: pods(250), pods: podList, constants: testingConstants }), { replicas: 6, usageMilli: 500 });
});

test('scale from zero: Object/External with currentReplicas 0 applies the ratio without tolerance (getUsageRatioReplicaCount)', () => {
  // value/target = 1.05 is inside the 10 % tolerance, yet with 0 replicas the ceiling of the ratio is taken.
  const value = calculateReplicas({ nowSeconds: NOW, currentReplicas: 0, metric: external(10500, 10000), pods: [], constants: testingConstants });
  assert.equal(value, { replicas: 2, usageMilli: 10500 });
  const zero = calculateReplicas({ nowSeconds: NOW, currentReplicas: 0, metric: external(0, 10000), pods: [], constants: testingConstants });
  assert.is(zero.replicas, 0);
  const perPod = calculateReplicas({ nowSeconds: NOW, currentReplicas: 0, metric: externalPerPod(8600, 2150), pods: [], constants: testingConstants });
  assert.equal(perPod, { replicas: 4 });
});
