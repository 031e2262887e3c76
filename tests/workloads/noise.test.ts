import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { steady, withNoise, type ClosedWorkload } from '../../workloads/index.ts';

const base = steady({ rps: 100, durationSeconds: 20_000 });

test('noise is deterministic: the same seed gives the same rates, whatever order they are read in', () => {
  const a = withNoise(base, { relativeSd: 0.2, seed: 7 });
  const b = withNoise(base, { relativeSd: 0.2, seed: 7 });
  const forward = [0, 1, 2, 500, 19_999].map((t) => a.rateAt(t));
  const backward = [19_999, 500, 2, 1, 0].map((t) => b.rateAt(t)).reverse();
  assert.equal(forward, backward);
  const c = withNoise(base, { relativeSd: 0.2, seed: 8 });
  assert.not.equal([0, 1, 2].map((t) => c.rateAt(t)), forward.slice(0, 3));
});

test('noise is held constant within a step', () => {
  const w = withNoise(base, { relativeSd: 0.2, stepSeconds: 60, seed: 1 });
  assert.is(w.rateAt(0), w.rateAt(59.9));
  assert.is.not(w.rateAt(59.9), w.rateAt(60));
});

test('multiplicative noise has mean 1 and the requested relative standard deviation', () => {
  const w = withNoise(base, { relativeSd: 0.1, seed: 42 });
  const n = 20_000;
  let s = 0;
  let s2 = 0;
  for (let t = 0; t < n; t++) {
    const f = w.rateAt(t) / 100;
    s += f;
    s2 += f * f;
  }
  const mean = s / n;
  const sd = Math.sqrt(s2 / n - mean * mean);
  // standard error of the mean is 0.1 / sqrt(20000) ≈ 0.0007; of the sd ≈ 0.0005
  assert.ok(Math.abs(mean - 1) < 0.004, `mean ${mean}`);
  assert.ok(Math.abs(sd - 0.1) < 0.004, `sd ${sd}`);
});

test('noise never makes the rate negative and refuses closed workloads', () => {
  const w = withNoise(base, { relativeSd: 3, seed: 3 });
  for (let t = 0; t < 2000; t++) assert.ok(w.rateAt(t) >= 0);
  const closed: ClosedWorkload = { kind: 'closed', name: 'c', durationSeconds: 10, thinkTimeSeconds: 1, vusAt: () => 1 };
  assert.throws(() => withNoise(closed, { relativeSd: 0.1, seed: 1 }), /open \(arrival-rate\) workload/);
});
