import { after, test } from 'node:test';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initTf, tf } from '../../../agent/rl/tf.ts';
import { buildMlp, mlpPredictOne } from '../../../agent/rl/mlp.ts';
import { loadAgentFiles, ModelFilesError, saveAgentFiles, type Provenance } from '../../../agent/rl/model-files.ts';
import { loadRlAutoscaler } from '../../../agent/rl/load-rl-autoscaler.ts';

await initTf();
const root = mkdtempSync(join(tmpdir(), 'scalelab-model-'));
const provenance = (observationSize: number): Provenance => ({
  schema: 'scalelab.rl-model/v1', agent: 'dqn', observationSize, actionNames: ['-1', 'hold', '+1'], seed: 1, steps: 10, config: {}, codeVersion: 'test', backend: 'wasm',
});
const input = tf.tensor2d([[0.1, 0.5, 0.9, 0.3]]);
const out = (m: { predict(x: tf.Tensor): unknown }) => Array.from((m.predict(input) as tf.Tensor).dataSync());

test('save then load gives identical outputs, in the model.json + weights.bin layout', async () => {
  const net = buildMlp({ inputSize: 4, hiddenUnits: [8], outputSize: 3, seed: 9 });
  const dir = join(root, 'a');
  await saveAgentFiles(dir, { q: net }, provenance(4));
  assert.equal(readdirSync(join(dir, 'q')).sort(), ['model.json', 'weights.bin']);
  const loaded = await loadAgentFiles(dir, ['q'], 4);
  assert.equal(out(loaded.networks.q), out(net));
  assert.is(loaded.provenance.steps, 10);
});

test('saving over an existing model replaces it whole and leaves no temporary folder behind', async () => {
  const dir = join(root, 'b');
  await saveAgentFiles(dir, { q: buildMlp({ inputSize: 4, hiddenUnits: [8], outputSize: 3, seed: 1 }) }, provenance(4));
  const second = buildMlp({ inputSize: 4, hiddenUnits: [8], outputSize: 3, seed: 2 });
  await saveAgentFiles(dir, { q: second }, provenance(4));
  assert.equal(out((await loadAgentFiles(dir, ['q'])).networks.q), out(second));
  assert.equal(readdirSync(root).filter((f) => f.startsWith('.')), []);
});

test('loading names the missing file, and a model trained on another observation size is refused', async () => {
  const dir = join(root, 'c');
  await saveAgentFiles(dir, { q: buildMlp({ inputSize: 4, hiddenUnits: [8], outputSize: 3, seed: 1 }) }, provenance(4));
  try {
    await loadAgentFiles(dir, ['q'], 12);
    assert.unreachable();
  } catch (e) {
    assert.match((e as Error).message, /observation size 4.*12 features/);
  }
  rmSync(join(dir, 'q', 'weights.bin'));
  try {
    await loadAgentFiles(dir, ['q'], 4);
    assert.unreachable();
  } catch (e) {
    assert.match((e as Error).message, /missing q\/weights\.bin/);
  }
  try {
    await loadAgentFiles(join(root, 'nope'), ['q']);
    assert.unreachable();
  } catch (e) {
    assert.match((e as Error).message, /does not exist/);
  }
  assert.ok(existsSync(dir));
});

test('a model.json of another format or a provenance without the training config is a ModelFilesError, not a TypeError', async () => {
  const dir = join(root, 'd');
  await saveAgentFiles(dir, { q: buildMlp({ inputSize: 4, hiddenUnits: [8], outputSize: 3, seed: 1 }) }, provenance(4));
  let caught: unknown;
  try {
    await loadRlAutoscaler(dir); // provenance(4) has config: {} (no env)
  } catch (e) {
    caught = e;
  }
  assert.instance(caught, ModelFilesError);
  assert.match((caught as Error).message, /provenance\.json: config\.env .* is missing/);
  writeFileSync(join(dir, 'q', 'model.json'), '{}');
  caught = undefined;
  try {
    await loadAgentFiles(dir, ['q'], 4);
  } catch (e) {
    caught = e;
  }
  assert.instance(caught, ModelFilesError);
  assert.match((caught as Error).message, /q\/model\.json has no modelTopology\/weightsManifest/);
});

test('the fast inference path gives the same outputs as model.predict', () => {
  const net = buildMlp({ inputSize: 4, hiddenUnits: [8, 8], outputSize: 3, seed: 4 });
  const fast = Array.from(mlpPredictOne(net, new Float32Array([0.1, 0.5, 0.9, 0.3])));
  out(net).forEach((v, i) => assert.ok(Math.abs(v - fast[i]) < 1e-6));
});

after(() => rmSync(root, { recursive: true, force: true }));
