import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { compareSeries, valueAt } from '../../emulated/conformance.ts';

test('a step series has the value of its last point at or before t', () => {
  const s = [{ tSeconds: 0, replicas: 1 }, { tSeconds: 12, replicas: 3 }];
  assert.is(valueAt(s, 11.9), 1);
  assert.is(valueAt(s, 12), 3);
  assert.is(valueAt([{ tSeconds: 5, replicas: 2 }], 4), undefined);
});

test('decisions are compared at every sync instant; a lagging real HPA counts the instants it differs by more than 1', () => {
  // Sim: 1 → 4 at 10 s → 2 at 40 s. Real: 1 → 4 at 13 s → 2 at 41 s (3 s and 1 s later). Syncs every 5 s to 50 s.
  const sim = [{ tSeconds: 0, replicas: 1 }, { tSeconds: 10, replicas: 4 }, { tSeconds: 40, replicas: 2 }];
  const real = [{ tSeconds: 0, replicas: 1 }, { tSeconds: 13, replicas: 4 }, { tSeconds: 41, replicas: 2 }];
  const r = compareSeries(real, sim, 5, 50);
  assert.is(r.decisions, 10);
  // t = 10: sim 4, real 1 → off by 3; t = 40: sim 2, real 4 → off by 2; all others agree.
  assert.is(r.withinOne, 8);
  assert.equal(r.offsetsSeconds, [3, 1]);
  assert.is(r.medianOffsetSeconds, 2);
});

test('a change is matched only by a real change in the same direction to within one replica', () => {
  const sim = [{ tSeconds: 0, replicas: 2 }, { tSeconds: 10, replicas: 6 }];
  const real = [{ tSeconds: 0, replicas: 2 }, { tSeconds: 8, replicas: 3 }, { tSeconds: 20, replicas: 5 }];
  assert.equal(compareSeries(real, sim, 5, 20).offsetsSeconds, [10]);
  assert.ok(Number.isNaN(compareSeries([{ tSeconds: 0, replicas: 2 }], sim, 5, 20).medianOffsetSeconds), 'no matching change: NaN, not 0');
});
