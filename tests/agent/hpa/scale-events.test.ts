// Upstream horizontal_test.go TestStoreScaleEvents: events older than the longest policy period are marked
// outdated and the last outdated slot is reused; without behavior nothing is stored. Values are upstream's.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { replicasChangedInPeriod, storeScaleEvent, type HpaScalingRules, type ScaleEvent } from '../../../agent/hpa/index.ts';
import { NOW, rules } from './fixtures.ts';

const ev = (change: number, agoSeconds: number): ScaleEvent => ({ replicaChange: change, timestampSeconds: NOW - agoSeconds, outdated: false });

interface Row {
  name: string;
  previous: ScaleEvent[];
  expected: Array<[number, boolean]>;
  scalingRules?: HpaScalingRules;
  changeIn60s: number;
}

const rows: Row[] = [
  { name: 'empty entries with default behavior', previous: [], expected: [], changeIn60s: 0 },
  { name: 'empty entries with two-policy-behavior', previous: [], expected: [[5, false]], scalingRules: rules(10, 60, 100, 60, 0), changeIn60s: 0 },
  { name: 'one outdated entry to be kept untouched without behavior', previous: [ev(7, 61)], expected: [[7, false]], changeIn60s: 0 },
  { name: 'one outdated entry to be replaced with behavior', previous: [ev(7, 61)], expected: [[5, false]], scalingRules: rules(10, 60, 100, 60, 0), changeIn60s: 0 },
  { name: 'one actual entry to be not touched with behavior', previous: [ev(7, 58)], expected: [[7, false], [5, false]], scalingRules: rules(10, 60, 100, 60, 0), changeIn60s: 7 },
  { name: 'two entries, one of them to be replaced', previous: [ev(7, 61), ev(6, 59)], expected: [[5, false], [6, false]], scalingRules: rules(10, 60, 0, 0, 0), changeIn60s: 6 },
  { name: 'replace one entry, use policies with different periods', previous: [ev(8, 29), ev(6, 59), ev(7, 61), ev(9, 61)], expected: [[8, false], [6, false], [7, true], [5, false]], scalingRules: rules(10, 60, 100, 30, 0), changeIn60s: 14 },
  { name: 'two entries, both actual', previous: [ev(7, 58), ev(6, 59)], expected: [[7, false], [6, false], [5, false]], scalingRules: rules(10, 120, 100, 30, 0), changeIn60s: 13 },
];

for (const row of rows) {
  test(`upstream TestStoreScaleEvents: ${row.name}`, () => {
    for (const direction of ['up', 'down'] as const) {
      assert.is(replicasChangedInPeriod(60, row.previous, NOW), row.changeIn60s);
      const behavior = row.scalingRules === undefined ? null : direction === 'up' ? { scaleUp: row.scalingRules } : { scaleDown: row.scalingRules };
      const log = direction === 'up' ? { scaleUp: row.previous, scaleDown: [] } : { scaleUp: [], scaleDown: row.previous };
      const next = storeScaleEvent(log, behavior, 10, direction === 'up' ? 15 : 5, NOW);
      const events = direction === 'up' ? next.scaleUp : next.scaleDown;
      assert.equal(events.map((e) => [e.replicaChange, e.outdated === true]), row.expected, direction);
    }
  });
}
