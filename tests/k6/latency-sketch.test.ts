import { test } from 'node:test';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { LatencySketch, SKETCH_RELATIVE_ACCURACY } from '../../k6/latency-sketch.ts';
import { k6Percentile } from '../../k6/k6-output-writer.ts';

// The exact reference is k6's own Trend percentile (metrics TrendSink.P: rank q·(n−1), linear interpolation),
// written out independently in k6-output-writer.ts and checked by hand below.
test("k6's percentile by hand: p(50) of 1..4 is 2.5, p(95) of 0..100 is 95, p(90) of [10,20] is 19", () => {
  assert.is(k6Percentile([1, 2, 3, 4], 0.5), 2.5);
  assert.is(k6Percentile(Array.from({ length: 101 }, (_, i) => i), 0.95), 95);
  assert.is(k6Percentile([10, 20], 0.9), 19);
  assert.is(k6Percentile([7], 0.99), 7);
});

const QS = [0, 0.01, 0.25, 0.5, 0.9, 0.95, 0.99, 0.999, 1];

test('every quantile is within the stated relative error of the exact one, for any sample (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0.002, max: 1e8, noNaN: true }), { minLength: 1, maxLength: 400 }), (xs) => {
      const s = new LatencySketch();
      for (const x of xs) s.add(x);
      const sorted = Float64Array.from(xs).sort();
      for (const q of QS) {
        const exact = k6Percentile(sorted, q);
        const est = s.quantile(q);
        if (Math.abs(est - exact) > SKETCH_RELATIVE_ACCURACY * exact * (1 + 1e-9)) throw new Error(`q=${q}: ${est} vs exact ${exact}`);
      }
    }),
    { numRuns: 300 },
  );
});

test('heavy-tailed and clustered latencies of 200,000 requests: p50/p95/p99 within 0.5 %', () => {
  const s = new LatencySketch();
  const xs = new Float64Array(200_000);
  let seed = 12345;
  const u = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) + 0.5) / 2 ** 31;
  for (let i = 0; i < xs.length; i++) {
    // 90 % near 20 ms, 10 % a Pareto tail from 200 ms.
    xs[i] = u() < 0.9 ? 20 + u() * 2 : 200 / Math.sqrt(u());
    s.add(xs[i]);
  }
  xs.sort();
  for (const q of [0.5, 0.95, 0.99]) {
    const exact = k6Percentile(xs, q);
    assert.ok(Math.abs(s.quantile(q) - exact) <= SKETCH_RELATIVE_ACCURACY * exact, `q=${q}: ${s.quantile(q)} vs ${exact}`);
  }
  assert.ok(Math.abs(s.meanMs() - xs.reduce((a, b) => a + b, 0) / xs.length) < 1e-6);
});

test('empty → NaN; min and max are exact; bad values are refused', () => {
  const s = new LatencySketch();
  assert.ok(Number.isNaN(s.quantile(0.5)));
  s.add(3.3);
  s.add(0);
  s.add(977.1);
  assert.is(s.quantile(0), 0);
  assert.is(s.quantile(1), 977.1);
  assert.throws(() => s.add(Number.NaN), /latency: got NaN/);
  assert.throws(() => s.add(-1), /latency: got -1/);
  assert.throws(() => s.quantile(1.5), /quantile: got 1.5/);
});
