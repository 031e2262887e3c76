// The transfer study's statistics on runs small enough to check by hand (two seeds per arm, three steps).
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { createRng } from '../../../lib/rng.ts';
import { summariseTransfer, type CurveRun } from '../../../reports/transfer/transfer-summary.ts';
import { transferMarkdown } from '../../../reports/transfer/transfer-markdown.ts';

const run = (arm: string, seed: number, qualities: number[]): CurveRun => ({
  arm, seed, points: qualities.map((quality, i) => ({ step: i * 10, quality, slaViolationRateRequests: seed / 100, meanPods: seed })),
});
// From scratch: seeds end at −4 and −2 → target −3 at step 20. Fine-tuned means: −4, −2.75, −1.5 → first ≥ −3 at step 10.
const runs = [run('scratch', 1, [-10, -6, -4]), run('scratch', 2, [-8, -4, -2]), run('fine', 1, [-5, -3.5, -2]), run('fine', 2, [-3, -2, -1]), run('never', 1, [-9, -8, -7]), run('never', 2, [-9, -8, -7])];
const s = summariseTransfer(runs, { fineTuned: ['fine', 'never'], fromScratch: 'scratch' }, createRng(3), 4000);

test('the target is the from-scratch mean at its last step and steps saved = last step − first step reaching it', () => {
  assert.equal(s.target, { step: 20, quality: -3 });
  assert.is(s.saved.fine.stepsToTarget, 10);
  assert.is(s.saved.fine.estimate, 10);
});

test('the CI of steps saved resamples seeds in both arms: here every resample reaches the target, saved ∈ {0, 10, 20}', () => {
  // Resampled targets −4/−3/−2 (p ¼, ½, ¼) against fine-tuned seed pairs CC/CD/DD (p ¼, ½, ¼): P(saved = 0) = 5/16
  // and P(saved = 20) = 5/16, so the 2.5 % and 97.5 % percentiles are 0 and 20.
  assert.equal([s.saved.fine.low, s.saved.fine.high, s.saved.fine.reachedFraction], [0, 20, 1]);
});

test('an arm that never reaches the target has no estimate, counts 0 in every resample and says it never reached it', () => {
  assert.equal(s.saved.never, { stepsToTarget: null, estimate: null, low: 0, high: 0, reachedFraction: 0 });
});

test('each step of a curve has the mean over seeds, a bootstrap CI spanning the two seeds, and the mean violations and pods', () => {
  const last = s.curves.scratch[2];
  assert.equal({ ...last, quality: { ...last.quality } }, { step: 20, seeds: 2, quality: { estimate: -3, low: -4, high: -2 }, slaViolationRateRequests: 0.015, meanPods: 1.5 });
  assert.equal(s.curves.fine.map((p) => p.quality.estimate), [-4, -2.75, -1.5]);
});

test('the plateau target is the from-scratch mean over its last evaluations (here 2: seeds −5 and −3 → −4, reached at step 0)', () => {
  const p = summariseTransfer(runs, { fineTuned: ['fine'], fromScratch: 'scratch' }, createRng(4), 1000, 2);
  assert.equal(p.plateau, { evaluations: 2, fromStep: 10, quality: -4 });
  assert.equal([p.savedPlateau.fine.stepsToTarget, p.savedPlateau.fine.estimate], [0, 20]);
});

test('the per-step difference pairs runs by training seed: fine − scratch = (5, 2.5, 2) and (5, 2, 1), CI spanning the two', () => {
  assert.equal(s.differences.fine.map((d) => [d.step, d.seeds, d.estimate, d.low, d.high]), [[0, 2, 5, 5, 5], [10, 2, 2.25, 2, 2.5], [20, 2, 1.5, 1, 2]]);
});

test('the markdown states the steps saved and has one row per evaluated step', () => {
  const md = transferMarkdown(s, { command: 'c', parent: 'p', shift: 'x', steps: 20, seeds: [1, 2], evalEpisodes: 3, reference: { label: 'hpa-70', quality: -2.5, slaViolationRateRequests: 0.1, meanPods: 5 } }, 'chart.svg');
  assert.match(md, /\*\*fine\*\*: reaches the target at step 10: \*\*10 steps saved\*\* \(50 % of the budget\), 95 % CI \[0, 20\]/);
  assert.match(md, /\*\*never\*\*: does not reach the target within 20 steps/);
  assert.match(md, /\n\| 10 \| -2\.750 \[/);
  assert.is(md.split('\n').filter((l) => /^\| \d/.test(l)).length, 3);
});
