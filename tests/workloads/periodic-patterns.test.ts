import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { daily, idleBursty, weekly } from '../../workloads/index.ts';

const close = (a: number, b: number, msg?: string) => assert.ok(Math.abs(a - b) < 1e-9, msg ?? `${a} != ${b}`);

test('daily peaks at 14:00 by default, troughs 12 h earlier and crosses the mean a quarter period away', () => {
  const w = daily({ meanRps: 100, amplitudeRps: 50, durationSeconds: 2 * 86_400 });
  close(w.rateAt(14 * 3600), 150);
  close(w.rateAt(2 * 3600), 50);
  close(w.rateAt(20 * 3600), 100);
  close(w.rateAt(14 * 3600 + 86_400), 150, 'one period later the peak repeats');
});

test('daily accepts a compressed period and an explicit peak time', () => {
  const w = daily({ meanRps: 10, amplitudeRps: 10, periodSeconds: 600, peakAtSeconds: 300, durationSeconds: 600 });
  close(w.rateAt(300), 20);
  close(w.rateAt(0), 0);
  close(w.rateAt(150), 10);
});

test('daily refuses an amplitude larger than the mean (the rate would go negative)', () => {
  assert.throws(() => daily({ meanRps: 10, amplitudeRps: 11, durationSeconds: 60 }), /amplitudeRps: got 11, expected a number ≥ 0 and ≤ 10/);
});

test('weekly multiplies the day shape by the weekday factor and wraps after seven days', () => {
  const day = 86_400;
  const w = weekly({ meanRps: 100, amplitudeRps: 50, durationSeconds: 14 * day });
  close(w.rateAt(14 * 3600), 150, 'Monday peak, factor 1');
  close(w.rateAt(5 * day + 14 * 3600), 105, 'Saturday peak, factor 0.7');
  close(w.rateAt(6 * day + 14 * 3600), 90, 'Sunday peak, factor 0.6');
  close(w.rateAt(7 * day + 14 * 3600), 150, 'next Monday');
});

test('weekly honours startWeekday and custom factors, and checks there are seven', () => {
  const w = weekly({ meanRps: 10, amplitudeRps: 0, weekdayFactors: [1, 2, 3, 4, 5, 6, 7], startWeekday: 5, periodSeconds: 100, durationSeconds: 700 });
  close(w.rateAt(0), 60);
  close(w.rateAt(150), 70);
  close(w.rateAt(250), 10);
  assert.throws(() => weekly({ meanRps: 1, amplitudeRps: 0, weekdayFactors: [1, 1], durationSeconds: 1 }), /weekdayFactors: got \[1,1\], expected an array of 7/);
});

test('idle/bursty is a square wave starting with the first burst', () => {
  const w = idleBursty({ idleRps: 5, burstRps: 100, cycleSeconds: 600, burstSeconds: 60, firstBurstAtSeconds: 300, durationSeconds: 1800 });
  const cases: [number, number][] = [[0, 5], [299, 5], [300, 100], [359, 100], [360, 5], [899, 5], [900, 100], [960, 5]];
  for (const [t, r] of cases) assert.is(w.rateAt(t), r, `t=${t}`);
});

test('idle/bursty refuses a burst longer than its cycle', () => {
  assert.throws(() => idleBursty({ burstRps: 1, cycleSeconds: 60, burstSeconds: 61, durationSeconds: 600 }), /burstSeconds: got 61/);
});
