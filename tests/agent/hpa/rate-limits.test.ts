// Upstream horizontal_test.go TestScalingWithRules (convertDesiredReplicasWithBehaviorRate with API-defaulted rules),
// TestCalculateScaleUpLimitWithScalingRules and TestCalculateScaleDownLimitWithBehaviors. Values are upstream's.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import {
  convertWithBehaviorRate,
  resolveScaleDownRules,
  resolveScaleUpRules,
  scaleDownLimitWithRules,
  scaleUpLimitWithRules,
  type HpaScalingRules,
  type ScaleEvent,
} from '../../../agent/hpa/index.ts';
import { NOW, rules, uniformEvents } from './fixtures.ts';

interface Row {
  name: string;
  current: number;
  desired: number;
  min: number;
  max: number;
  up?: HpaScalingRules;
  down?: HpaScalingRules;
  upEvents?: ScaleEvent[];
  downEvents?: ScaleEvent[];
  replicas: number;
  reason: string;
}

const e159 = (): ScaleEvent[] => uniformEvents([1, 5, 9], 120);
const e8129 = (): ScaleEvent[] => uniformEvents([8, 12, 9, 11], 120);

const rows: Row[] = [
  { name: 'prenormalized desired replicas within range', current: 5, desired: 7, min: 3, max: 8, replicas: 7, reason: 'DesiredWithinRange' },
  { name: 'prenormalized desired replicas < minReplicas', current: 3, desired: 1, min: 2, max: 8, replicas: 2, reason: 'TooFewReplicas' },
  { name: 'prenormalized desired replicas within range when minReplicas is 0', current: 1, desired: 0, min: 0, max: 10, replicas: 0, reason: 'DesiredWithinRange' },
  { name: 'maxReplicas is the limit because maxReplicas < scaleUpLimit', current: 20, desired: 1000, min: 1, max: 10, replicas: 10, reason: 'TooManyReplicas' },
  { name: 'desired replica count is more than the maximum replica count', current: 100, desired: 1000, min: 100, max: 150, replicas: 150, reason: 'TooManyReplicas' },
  { name: 'scaleUpLimit is the limit because scaleUpLimit < maxReplicas with user policies', current: 3, desired: 1000, min: 1, max: 2000, up: rules(0, 0, 1, 60, 0), replicas: 4, reason: 'ScaleUpLimit' },
  // upstream marks this row testThis and skips it; its expectation follows from the same rules.
  { name: 'scaleDownLimit is the limit because scaleDownLimit > minReplicas with user defined policies', current: 1000, desired: 3, min: 3, max: 2000, down: rules(20, 60, 0, 0, 0), replicas: 980, reason: 'ScaleDownLimit' },
  { name: 'scaleUp with default behavior', current: 10, desired: 50, min: 1, max: 1000, replicas: 20, reason: 'ScaleUpLimit' },
  { name: 'scaleUp with pods policy larger than percent policy', current: 10, desired: 500, min: 1, max: 1000, up: rules(100, 60, 100, 60, 0), replicas: 110, reason: 'ScaleUpLimit' },
  { name: 'scaleUp with percent policy larger than pods policy', current: 10, desired: 500, min: 1, max: 1000, up: rules(2, 60, 100, 60, 0), replicas: 20, reason: 'ScaleUpLimit' },
  { name: 'scaleUp with spec MaxReplicas limitation with large pod policy', current: 10, desired: 50, min: 1, max: 1000, up: rules(100, 60, 0, 0, 0), replicas: 50, reason: 'DesiredWithinRange' },
  { name: 'scaleUp with spec MaxReplicas limitation with large percent policy', current: 10, desired: 50, min: 1, max: 1000, up: rules(10000, 60, 0, 0, 0), replicas: 50, reason: 'DesiredWithinRange' },
  { name: 'scaleUp with pod policy limitation', current: 10, desired: 50, min: 1, max: 1000, up: rules(30, 60, 0, 0, 0), replicas: 40, reason: 'ScaleUpLimit' },
  { name: 'scaleUp with percent policy limitation', current: 10, desired: 50, min: 1, max: 1000, up: rules(0, 0, 200, 60, 0), replicas: 30, reason: 'ScaleUpLimit' },
  { name: 'scaleDown with percent policy larger than pod policy', current: 100, desired: 2, min: 1, max: 1000, down: rules(20, 60, 1, 60, 300), replicas: 80, reason: 'ScaleDownLimit' },
  { name: 'scaleDown with pod policy larger than percent policy', current: 100, desired: 2, min: 1, max: 1000, down: rules(2, 60, 1, 60, 300), replicas: 98, reason: 'ScaleDownLimit' },
  { name: 'scaleDown with spec MinReplicas=nil limitation with large pod policy', current: 10, desired: 0, min: 1, max: 1000, down: rules(100, 60, 0, 0, 300), replicas: 1, reason: 'TooFewReplicas' },
  { name: 'scaleDown with spec MinReplicas limitation with large pod policy', current: 10, desired: 0, min: 1, max: 1000, down: rules(100, 60, 0, 0, 300), replicas: 1, reason: 'TooFewReplicas' },
  { name: 'scaleDown with spec MinReplicas limitation with large percent policy', current: 10, desired: 2, min: 5, max: 1000, down: rules(0, 0, 100, 60, 300), replicas: 5, reason: 'TooFewReplicas' },
  { name: 'scaleDown with pod policy limitation', current: 10, desired: 2, min: 1, max: 1000, down: rules(5, 60, 0, 0, 300), replicas: 5, reason: 'ScaleDownLimit' },
  { name: 'scaleDown with percent policy limitation', current: 10, desired: 5, min: 1, max: 1000, down: rules(0, 0, 50, 60, 300), replicas: 5, reason: 'DesiredWithinRange' },
  { name: 'scaleUp with spec MaxReplicas limitation with large pod policy and events', upEvents: e159(), current: 100, desired: 500, min: 1, max: 200, up: rules(300, 60, 0, 0, 0), replicas: 200, reason: 'TooManyReplicas' },
  { name: 'scaleUp with spec MaxReplicas limitation with large percent policy and events', upEvents: e159(), current: 100, desired: 500, min: 1, max: 200, up: rules(0, 0, 10000, 60, 0), replicas: 200, reason: 'TooManyReplicas' },
  { name: 'scaleUp with currentReplicas limitation with rate.PeriodSeconds with a lot of recent scale up events', upEvents: e159(), current: 100, desired: 500, min: 1, max: 1000, up: rules(5, 120, 0, 0, 0), replicas: 100, reason: 'ScaleUpLimit' },
  { name: 'scaleUp with pod policy and previous scale up events', upEvents: e159(), current: 100, desired: 500, min: 1, max: 1000, up: rules(150, 120, 0, 0, 0), replicas: 235, reason: 'ScaleUpLimit' },
  { name: 'scaleUp with percent policy and previous scale up events', upEvents: e159(), current: 100, desired: 500, min: 1, max: 1000, up: rules(0, 0, 200, 120, 0), replicas: 255, reason: 'ScaleUpLimit' },
  { name: 'scaleUp with percent policy and previous scale up and down events', upEvents: uniformEvents([4], 120), downEvents: uniformEvents([2], 120), current: 6, desired: 24, min: 1, max: 1000, up: rules(0, 0, 300, 300, 0), replicas: 16, reason: 'ScaleUpLimit' },
  { name: 'scaleDown with default policy and previous events', downEvents: e159(), current: 10, desired: 5, min: 1, max: 1000, replicas: 5, reason: 'DesiredWithinRange' },
  { name: 'scaleDown with spec MinReplicas=nil limitation with large pod policy and previous events', downEvents: e159(), current: 100, desired: 0, min: 1, max: 1000, down: rules(115, 120, 0, 0, 300), replicas: 1, reason: 'TooFewReplicas' },
  { name: 'scaleDown with spec MinReplicas limitation with large pod policy and previous events', downEvents: e159(), current: 100, desired: 0, min: 5, max: 1000, down: rules(130, 120, 0, 0, 300), replicas: 5, reason: 'TooFewReplicas' },
  { name: 'scaleDown with spec MinReplicas limitation with large percent policy and previous events', downEvents: e159(), current: 100, desired: 2, min: 5, max: 1000, down: rules(0, 0, 100, 120, 300), replicas: 5, reason: 'TooFewReplicas' },
  { name: 'scaleDown with pod policy limitation and previous events', downEvents: e159(), current: 100, desired: 2, min: 1, max: 1000, down: rules(5, 120, 0, 0, 300), replicas: 100, reason: 'ScaleDownLimit' },
  { name: 'scaleDown with percent policy limitation and previous events', downEvents: uniformEvents([2, 4, 6], 120), current: 100, desired: 0, min: 1, max: 1000, down: rules(0, 0, 50, 120, 300), replicas: 56, reason: 'ScaleDownLimit' },
  { name: 'scaleDown with percent policy and previous scale up and down events', upEvents: uniformEvents([2], 120), downEvents: uniformEvents([4], 120), current: 10, desired: 1, min: 1, max: 1000, down: rules(0, 0, 50, 180, 0), replicas: 6, reason: 'ScaleDownLimit' },
  { name: 'scaleDown with previous events preventing further scale down', downEvents: uniformEvents([10, 10, 10], 120), current: 100, desired: 0, min: 1, max: 1000, down: rules(0, 0, 10, 120, 300), replicas: 100, reason: 'ScaleDownLimit' },
  { name: 'scaleDown with with previous events still allowing more scale down', downEvents: uniformEvents([10, 10, 10], 120), current: 10, desired: 5, min: 1, max: 1000, down: rules(0, 0, 1000, 120, 300), replicas: 5, reason: 'DesiredWithinRange' },
  { name: "check 'outdated' flag for events for one behavior for up", upEvents: e8129(), current: 100, desired: 200, min: 1, max: 1000, up: rules(1000, 60, 0, 0, 0), replicas: 200, reason: 'DesiredWithinRange' },
  { name: "check that events were not marked 'outdated' for two different policies in the behavior for up", upEvents: e8129(), current: 100, desired: 200, min: 1, max: 1000, up: rules(1000, 120, 100, 60, 0), replicas: 200, reason: 'DesiredWithinRange' },
  { name: "check that events were marked 'outdated' for two different policies in the behavior for up", upEvents: e8129(), current: 100, desired: 200, min: 1, max: 1000, up: rules(1000, 30, 100, 60, 0), replicas: 200, reason: 'DesiredWithinRange' },
  { name: "check 'outdated' flag for events for one behavior for down", downEvents: e8129(), current: 100, desired: 5, min: 1, max: 1000, down: rules(1000, 60, 0, 0, 300), replicas: 5, reason: 'DesiredWithinRange' },
  { name: "check that events were not marked 'outdated' for two different policies in the behavior for down", downEvents: e8129(), current: 100, desired: 5, min: 1, max: 1000, down: rules(1000, 120, 100, 60, 300), replicas: 5, reason: 'DesiredWithinRange' },
  { name: "check that events were marked 'outdated' for two different policies in the behavior for down", downEvents: e8129(), current: 100, desired: 5, min: 1, max: 1000, down: rules(1000, 30, 100, 60, 300), replicas: 5, reason: 'DesiredWithinRange' },
];

for (const row of rows) {
  test(`upstream TestScalingWithRules: ${row.name}`, () => {
    const result = convertWithBehaviorRate({
      currentReplicas: row.current,
      desiredReplicas: row.desired,
      minReplicas: row.min,
      maxReplicas: row.max,
      scaleUp: resolveScaleUpRules(row.up),
      scaleDown: resolveScaleDownRules(row.down, 300),
      scaleUpEvents: row.upEvents ?? [],
      scaleDownEvents: row.downEvents ?? [],
      nowSeconds: NOW,
    });
    assert.equal(result, { replicas: row.replicas, reason: row.reason });
  });
}

test('upstream TestCalculateScaleUpLimitWithScalingRules: selectPolicy Min takes the smaller of Pods 2 and Percent 50', () => {
  const r = resolveScaleUpRules({ stabilizationWindowSeconds: 300, selectPolicy: 'Min', policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }, { type: 'Percent', value: 50, periodSeconds: 60 }] });
  assert.is(scaleUpLimitWithRules(1, [], [], r, NOW), 2);
});

test('upstream TestCalculateScaleDownLimitWithBehaviors: selectPolicy Min keeps the higher limit (the smaller change)', () => {
  const r = resolveScaleDownRules({ stabilizationWindowSeconds: 300, selectPolicy: 'Min', policies: [{ type: 'Pods', value: 2, periodSeconds: 60 }, { type: 'Percent', value: 50, periodSeconds: 60 }] }, 300);
  assert.is(scaleDownLimitWithRules(5, [], [], r, NOW), 3);
});

test('selectPolicy Disabled stops scaling in that direction (limit = current)', () => {
  const up = resolveScaleUpRules({ selectPolicy: 'Disabled' });
  const down = resolveScaleDownRules({ selectPolicy: 'Disabled' }, 300);
  const args = { minReplicas: 1, maxReplicas: 100, scaleUp: up, scaleDown: down, scaleUpEvents: [], scaleDownEvents: [], nowSeconds: NOW };
  assert.equal(convertWithBehaviorRate({ ...args, currentReplicas: 5, desiredReplicas: 9 }), { replicas: 5, reason: 'ScaleUpLimit' });
  assert.equal(convertWithBehaviorRate({ ...args, currentReplicas: 5, desiredReplicas: 2 }), { replicas: 5, reason: 'ScaleDownLimit' });
});

test('an event exactly one period old no longer counts (strictly after now - period)', () => {
  const r = resolveScaleUpRules({ policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] });
  assert.is(scaleUpLimitWithRules(5, [{ timestampSeconds: NOW - 60, replicaChange: 3 }], [], r, NOW), 6);
  assert.is(scaleUpLimitWithRules(5, [{ timestampSeconds: NOW - 59, replicaChange: 3 }], [], r, NOW), 3);
});
