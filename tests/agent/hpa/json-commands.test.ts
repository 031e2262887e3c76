// The pure halves of `scalelab hpa calc|normalize`: field names and defaults of the contract, and validation
// errors that name the field.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { HpaInputError, parseJsonInput, runHpaCalc, runHpaNormalize } from '../../../agent/hpa/index.ts';
import { NOW, ZERO } from './fixtures.ts';

const readyPod = (name: string, usageMilli: number) => ({ name, phase: 'Running', ready: true, startTime: ZERO, requestMilli: 1000, usageMilli });

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof HpaInputError) return err.field;
    throw err;
  }
  throw new Error('expected an HpaInputError');
}

test('calc: upstream "scale up" through the JSON fields, utilization and rawAverageMilli printed', () => {
  const out = runHpaCalc({ now: NOW, currentReplicas: 3, metric: { type: 'Resource', name: 'cpu', targetUtilization: 30 }, pods: [readyPod('a', 300), readyPod('b', 500), readyPod('c', 700)] });
  assert.equal(out, { replicas: 5, utilization: 50, rawAverageMilli: 500 });
});

test('calc: the contract defaults — 300 s CPU initialization, left-out metricTimestamp = now, 60 s window', () => {
  // Started 200 s ago, ready 100 s ago, sample taken now: within 300 s of start but a full 60 s window after
  // readiness, so it counts: 2 pods at 100 % of a 50 % target → 4.
  const pod = (name: string, usage: number, start: number) => ({ name, phase: 'Running', ready: true, startTime: start, readyTransitionTime: NOW - 100, requestMilli: 1000, usageMilli: usage });
  const input = { now: NOW, currentReplicas: 2, metric: { type: 'Resource', name: 'cpu', targetUtilization: 50 }, pods: [pod('a', 1000, NOW - 200), pod('b', 1000, ZERO)] };
  assert.equal(runHpaCalc(input), { replicas: 4, utilization: 100, rawAverageMilli: 1000 });
  // Ready only 30 s ago: the sample does not cover a full window yet, so pod a is unready. Utilization of the ready
  // pod is 100 % (ratio 2), but with pod a at 0 % the rebalanced ratio is (0 + 1000) / 2000 / 50 % = 1.0: hold at 2.
  const fresh = { ...input, pods: [{ ...input.pods[0], readyTransitionTime: NOW - 30 }, input.pods[1]] };
  assert.equal(runHpaCalc(fresh), { replicas: 2, utilization: 100, rawAverageMilli: 1000 });
  // With a 100 s initialization period pod a is past it and counts again.
  assert.equal(runHpaCalc({ ...fresh, cpuInitializationPeriodSeconds: 100 }), { replicas: 4, utilization: 100, rawAverageMilli: 1000 });
});

test('calc: per-direction tolerance and Pods/External outputs carry usageMilli', () => {
  const pods = [readyPod('a', 20000), readyPod('b', 21000), readyPod('c', 21000)];
  const base = { now: NOW, currentReplicas: 3, metric: { type: 'Pods', targetAverageValueMilli: 20000 }, pods };
  assert.equal(runHpaCalc(base), { replicas: 3, usageMilli: 20666 });
  assert.equal(runHpaCalc({ ...base, tolerance: { scaleUp: 0.01, scaleDown: 0.1 } }), { replicas: 4, usageMilli: 20666 });
  assert.equal(runHpaCalc({ ...base, tolerance: { scaleUp: 0.01 } }), { replicas: 4, usageMilli: 20666 }); // scaleDown defaults to 0.1
  assert.equal(runHpaCalc({ now: NOW, currentReplicas: 3, metric: { type: 'External', targetAverageValueMilli: 2150, valueMilli: 8600 }, pods: [] }), { replicas: 4, usageMilli: 2867 });
});

test('normalize: legacy path when behavior is null or left out, behavior path otherwise', () => {
  const base = { now: NOW, currentReplicas: 10, desiredReplicas: 50, minReplicas: 1, maxReplicas: 1000 };
  assert.equal(runHpaNormalize(base), { replicas: 20, reason: 'ScaleUpLimit' });
  assert.equal(runHpaNormalize({ ...base, behavior: null, scaleUpLimitFactor: 8 }), { replicas: 50, reason: 'DesiredWithinRange' });
  assert.equal(runHpaNormalize({ ...base, behavior: { scaleUp: { policies: [{ type: 'Pods', value: 30, periodSeconds: 60 }] } } }), { replicas: 40, reason: 'ScaleUpLimit' });
  assert.equal(
    runHpaNormalize({ ...base, desiredReplicas: 2, behavior: { scaleDown: { stabilizationWindowSeconds: 0, policies: [{ type: 'Pods', value: 5, periodSeconds: 60 }] } }, scaleDownEvents: [{ timestamp: NOW - 30, replicaChange: 2 }] }),
    { replicas: 7, reason: 'ScaleDownLimit' },
  );
  assert.equal(runHpaNormalize({ ...base, desiredReplicas: 3, recommendations: [{ timestamp: NOW - 300, replicas: 9 }] }), { replicas: 9, reason: 'DesiredWithinRange' });
});

test('bad input names the field: missing, wrong type, negative replicas, bad enum, nested paths', () => {
  const calc = { now: NOW, currentReplicas: 3, metric: { type: 'Pods', targetAverageValueMilli: 100 }, pods: [readyPod('a', 1)] };
  assert.is(fieldOf(() => runHpaCalc({ ...calc, now: undefined })), 'now');
  assert.is(fieldOf(() => runHpaCalc({ ...calc, currentReplicas: -1 })), 'currentReplicas');
  assert.is(fieldOf(() => runHpaCalc({ ...calc, currentReplicas: 1.5 })), 'currentReplicas');
  assert.is(fieldOf(() => runHpaCalc({ ...calc, metric: { type: 'Cheddar' } })), 'metric.type');
  assert.is(fieldOf(() => runHpaCalc({ ...calc, pods: [{ ...readyPod('a', 1), usageMilli: 'x' }] })), 'pods[0].usageMilli');
  assert.is(fieldOf(() => runHpaCalc({ ...calc, pods: [{ ...readyPod('a', 1), ready: 'yes' }] })), 'pods[0].ready');
  assert.is(fieldOf(() => runHpaCalc({ ...calc, tolerance: { scaleUp: 'wide' } })), 'tolerance.scaleUp');
  assert.is(fieldOf(() => runHpaCalc({ ...calc, pods: [readyPod('a', 1), readyPod('a', 2)] })), 'pods[1].name');
  const norm = { now: NOW, currentReplicas: 3, desiredReplicas: 4, minReplicas: 1, maxReplicas: 5 };
  assert.is(fieldOf(() => runHpaNormalize({ ...norm, maxReplicas: '5' })), 'maxReplicas');
  assert.is(fieldOf(() => runHpaNormalize({ ...norm, behavior: { scaleUp: { selectPolicy: 'Fastest' } } })), 'behavior.scaleUp.selectPolicy');
  assert.is(fieldOf(() => runHpaNormalize({ ...norm, recommendations: [{ timestamp: NOW }] })), 'recommendations[0].replicas');
  assert.is(fieldOf(() => runHpaNormalize([1, 2])), 'input');
  assert.is(fieldOf(() => parseJsonInput('{"now": ')), 'input');
});
