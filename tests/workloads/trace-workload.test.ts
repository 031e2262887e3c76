import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { traceWorkload, type Trace } from '../../workloads/index.ts';

const minutes = (counts: number[]): Trace => ({ name: 't', resolutionSeconds: 60, counts });
const secondsSum = (rate: (t: number) => number, from: number, to: number) => {
  let s = 0;
  for (let t = from; t < to; t++) s += rate(t);
  return s;
};

test('uniform spreading gives each second count/60 and preserves every minute exactly', () => {
  const w = traceWorkload(minutes([60, 120, 0, 90]));
  assert.is(w.durationSeconds, 240);
  assert.is(w.rateAt(0), 1);
  assert.is(w.rateAt(61.5), 2);
  assert.is(w.rateAt(130), 0, 'a zero minute stays zero');
  assert.is(secondsSum(w.rateAt, 180, 240), 90);
  assert.is(w.rateAt(240), 0);
});

test('peakRps scales so the busiest minute of the window averages that rate', () => {
  const w = traceWorkload(minutes([600, 1200, 300]), { peakRps: 40 });
  // busiest minute: 1200 / 60 = 20 req/s, so the factor is 2
  assert.is(w.scaleFactor, 2);
  assert.is(w.rateAt(0), 20);
  assert.is(w.rateAt(60), 40);
});

test('meanRps scales the window mean', () => {
  const w = traceWorkload(minutes([600, 1200, 300]), { meanRps: 35 });
  // mean = 2100 requests / 180 s = 11.67 req/s, factor 3
  assert.ok(Math.abs(w.scaleFactor - 3) < 1e-12);
  assert.ok(Math.abs(w.rateAt(60) - 60) < 1e-9);
});

test('a window selects trace time and scaling uses only the window', () => {
  const w = traceWorkload(minutes([6000, 60, 120, 600]), { startSeconds: 60, durationSeconds: 120, peakRps: 4 });
  assert.is(w.durationSeconds, 120);
  assert.is(w.startSeconds, 60);
  assert.is(w.rateAt(0), 2);
  assert.is(w.rateAt(60), 4);
  assert.is(w.rateAt(120), 0);
  const half = traceWorkload(minutes([60, 120]), { startSeconds: 30, durationSeconds: 60 });
  assert.is(half.rateAt(29), 1, 'the second half of minute 0');
  assert.is(half.rateAt(30), 2, 'the first half of minute 1');
  assert.throws(() => traceWorkload(minutes([1, 2]), { startSeconds: 1.5 }), /startSeconds: got 1\.5, expected an integer/);
  assert.throws(() => traceWorkload(minutes([1, 2]), { startSeconds: 60, durationSeconds: 120 }), /durationSeconds: got 120, expected an integer > 0 and ≤ 60/);
});

test('timeScale plays the window faster and preserves its request counts', () => {
  // 60 and 120 requests per minute, 60× faster: one second per minute
  const fast = traceWorkload(minutes([60, 120]), { timeScale: 60 });
  assert.is(fast.durationSeconds, 2);
  assert.is(fast.rateAt(0), 60);
  assert.is(fast.rateAt(1), 120);
  // 2× faster, then scaled so the busiest second has 20 req/s: raw peak is 2 · 1200/60 = 40, factor 0.5
  const scaledFast = traceWorkload(minutes([600, 1200, 300]), { timeScale: 2, peakRps: 20 });
  assert.is(scaledFast.durationSeconds, 90);
  assert.is(scaledFast.scaleFactor, 0.5);
  assert.is(scaledFast.rateAt(0), 10);
  assert.is(scaledFast.rateAt(45), 20);
  assert.is(scaledFast.rateAt(89), 5);
  assert.throws(() => traceWorkload(minutes([1, 2, 3]), { timeScale: 7 }), /timeScale: got 7, expected a factor that plays the 180 s window in a whole number of seconds/);
});

test('scaling options are exclusive, and an all-zero window cannot be scaled', () => {
  assert.throws(() => traceWorkload(minutes([1]), { peakRps: 1, meanRps: 1 }), /at most one of peakRps, meanRps, scale/);
  assert.throws(() => traceWorkload(minutes([0, 0]), { peakRps: 10 }), /every interval in it is 0/);
});

test('Poisson spreading is seeded, gives whole requests per second, and keeps zero minutes at zero', () => {
  const counts = Array.from({ length: 200 }, (_, i) => (i % 10 === 0 ? 0 : 600));
  const a = traceWorkload(minutes(counts), { spread: 'poisson', seed: 11 });
  const b = traceWorkload(minutes(counts), { spread: 'poisson', seed: 11 });
  const c = traceWorkload(minutes(counts), { spread: 'poisson', seed: 12 });
  const sample = (w: typeof a) => Array.from({ length: 300 }, (_, t) => w.rateAt(t));
  assert.equal(sample(a), sample(b));
  assert.not.equal(sample(a), sample(c));
  for (let t = 0; t < 12_000; t++) assert.ok(Number.isInteger(a.rateAt(t)));
  assert.is(secondsSum(a.rateAt, 0, 60), 0);
  assert.is(secondsSum(a.rateAt, 600, 660), 0);
});

test('Poisson spreading preserves the total in expectation (within 4 standard deviations)', () => {
  const counts = Array.from({ length: 200 }, () => 600);
  const w = traceWorkload(minutes(counts), { spread: 'poisson', seed: 5 });
  const total = secondsSum(w.rateAt, 0, 12_000);
  // a sum of Poisson counts with total mean 120,000 has variance 120,000 (sd ≈ 346)
  assert.ok(Math.abs(total - 120_000) < 4 * Math.sqrt(120_000), `total ${total}`);
  const small = traceWorkload(minutes(Array.from({ length: 500 }, () => 30)), { spread: 'poisson', seed: 6 });
  const smallTotal = secondsSum(small.rateAt, 0, 30_000);
  assert.ok(Math.abs(smallTotal - 15_000) < 4 * Math.sqrt(15_000), `small-mean total ${smallTotal}`);
  assert.throws(() => traceWorkload(minutes([1]), { spread: 'poisson' }), /seed: got nothing \(missing\)/);
});

test('a per-second trace needs no spreading: its counts are the rates', () => {
  const w = traceWorkload({ name: 's', resolutionSeconds: 1, counts: [3, 0, 5] }, { scale: 2 });
  assert.equal([0, 1, 2, 3].map((t) => w.rateAt(t)), [6, 0, 10, 0]);
});
