// The shared MLP helpers with frozen layers (transfer learning): the forward pass, target copies and the optimiser's
// variables must not depend on which layers are frozen.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { initTf, tf } from '../../../agent/rl/tf.ts';
import { buildMlp, copyWeights, freezeFirstLayers, frozenLayerCount, layerWidths, mlpForward } from '../../../agent/rl/mlp.ts';

await initTf();

const spec = { inputSize: 3, hiddenUnits: [4, 5], outputSize: 2 };
const x = [[0.1, -0.2, 0.3], [1, 0.5, -1]];
const forward = (m: ReturnType<typeof buildMlp>) => tf.tidy(() => Array.from(mlpForward(m, tf.tensor2d(x)).dataSync()));
const predict = (m: ReturnType<typeof buildMlp>) => tf.tidy(() => Array.from((m.predict(tf.tensor2d(x)) as tf.Tensor).dataSync()));
const close = (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => Math.abs(v - b[i]) < 1e-5);

test('a frozen network computes the same outputs as tfjs’ own predict (frozen layers stay in the forward pass)', () => {
  for (const frozen of [0, 1, 2]) {
    const m = buildMlp({ ...spec, seed: 7 });
    freezeFirstLayers(m, frozen);
    assert.ok(close(forward(m), predict(m)), `freeze ${frozen}`);
  }
});

test('freezing N layers removes exactly their kernels and biases from the trainable weights', () => {
  const cases: [number, string[]][] = [
    [0, ['dense_0', 'dense_0', 'dense_1', 'dense_1', 'out', 'out']],
    [1, ['dense_1', 'dense_1', 'out', 'out']],
    [2, ['out', 'out']],
  ];
  for (const [frozen, layers] of cases) {
    const m = buildMlp({ ...spec, seed: 1 });
    freezeFirstLayers(m, frozen);
    assert.equal(m.trainableWeights.map((w) => w.originalName.split('/')[0]), layers, `freeze ${frozen}`);
    assert.is(frozenLayerCount(m), frozen);
  }
});

test('freezing more layers than the hidden ones (or a negative count) is refused, naming the range', () => {
  const m = buildMlp({ ...spec, seed: 1 });
  assert.throws(() => freezeFirstLayers(m, 3), /freeze = 3: expected an integer in \[0, 2\]/);
  assert.throws(() => freezeFirstLayers(m, -1), /freeze = -1/);
});

test('copyWeights copies layer by layer between a frozen and an unfrozen network of the same shape', () => {
  const from = buildMlp({ ...spec, seed: 2 });
  const to = buildMlp({ ...spec, seed: 3 });
  freezeFirstLayers(from, 1); // from.getWeights() now lists dense_1, out, then dense_0
  copyWeights(from, to);
  assert.ok(close(forward(to), forward(from)));
});

test('layerWidths reads [inputs, hidden…, outputs]', () => {
  assert.equal(layerWidths(buildMlp({ ...spec, seed: 1 })), [3, 4, 5, 2]);
});
