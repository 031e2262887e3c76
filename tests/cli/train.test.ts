import { after, test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from './helpers/run-cli.ts';
import { initTf } from '../../agent/rl/tf.ts';
import { buildMlp } from '../../agent/rl/mlp.ts';
import { saveAgentFiles } from '../../agent/rl/model-files.ts';
import { parseTrainConfig } from '../../agent/rl/train-config.ts';

await initTf();
const root = mkdtempSync(join(tmpdir(), 'scalelab-train-'));
const bin = resolve(import.meta.dirname, '../../bin/scalelab.js');
const config = join(root, 'tiny.json');
writeFileSync(config, JSON.stringify({ evalEpisodes: 1, checkpointEverySteps: 100, dqn: { hiddenUnits: [16], learningStarts: 50, batchSize: 16 }, env: { episodes: { durationSeconds: 600 } } }));

const run = runCli;

const badInput: [string, string[], RegExp][] = [
  ['an unknown agent', ['train', 'a2c'], /agent = "a2c": expected one of dqn, ppo, hybrid, hybrid-constrained/],
  ['a non-numeric step count', ['train', 'dqn', '--steps', '1e3x'], /--steps = "1e3x": expected a positive integer/],
  ['a config value of the wrong type', ['train', 'dqn', '--config', join(root, 'bad-type.json')], /config\.dqn\.learningRate = "fast": expected a number > 0/],
  ['a config value out of range', ['train', 'dqn', '--config', join(root, 'bad-range.json')], /config\.constraint\.delta = 1\.5: expected a number in \[0, 1\]/],
  ['a missing config file', ['train', 'dqn', '--config', join(root, 'nope.json')], /no such file/],
];
writeFileSync(join(root, 'bad-type.json'), JSON.stringify({ dqn: { learningRate: 'fast' } }));
writeFileSync(join(root, 'bad-range.json'), JSON.stringify({ constraint: { delta: 1.5 } }));
for (const [name, args, message] of badInput) {
  test(`train refuses ${name} with exit code 2 before training`, async () => {
    const out = join(root, `bad-${name.replace(/\W+/g, '-')}`);
    const r = await run([...args, '--out', out]);
    assert.is(r.code, 2);
    assert.match(r.err, message);
    assert.not.ok(existsSync(join(out, 'train-log.jsonl')));
  });
}

test('an --out that is a file is refused with exit code 2 before training (train and tune-reward)', async () => {
  const file = join(root, 'a-file');
  writeFileSync(file, 'x');
  for (const args of [['train', 'dqn', '--steps', '10', '--config', config, '--out', file], ['tune-reward', '--trials', '1', '--steps', '10', '--out', join(file, 'sub')]]) {
    const r = await run(args);
    assert.is(r.code, 2, args.join(' '));
    assert.match(r.err, /--out .*a-file(\/sub)?: (exists and is not a directory|cannot create the output directory)/);
  }
  assert.is(readFileSync(file, 'utf8'), 'x');
});

test('a checkpoint trained with another observation size is refused with exit code 2', async () => {
  const out = join(root, 'other-size');
  const net = () => buildMlp({ inputSize: 5, hiddenUnits: [4], outputSize: 3, seed: 1 });
  await saveAgentFiles(join(out, 'checkpoint'), { q: net(), q_target: net() }, {
    schema: 'scalelab.rl-model/v1', agent: 'dqn', observationSize: 5, actionNames: [], seed: 1, steps: 100, config: {}, codeVersion: 't', backend: 'wasm',
  });
  const r = await run(['train', 'dqn', '--steps', '200', '--config', config, '--out', out]);
  assert.is(r.code, 2);
  assert.match(r.err, /observation size 5.*13 features/);
});

test('kill -9 mid-training, then the same command: resumes from the checkpoint and ends bit-identical to an uninterrupted run', async () => {
  const steps = '700';
  const args = (out: string) => [bin, 'train', 'dqn', '--steps', steps, '--seed', '4', '--config', config, '--out', out];
  const whole = join(root, 'whole');
  const u = await run(args(whole).slice(1));
  assert.is(u.code, 0, u.err);
  const out = join(root, 'killed');
  const child = spawn(process.execPath, args(out), { stdio: 'ignore', env: { ...process.env, SCALELAB_QUIET: '1' } });
  const ckpt = join(out, 'checkpoint', 'provenance.json');
  for (let i = 0; i < 600 && !existsSync(ckpt); i++) await new Promise((r) => setTimeout(r, 50));
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));
  assert.ok(existsSync(ckpt), 'no checkpoint within 30 s');
  assert.not.ok(existsSync(join(out, 'model')));
  const saved = JSON.parse(readFileSync(ckpt, 'utf8')).steps as number;
  const r = await run(args(out).slice(1));
  assert.is(r.code, 0, r.err);
  assert.match(r.out, new RegExp(`resumed from step ${saved}`));
  assert.not.ok(existsSync(join(out, 'checkpoint')));
  // Same weights, same log, same provenance apart from the recorded resume.
  assert.ok(readFileSync(join(out, 'model', 'q', 'weights.bin')).equals(readFileSync(join(whole, 'model', 'q', 'weights.bin'))), 'weights differ');
  assert.is(readFileSync(join(out, 'train-log.jsonl'), 'utf8'), readFileSync(join(whole, 'train-log.jsonl'), 'utf8'));
  const p = JSON.parse(readFileSync(join(out, 'model', 'provenance.json'), 'utf8'));
  const q = JSON.parse(readFileSync(join(whole, 'model', 'provenance.json'), 'utf8'));
  assert.equal(p.resumedFromSteps, [saved]);
  assert.equal(q.resumedFromSteps, []);
  assert.equal({ ...p, resumedFromSteps: [] }, q);
});

test('a short training writes the model, a per-episode JSON Lines log and a greedy evaluation against HPA-70', async () => {
  const out = join(root, 'short');
  const r = await run(['train', 'dqn', '--steps', '120', '--seed', '3', '--config', config, '--out', out]);
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /greedy evaluation on 1 evaluation episodes/);
  assert.match(r.out, /hpa-70/);
  const rows = readFileSync(join(out, 'train-log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.is(rows.length, 3); // 600 s episodes = 39 decisions: episodes end at steps 39, 78, 117
  for (const [i, row] of rows.entries()) {
    assert.is(row.agent, 'dqn');
    assert.is(row.episode, i);
    assert.type(row.reward, 'number');
    assert.type(row.epsilon, 'number');
  }
  const provenance = JSON.parse(readFileSync(join(out, 'model', 'provenance.json'), 'utf8'));
  assert.equal([provenance.agent, provenance.seed, provenance.steps, provenance.observationSize], ['dqn', 3, 120, 13]);
  assert.ok(provenance.evaluation.agent.episodes === 1 && provenance.evaluation.hpa70.episodes === 1);
});

test('tune-reward runs its trials, scores each on evaluation seeds and writes the best weights as a train config', async () => {
  const out = join(root, 'tune');
  const r = await run(['tune-reward', '--trials', '2', '--steps', '60', '--config', config, '--out', out]);
  assert.is(r.code, 0, r.err);
  const trials = readFileSync(join(out, 'tune-trials.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.is(trials.length, 2);
  for (const t of trials) {
    assert.ok(t.weights.violationWeight >= 2 && t.weights.violationWeight <= 40 && t.weights.costWeight >= 0.25 && t.weights.costWeight <= 3);
    // objective = −(mean pods / 20) − 20 × violating fraction
    assert.ok(Math.abs(t.objective - (-(t.evaluation.meanPods / 20) - 20 * t.evaluation.slaViolationRateRequests)) < 1e-9);
  }
  const best = JSON.parse(readFileSync(join(out, 'best-reward.json'), 'utf8'));
  assert.equal(best.env.reward, trials.reduce((a: { objective: number }, b: { objective: number }) => (b.objective > a.objective ? b : a)).weights);
  assert.is(parseTrainConfig(best).env.reward.violationWeight, best.env.reward.violationWeight); // usable with train --config
});

after(() => rmSync(root, { recursive: true, force: true }));
