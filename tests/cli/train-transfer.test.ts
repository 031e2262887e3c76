// `scalelab train AGENT --init-from MODEL_DIR [--freeze N]`: which parents are refused (exit 2, naming the
// problem), what the fine-tuned model keeps of its parent and records about it, and that kill -9 + the same
// command still ends byte-identical to an uninterrupted run.
import { after, test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from './helpers/run-cli.ts';
import { initTf } from '../../agent/rl/tf.ts';
import { loadAgentFiles } from '../../agent/rl/model-files.ts';
import { loadRlAutoscaler } from '../../agent/rl/load-rl-autoscaler.ts';
import { MODELS_DIR } from '../../lib/paths.ts';

await initTf();
const root = mkdtempSync(join(tmpdir(), 'scalelab-transfer-'));
const bin = resolve(import.meta.dirname, '../../bin/scalelab.js');
const tiny = { evalEpisodes: 1, checkpointEverySteps: 100, dqn: { hiddenUnits: [16, 8], learningStarts: 50, batchSize: 16 }, env: { episodes: { durationSeconds: 600 } } };
const configFile = (name: string, value: object) => {
  const file = join(root, `${name}.json`);
  writeFileSync(file, JSON.stringify(value));
  return file;
};
const config = configFile('tiny', tiny);
// The new plant of the fine-tuning (the transfer's point): 1.5× CPU per request, 2× start-up time.
const shifted = configFile('shifted', { ...tiny, env: { ...tiny.env, plant: { cpuPerRequestCoreSeconds: 0.0075, startupMedianSeconds: 16 } } });

const run = runCli;

const parent = join(root, 'parent');
const made = await run(['train', 'dqn', '--steps', '120', '--seed', '3', '--config', config, '--out', parent]);
if (made.code !== 0) throw new Error(`the parent did not train: ${made.err}`);
const corrupted = join(root, 'corrupted');
cpSync(parent, corrupted, { recursive: true });
const weightsFile = join(corrupted, 'model', 'q', 'weights.bin');
const bytes = readFileSync(weightsFile);
bytes[5] ^= 0x01;
writeFileSync(weightsFile, bytes);

const refused: [string, string[], RegExp][] = [
  ['a parent of another agent type (the committed PPO model)', ['--init-from', join(MODELS_DIR, 'ppo')], /the parent is a ppo model; a dqn can only start from a dqn model/],
  ['a parent with another observation contract', ['--init-from', parent, '--config', configFile('obs', { ...tiny, env: { ...tiny.env, observation: { latencyScaleMs: 400 } } })], /another observation contract \(observation\.latencyScaleMs = 800 in the parent, 400 here\)/],
  ['a parent of another network shape', ['--init-from', parent, '--config', configFile('shape', { ...tiny, dqn: { ...tiny.dqn, hiddenUnits: [16] } })], /network q has hidden layers \[16,8\], this config builds \[16\] \(another network shape\)/],
  ['a parent with another action set', ['--init-from', parent, '--config', configFile('actions', { ...tiny, env: { ...tiny.env, actionSet: 'multiplicative-6' } })], /the parent acts with \["-1","hold","\+1"\], this config with \["x0\.5"/],
  ['--freeze larger than the hidden layers', ['--init-from', parent, '--freeze', '3'], /--freeze 3: the dqn network q has 2 hidden layers \(\[16,8\]\); expected 0 to 2/],
  ['--freeze without --init-from', ['--freeze', '1'], /--freeze needs --init-from/],
  ['a parent whose weights no longer match their SHA-256', ['--init-from', corrupted], /weights\.bin has SHA-256 [0-9a-f]{64}, but provenance\.json records [0-9a-f]{64}: the file was changed or corrupted/],
  ['a parent folder that does not exist', ['--init-from', join(root, 'nope')], /model directory .*nope does not exist/],
];
for (const [name, extra, message] of refused) {
  test(`train --init-from refuses ${name} with exit code 2 before training`, async () => {
    const out = join(root, `refused-${name.replace(/\W+/g, '-')}`);
    const r = await run(['train', 'dqn', '--steps', '120', '--config', shifted, ...extra, '--out', out]);
    assert.is(r.code, 2, r.err);
    assert.match(r.err, message);
    assert.not.match(r.err, /\n\s+at /); // no stack trace
    assert.not.ok(existsSync(join(out, 'model')));
    assert.not.ok(existsSync(join(out, 'train-log.jsonl')) && readFileSync(join(out, 'train-log.jsonl'), 'utf8') !== '');
  });
}

test('--init-from the model that --out would overwrite is refused with exit code 2', async () => {
  const r = await run(['train', 'dqn', '--steps', '120', '--config', shifted, '--init-from', parent, '--out', parent]);
  assert.is(r.code, 2);
  assert.match(r.err, /is the model --out .* would replace/);
});

test('a fine-tuned model with --freeze 1 keeps the parent’s first layer, trains the rest and records its parent', async () => {
  const out = join(root, 'fine-tuned');
  const r = await run(['train', 'dqn', '--steps', '240', '--seed', '5', '--config', shifted, '--init-from', parent, '--freeze', '1', '--out', out]);
  assert.is(r.code, 0, r.err);
  const p = JSON.parse(readFileSync(join(out, 'model', 'provenance.json'), 'utf8'));
  const parentProvenance = readFileSync(join(parent, 'model', 'provenance.json'));
  assert.equal(p.parent, {
    modelDir: join(parent, 'model'), agent: 'dqn', seed: 3, steps: 120, codeVersion: JSON.parse(parentProvenance.toString()).codeVersion,
    provenanceSha256: createHash('sha256').update(parentProvenance).digest('hex'),
    weightsSha256: { q: createHash('sha256').update(readFileSync(join(parent, 'model', 'q', 'weights.bin'))).digest('hex') },
    freezeLayers: 1,
  });
  assert.is(p.config.env.plant.startupMedianSeconds, 16);
  const layer = async (dir: string, name: string) => {
    const { networks } = await loadAgentFiles(join(dir, 'model'), ['q'], 13);
    return networks.q.getLayer(name).getWeights().flatMap((w) => Array.from(w.dataSync()));
  };
  assert.equal(await layer(out, 'dense_0'), await layer(parent, 'dense_0'));
  assert.not.equal(await layer(out, 'dense_1'), await layer(parent, 'dense_1'));
  assert.not.equal(await layer(out, 'out'), await layer(parent, 'out'));
  // The fine-tuned model deploys like any other.
  assert.is((await loadRlAutoscaler(join(out, 'model'))).name, 'dqn');
});

test('kill -9 during a fine-tuning, then the same command: resumes and ends bit-identical; another --freeze is refused', async () => {
  const args = (out: string, freeze = '1') => [bin, 'train', 'dqn', '--steps', '700', '--seed', '4', '--config', shifted, '--init-from', parent, '--freeze', freeze, '--out', out];
  const whole = join(root, 'ft-whole');
  const u = await run(args(whole).slice(1));
  assert.is(u.code, 0, u.err);
  const out = join(root, 'ft-killed');
  const child = spawn(process.execPath, args(out), { stdio: 'ignore', env: { ...process.env, SCALELAB_QUIET: '1' } });
  const ckpt = join(out, 'checkpoint', 'provenance.json');
  for (let i = 0; i < 600 && !existsSync(ckpt); i++) await new Promise((r) => setTimeout(r, 50));
  child.kill('SIGKILL');
  await new Promise((r) => child.on('exit', r));
  assert.ok(existsSync(ckpt), 'no checkpoint within 30 s');
  assert.not.ok(existsSync(join(out, 'model')));
  const saved = JSON.parse(readFileSync(ckpt, 'utf8')).steps as number;
  const other = await run(args(out, '0').slice(1));
  assert.is(other.code, 2);
  assert.match(other.err, /belongs to another run \(its parent .* with --freeze 1/);
  const plain = await run(['train', 'dqn', '--steps', '700', '--seed', '4', '--config', shifted, '--out', out]);
  assert.is(plain.code, 2, 'resuming a fine-tuning without --init-from');
  const r = await run(args(out).slice(1));
  assert.is(r.code, 0, r.err);
  assert.match(r.out, new RegExp(`resumed from step ${saved}`));
  assert.ok(readFileSync(join(out, 'model', 'q', 'weights.bin')).equals(readFileSync(join(whole, 'model', 'q', 'weights.bin'))), 'weights differ');
  assert.is(readFileSync(join(out, 'train-log.jsonl'), 'utf8'), readFileSync(join(whole, 'train-log.jsonl'), 'utf8'));
  const p = JSON.parse(readFileSync(join(out, 'model', 'provenance.json'), 'utf8'));
  const q = JSON.parse(readFileSync(join(whole, 'model', 'provenance.json'), 'utf8'));
  assert.equal(p.resumedFromSteps, [saved]);
  assert.equal({ ...p, resumedFromSteps: [] }, q);
  assert.is(q.parent.freezeLayers, 1);
});

after(() => rmSync(root, { recursive: true, force: true }));
