import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { histogramQuantile, promRate } from '../../sim/promql.ts';

// Expected values by hand from Prometheus 2.x's rules (promql/functions.go extrapolatedRate, promql/quantile.go).

test('rate over a full window of 15 s scrapes is the increase over the sampled interval, extrapolated to the range ends', () => {
  const s = [0, 15, 30, 45, 60].map((t) => ({ t, v: 1000 + 10 * t }));
  assert.is(promRate(s, 60, 60), 10); // samples cover [0, 60]: 600 / 60
  // At 65 s the range is [5, 65]: samples 15…60 (450 over 45 s), 10 s to the start and 5 s to the end are both under
  // 1.1 × 15 s, so the increase is extrapolated to 60 s: 450 × 60/45 / 60 = 10.
  assert.ok(Math.abs(promRate(s, 65, 60) - 10) < 1e-12);
});

test('a counter that starts inside the window is extrapolated back only to its zero, and one sample gives no value', () => {
  // Samples 3,000 at 15 s and 6,000 at 30 s, queried at 30 s over 60 s: durationToZero = 15 s < 45 s to the start.
  assert.is(promRate([{ t: 15, v: 3000 }, { t: 30, v: 6000 }], 30, 60), 100);
  assert.ok(Number.isNaN(promRate([{ t: 15, v: 3000 }], 30, 60)));
});

test('a counter reset adds the value before the reset', () => {
  // 100 → 160 → reset → 30 → 90: increase 60 + 30 + 60 = 150 over 45 s sampled, samples span the whole 45 s range.
  assert.is(promRate([{ t: 0, v: 100 }, { t: 15, v: 160 }, { t: 30, v: 30 }, { t: 45, v: 90 }], 45, 45), 150 / 45);
});

test('histogram_quantile interpolates linearly inside the bucket and answers the last finite bound for the +Inf bucket', () => {
  const le = [0.1, 0.2, Infinity];
  assert.is(histogramQuantile(0.5, le, [10, 20, 20]), 0.1); // rank 10 = all of the first bucket
  assert.ok(Math.abs(histogramQuantile(0.75, le, [10, 20, 20]) - 0.15) < 1e-15); // rank 15: half-way through (0.1, 0.2]
  assert.is(histogramQuantile(0.95, le, [10, 20, 40]), 0.2); // rank 38 falls in +Inf
  assert.ok(Number.isNaN(histogramQuantile(0.5, le, [0, 0, 0])));
  // Non-monotonic counts are lifted to the running maximum first: [10, 5, 20] → [10, 10, 20]; rank 15 in +Inf.
  assert.is(histogramQuantile(0.75, le, [10, 5, 20]), 0.2);
});
