// Upstream horizontal_test.go TestConvertDesiredReplicasWithRules (legacy min/max/scale-up limit; upstream's tests
// set scaleUpLimitFactor = 8) and the whole normalize step: stabilization, then rate limits, then min/max.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { convertWithLegacyRules, normalizeReplicas } from '../../../agent/hpa/index.ts';
import { NOW } from './fixtures.ts';

const legacyRows = [
  { name: 'prenormalized desired replicas within range', current: 5, desired: 7, min: 3, max: 8, replicas: 7, reason: 'DesiredWithinRange' },
  { name: 'prenormalized desired replicas < minReplicas', current: 3, desired: 1, min: 2, max: 8, replicas: 2, reason: 'TooFewReplicas' },
  { name: 'prenormalized desired zeroed replicas within range', current: 1, desired: 0, min: 0, max: 10, replicas: 0, reason: 'DesiredWithinRange' },
  { name: 'maxReplicas is the limit because maxReplicas < scaleUpLimit', current: 20, desired: 1000, min: 1, max: 10, replicas: 10, reason: 'TooManyReplicas' },
  // calculateScaleUpLimit(3) with the tests' factor 8: max(8 × 3, 4) = 24.
  { name: 'scaleUpLimit is the limit because scaleUpLimit < maxReplicas', current: 3, desired: 1000, min: 1, max: 2000, replicas: 24, reason: 'ScaleUpLimit' },
];

for (const row of legacyRows) {
  test(`upstream TestConvertDesiredReplicasWithRules: ${row.name}`, () => {
    assert.equal(convertWithLegacyRules(row.current, row.desired, row.min, row.max, 8, 4), { replicas: row.replicas, reason: row.reason });
  });
}

test('legacy scale-up limit with the controller defaults: max(2 × current, 4)', () => {
  assert.equal(convertWithLegacyRules(1, 100, 1, 100), { replicas: 4, reason: 'ScaleUpLimit' });
  assert.equal(convertWithLegacyRules(10, 100, 1, 100), { replicas: 20, reason: 'ScaleUpLimit' });
  assert.equal(convertWithLegacyRules(10, 100, 1, 15), { replicas: 15, reason: 'TooManyReplicas' });
});

test('legacy path: a higher recommendation from 4 minutes ago holds a scale-down (ScaleDownStabilized), 6 minutes ago it does not', () => {
  const base = { nowSeconds: NOW, currentReplicas: 8, desiredReplicas: 3, minReplicas: 1, maxReplicas: 10 };
  const held = normalizeReplicas({ ...base, recommendations: [{ timestampSeconds: NOW - 240, replicas: 8 }] });
  assert.equal([held.replicas, held.reason, held.stabilizationReason], [8, 'DesiredWithinRange', 'ScaleDownStabilized']);
  const free = normalizeReplicas({ ...base, recommendations: [{ timestampSeconds: NOW - 360, replicas: 8 }] });
  assert.equal([free.replicas, free.reason, free.stabilizationReason], [3, 'DesiredWithinRange', 'ReadyForNewScale']);
  assert.equal(free.recommendations, [{ timestampSeconds: NOW, replicas: 3 }]);
});

test('behavior path: stabilization first, then the rate limit applies to the stabilized value', () => {
  // Scale-up window 60 s with a recommendation of 12 30 s ago: stabilized = min(30, 12) = 12; Pods 4/15 s caps 5 → 9.
  const result = normalizeReplicas({
    nowSeconds: NOW,
    currentReplicas: 5,
    desiredReplicas: 30,
    minReplicas: 1,
    maxReplicas: 50,
    behavior: { scaleUp: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }] } },
    recommendations: [{ timestampSeconds: NOW - 30, replicas: 12 }],
  });
  assert.equal([result.stabilizedReplicas, result.replicas, result.reason, result.stabilizationReason], [12, 9, 'ScaleUpLimit', 'ScaleUpStabilized']);
});

test('behavior with a direction left out gets the API defaults (scale-down window = downscaleStabilizationWindowSeconds)', () => {
  const base = { nowSeconds: NOW, currentReplicas: 10, desiredReplicas: 2, minReplicas: 1, maxReplicas: 20, behavior: {} };
  const recent = [{ timestampSeconds: NOW - 100, replicas: 10 }];
  assert.is(normalizeReplicas({ ...base, recommendations: recent }).replicas, 10);
  assert.is(normalizeReplicas({ ...base, recommendations: recent, downscaleStabilizationWindowSeconds: 60 }).replicas, 2);
  // Default scale-up: max(current + 4, 2 × current) per 15 s.
  assert.equal(normalizeReplicas({ ...base, currentReplicas: 3, desiredReplicas: 20 }).replicas, 7);
  assert.equal(normalizeReplicas({ ...base, currentReplicas: 10, desiredReplicas: 50 }).replicas, 20);
});

test('Percent policies: scale-up limit rounds up, scale-down limit truncates', () => {
  const behavior = {
    scaleUp: { policies: [{ type: 'Percent' as const, value: 10, periodSeconds: 60 }] },
    scaleDown: { stabilizationWindowSeconds: 0, policies: [{ type: 'Percent' as const, value: 10, periodSeconds: 60 }] },
  };
  const base = { nowSeconds: NOW, minReplicas: 1, maxReplicas: 100, behavior };
  assert.equal(normalizeReplicas({ ...base, currentReplicas: 5, desiredReplicas: 50 }).replicas, 6); // ceil(5.5)
  assert.equal(normalizeReplicas({ ...base, currentReplicas: 5, desiredReplicas: 1 }).replicas, 4); // trunc(4.5)
});
