// Small fully connected networks shared by every agent: seeded Glorot init so the same seed gives the same weights.
import { tf, tfl } from './tf.ts';
import type { LayersModel } from '@tensorflow/tfjs-layers';

/** Shape of an MLP. */
export interface MlpSpec {
  /** Input features. */
  inputSize: number;
  /** Units of each hidden layer (ReLU). */
  hiddenUnits: readonly number[];
  /** Outputs (linear unless `outputActivation`). */
  outputSize: number;
  /** Integer seed of the weight initialisers; layer i uses seed + i. */
  seed: number;
  /** Scale of the last layer's initial weights (PPO uses 0.01 for the policy head); default 1. */
  outputScale?: number;
  name?: string;
}

/** Use for every Q, policy and value network: `inputSize → hidden (ReLU) → outputSize`, biases zero. */
export function buildMlp(spec: MlpSpec): LayersModel {
  const layers: ReturnType<typeof tfl.layers.dense>[] = [];
  spec.hiddenUnits.forEach((units, i) => {
    layers.push(
      tfl.layers.dense({
        units,
        activation: 'relu',
        inputShape: i === 0 ? [spec.inputSize] : undefined,
        kernelInitializer: tfl.initializers.glorotUniform({ seed: spec.seed + i }),
        name: `dense_${i}`,
      }),
    );
  });
  const scale = spec.outputScale ?? 1;
  layers.push(
    tfl.layers.dense({
      units: spec.outputSize,
      inputShape: spec.hiddenUnits.length === 0 ? [spec.inputSize] : undefined,
      kernelInitializer:
        scale === 1
          ? tfl.initializers.glorotUniform({ seed: spec.seed + spec.hiddenUnits.length })
          : tfl.initializers.varianceScaling({ scale: scale * scale, mode: 'fanAvg', distribution: 'uniform', seed: spec.seed + spec.hiddenUnits.length }),
      name: 'out',
    }),
  );
  return tfl.sequential({ layers, name: spec.name });
}

/** Copies the weights of `from` into `to` (same architecture): the DQN target-network sync. Layer by layer, so it
 *  does not depend on which layers are frozen (a model's `getWeights()` lists trainable layers first). */
export function copyWeights(from: LayersModel, to: LayersModel): void {
  to.layers.forEach((layer, i) => layer.setWeights(from.layers[i].getWeights()));
}

/** The hidden layers of a buildMlp network (its dense layers but the output layer). */
export function hiddenLayerCount(model: LayersModel): number {
  return model.layers.length - 1;
}

/**
 * Use for transfer learning: the first `frozen` dense layers of the network stop training (not in
 * `trainableWeights`, so no optimiser sees them), every later layer trains. 0 = all train. The output layer can
 * never be frozen: `frozen` must be ≤ the hidden layers.
 */
export function freezeFirstLayers(model: LayersModel, frozen: number): void {
  const hidden = hiddenLayerCount(model);
  if (!Number.isInteger(frozen) || frozen < 0 || frozen > hidden) throw new RangeError(`freeze = ${frozen}: expected an integer in [0, ${hidden}] (the network's hidden layers)`);
  model.layers.forEach((layer, i) => (layer.trainable = i >= frozen));
}

/** Dense layers that do not train (frozen by freezeFirstLayers). */
export function frozenLayerCount(model: LayersModel): number {
  return model.layers.filter((l) => !l.trainable).length;
}

/** Widths of a buildMlp network: [inputs, hidden…, outputs]. */
export function layerWidths(model: LayersModel): number[] {
  const kernels = model.layers.map((l) => l.weights[0].shape as [number, number]);
  return [kernels[0][0], ...kernels.map((k) => k[1])];
}

/**
 * Use for inference on a buildMlp network: the same dense → ReLU → … → linear computation with plain tfjs-core
 * ops on the layer variables, about 3× faster than `model.predict` at batch 1 (no layers bookkeeping).
 */
export function mlpForward(model: LayersModel, x: tf.Tensor2D): tf.Tensor2D {
  // Layer by layer (frozen layers included: `trainableWeights` would skip them).
  const layers = model.layers;
  let h: tf.Tensor2D = x;
  for (let i = 0; i < layers.length; i++) {
    const [kernel, bias] = layers[i].weights;
    h = tf.add(tf.matMul(h, kernel.read()), bias.read());
    if (i < layers.length - 1) h = tf.relu(h);
  }
  return h;
}

/** One observation through the network (batch 1), as plain numbers; disposes its tensors. */
export function mlpPredictOne(model: LayersModel, features: Float32Array): Float32Array {
  return tf.tidy(() => mlpForward(model, tf.tensor2d(features, [1, features.length])).dataSync() as Float32Array);
}

/** `n` observations (row-major) through the network at once: n × outputs numbers; disposes its tensors. */
export function mlpPredictBatch(model: LayersModel, features: Float32Array, n: number): Float32Array {
  return tf.tidy(() => mlpForward(model, tf.tensor2d(features, [n, features.length / n])).dataSync() as Float32Array);
}
