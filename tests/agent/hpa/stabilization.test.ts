// Upstream horizontal_test.go TestNormalizeDesiredReplicas (legacy stabilizeRecommendation, 5-minute window) and
// TestNormalizeDesiredReplicasWithBehavior (stabilizeRecommendationWithBehaviors). Values are upstream's.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { stabilizeLegacy, stabilizeWithBehavior, type TimestampedRecommendation } from '../../../agent/hpa/index.ts';
import { NOW } from './fixtures.ts';

const rec = (replicas: number, agoSeconds: number): TimestampedRecommendation => ({ replicas, timestampSeconds: NOW - agoSeconds });

const legacyRows: Array<{ name: string; recs: TimestampedRecommendation[]; desired: number; stabilized: number; logLength: number }> = [
  { name: 'empty log', recs: [], desired: 5, stabilized: 5, logLength: 1 },
  { name: 'stabilize', recs: [rec(4, 120), rec(5, 60)], desired: 3, stabilized: 5, logLength: 3 },
  { name: 'no stabilize', recs: [rec(1, 120), rec(2, 60)], desired: 3, stabilized: 3, logLength: 3 },
  { name: 'no stabilize - old recommendations', recs: [rec(10, 600), rec(9, 540)], desired: 3, stabilized: 3, logLength: 2 },
  { name: 'stabilize - old recommendations', recs: [rec(10, 600), rec(4, 60), rec(5, 120), rec(9, 540)], desired: 3, stabilized: 5, logLength: 4 },
];

for (const row of legacyRows) {
  test(`upstream TestNormalizeDesiredReplicas: ${row.name}`, () => {
    const result = stabilizeLegacy(row.recs, row.desired, 300, NOW);
    assert.is(result.replicas, row.stabilized);
    assert.is(result.recommendations.length, row.logLength);
  });
}

test('legacy stabilization counts a recommendation exactly at the window edge; the behavior path does not', () => {
  const atEdge = [rec(9, 300)];
  assert.is(stabilizeLegacy(atEdge, 3, 300, NOW).replicas, 9);
  assert.is(stabilizeWithBehavior(atEdge, 10, 3, 0, 300, NOW).replicas, 3);
});

interface BehaviorRow {
  name: string;
  recs: TimestampedRecommendation[];
  current: number;
  desired: number;
  stabilized: number;
  stored?: number[];
  upWindow?: number;
  downWindow?: number;
}

const behaviorRows: BehaviorRow[] = [
  { name: 'empty recommendations for scaling down', recs: [], current: 100, desired: 5, stabilized: 5, stored: [5] },
  { name: 'simple scale down stabilization', recs: [rec(4, 120), rec(5, 60)], current: 100, desired: 3, stabilized: 5, stored: [4, 5, 3], downWindow: 180 },
  { name: 'simple scale up stabilization', recs: [rec(4, 120), rec(5, 60)], current: 1, desired: 7, stabilized: 4, stored: [4, 5, 7], upWindow: 300 },
  { name: 'no scale down stabilization', recs: [rec(1, 120), rec(2, 60)], current: 100, desired: 3, stabilized: 3, stored: [1, 2, 3], upWindow: 300 },
  { name: 'no scale up stabilization', recs: [rec(4, 120), rec(5, 60)], current: 1, desired: 3, stabilized: 3, stored: [4, 5, 3], downWindow: 300 },
  { name: 'no scale down stabilization, reuse recommendation element', recs: [rec(10, 600), rec(9, 540)], current: 100, desired: 3, stabilized: 3, stored: [10, 3] },
  { name: 'no scale up stabilization, reuse recommendation element', recs: [rec(10, 600), rec(9, 540)], current: 1, desired: 100, stabilized: 100, stored: [10, 100] },
  { name: 'scale down stabilization, reuse one of obsolete recommendation element', recs: [rec(10, 600), rec(4, 60), rec(5, 120), rec(9, 540)], current: 100, desired: 3, stabilized: 5, stored: [10, 4, 5, 3], downWindow: 180 },
  { name: 'scale up stabilization, reuse one of obsolete recommendation element', recs: [rec(10, 6000), rec(6, 60), rec(5, 120), rec(9, 180)], current: 1, desired: 100, stabilized: 5, stored: [100, 6, 5, 9], upWindow: 300 },
  { name: 'scale up and down stabilization, do not scale up when prenormalized rec goes down', recs: [rec(2, 6000), rec(3, 180)], current: 2, desired: 1, stabilized: 2, upWindow: 300, downWindow: 300 },
  { name: 'scale up and down stabilization, do not scale down when prenormalized rec goes up', recs: [rec(2, 6000), rec(1, 180)], current: 2, desired: 3, stabilized: 2, upWindow: 300, downWindow: 300 },
];

for (const row of behaviorRows) {
  test(`upstream TestNormalizeDesiredReplicasWithBehavior: ${row.name}`, () => {
    const result = stabilizeWithBehavior(row.recs, row.current, row.desired, row.upWindow ?? 0, row.downWindow ?? 0, NOW);
    assert.is(result.replicas, row.stabilized);
    if (row.stored) assert.equal(result.recommendations.map((r) => r.replicas), row.stored);
  });
}

test('stabilization never modifies the caller’s recommendation list', () => {
  const recs = [rec(10, 600)];
  stabilizeWithBehavior(recs, 1, 5, 0, 300, NOW);
  stabilizeLegacy(recs, 5, 300, NOW);
  assert.equal(recs, [rec(10, 600)]);
});
