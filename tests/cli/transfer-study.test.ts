// `scalelab transfer-study` on a tiny setting: its curves are the real runs' evaluations (the fine-tuned arm starts
// at the parent's own evaluation, every run ends at its model's recorded evaluation), and its bad input is refused.
import { after, test } from 'node:test';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/run-cli.ts';
import { loadRlAutoscaler } from '../../agent/rl/load-rl-autoscaler.ts';
import { evaluateOnEpisodes } from '../../agent/rl/evaluate.ts';
import { parseTrainConfig } from '../../agent/rl/train-config.ts';
import { repoTraceLoader } from '../../agent/rl/trace-files.ts';
import { MODELS_DIR } from '../../lib/paths.ts';

const root = mkdtempSync(join(tmpdir(), 'scalelab-transfer-study-'));
const tiny = { env: { actionSet: 'multiplicative-6', plant: { cpuPerRequestCoreSeconds: 0.0075, startupMedianSeconds: 16 }, episodes: { durationSeconds: 600 } }, dqn: { numEnvs: 8, learningStarts: 50, batchSize: 16 }, checkpointEverySteps: 300, evalEpisodes: 2 };
const config = join(root, 'tiny.json');
writeFileSync(config, JSON.stringify(tiny));

const run = runCli;

const quality = (e: { meanPods: number; slaViolationRateRequests: number }) => -(e.meanPods / 20) - 20 * e.slaViolationRateRequests;

test('the study writes transfer.json/md/svg whose curves start at the parent’s evaluation and end at each model’s own', async () => {
  const out = join(root, 'study');
  const r = await run(['transfer-study', '--config', config, '--steps', '400', '--seeds', '1,2', '--resamples', '200', '--out', out]);
  assert.is(r.code, 0, r.err);
  for (const f of ['transfer.json', 'transfer.md', 'transfer-curves.svg']) assert.ok(existsSync(join(out, f)), f);
  assert.match(readFileSync(join(out, 'transfer-curves.svg'), 'utf8'), /^<svg/);
  const study = JSON.parse(readFileSync(join(out, 'transfer.json'), 'utf8'));
  assert.equal(study.runs.map((x: { arm: string; seed: number }) => `${x.arm}/${x.seed}`), ['fine-tuned-freeze0/1', 'from-scratch/1', 'fine-tuned-freeze0/2', 'from-scratch/2']);
  // Step 0 of the fine-tuned arm = the committed parent, evaluated here independently on the same episodes.
  const parsed = parseTrainConfig(tiny);
  const parent = await loadRlAutoscaler(join(MODELS_DIR, 'dqn', 'model'));
  const e = evaluateOnEpisodes(() => parent, 2, parsed.env.episodes, parsed.env.plant, repoTraceLoader);
  assert.ok(Math.abs(study.runs[0].points[0].quality - quality(e)) < 1e-12, `${study.runs[0].points[0].quality} vs ${quality(e)}`);
  for (const x of study.runs) {
    const steps = x.points.map((p: { step: number }) => p.step);
    assert.is(steps[0], 0);
    assert.is(steps.at(-1), 400);
    const provenance = JSON.parse(readFileSync(join(out, 'runs', `${x.arm}-seed${x.seed}`, 'model', 'provenance.json'), 'utf8'));
    assert.is(x.points.at(-1).quality, quality(provenance.evaluation.agent));
    assert.is(provenance.parent?.freezeLayers, x.arm === 'from-scratch' ? undefined : 0);
  }
  assert.is(study.summary.target.step, 400);
});

const refused: [string, string[], RegExp][] = [
  ['a single seed', ['--seeds', '1'], /--seeds 1: a CI over training seeds needs at least 2 seeds/],
  ['a malformed seed list', ['--seeds', '1,x'], /--seeds = "1,x": expected comma-separated integers ≥ 0/],
  ['a parent of another agent type', ['--parent', join(MODELS_DIR, 'ppo')], /the parent is a ppo model/],
];
for (const [name, extra, message] of refused) {
  test(`transfer-study refuses ${name} with exit code 2`, async () => {
    const r = await run(['transfer-study', '--config', config, '--steps', '100', '--seeds', '1,2', ...extra, '--out', join(root, name.replace(/\W+/g, '-'))]);
    assert.is(r.code, 2, r.err);
    assert.match(r.err, message);
  });
}

after(() => rmSync(root, { recursive: true, force: true }));
