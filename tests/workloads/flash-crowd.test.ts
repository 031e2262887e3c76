import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { flashCrowd } from '../../workloads/index.ts';

test('a flash crowd rises linearly to its peak and decays exponentially with time constant τ', () => {
  const w = flashCrowd({ baseRps: 10, peakRps: 110, startSeconds: 100, riseSeconds: 20, decaySeconds: 50, durationSeconds: 1000 });
  const cases: [number, number][] = [
    [50, 10],
    [110, 60],
    [120, 110],
    [170, 10 + 100 / Math.E],
    [220, 10 + 100 * Math.exp(-2)],
  ];
  for (const [t, r] of cases) assert.ok(Math.abs(w.rateAt(t) - r) < 1e-9, `t=${t}: ${w.rateAt(t)} != ${r}`);
  assert.ok(w.rateAt(999) - 10 < 1e-5, 'back at base long after the crowd');
});

test('a flash crowd needs a positive decay time constant', () => {
  assert.throws(() => flashCrowd({ baseRps: 1, peakRps: 2, startSeconds: 0, riseSeconds: 1, decaySeconds: 0, durationSeconds: 10 }), /decaySeconds: got 0/);
});
