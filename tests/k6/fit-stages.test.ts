import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { fitStages } from '../../k6/fit-stages.ts';

const spike = (t: number) => (t >= 240 && t < 300 ? 400 : 100);

test('a sudden spike keeps its four corners: 239 s at base, a 1 s jump, 59 s at peak, a 1 s drop, the rest at base', () => {
  // Hand check: breakpoints on the 1 s grid are t = 0, 239, 240, 299, 300, 600.
  const fit = fitStages(spike, 600, { stepSeconds: 1, maxStages: 60, tolerance: 0.01 });
  assert.is(fit.start, 100);
  assert.equal(fit.stages, [
    { durationSeconds: 239, target: 100 },
    { durationSeconds: 1, target: 400 },
    { durationSeconds: 59, target: 400 },
    { durationSeconds: 1, target: 100 },
    { durationSeconds: 300, target: 100 },
  ]);
});

test('a curve that is already piecewise linear comes back as exactly its pieces', () => {
  // 0 → 60 over 60 s, flat for 60 s, down to 0 over 30 s: three pieces.
  const f = (t: number) => (t <= 60 ? t : t <= 120 ? 60 : 60 - 2 * (t - 120));
  const fit = fitStages(f, 150, { stepSeconds: 1, maxStages: 10, tolerance: 0.01 });
  // The end value is read just before t = 150 (workloads are defined on [0, duration)): 2e-6 ≈ 0.
  assert.equal(fit.stages.map((s) => ({ ...s, target: Math.round(s.target * 1e4) / 1e4 })), [
    { durationSeconds: 60, target: 60 },
    { durationSeconds: 60, target: 60 },
    { durationSeconds: 30, target: 0 },
  ]);
});

test('a smooth curve is cut to at most maxStages stages whose durations add up to the run length', () => {
  const f = (t: number) => 100 + 50 * Math.sin((2 * Math.PI * t) / 3600);
  const fit = fitStages(f, 3600, { stepSeconds: 1, maxStages: 8, tolerance: 0.01 });
  assert.is(fit.stages.length, 8);
  assert.is(fit.stages.reduce((s, x) => s + x.durationSeconds, 0), 3600);
  // With 8 chords over one sine period the largest gap is below the amplitude's (1 − cos(π/8)) ≈ 7.6 % bound ×2.
  let worst = 0;
  let t0 = 0;
  let v0 = fit.start;
  for (const s of fit.stages) {
    for (let t = t0; t <= t0 + s.durationSeconds; t += 10) {
      const line = v0 + ((s.target - v0) * (t - t0)) / s.durationSeconds;
      worst = Math.max(worst, Math.abs(f(t) - line));
    }
    t0 += s.durationSeconds;
    v0 = s.target;
  }
  assert.ok(worst < 50 * 2 * (1 - Math.cos(Math.PI / 8)), `worst error ${worst}`);
});

test('bad options are refused with the field name', () => {
  assert.throws(() => fitStages(spike, 0, { stepSeconds: 1, maxStages: 5, tolerance: 0 }), /durationSeconds/);
  assert.throws(() => fitStages(spike, 10, { stepSeconds: 1, maxStages: 0, tolerance: 0 }), /maxStages/);
});
