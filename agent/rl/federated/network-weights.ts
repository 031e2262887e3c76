// A network's weights as plain arrays and back: what crosses between a client and the server in a round (and
// what a round's Job would write to and read from its volume). Nothing else of a client ever leaves it.
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { tf } from '../tf.ts';

/** Use to send a network's weights: copies of its tensors' values, in the network's order. */
export function readNetworkWeights(model: LayersModel): Float32Array[] {
  return model.getWeights().map((t) => Float32Array.from(t.dataSync()));
}

/** Use to receive weights into a network of the same architecture (sizes checked tensor by tensor). */
export function writeNetworkWeights(model: LayersModel, weights: readonly Float32Array[]): void {
  const current = model.getWeights();
  if (current.length !== weights.length) throw new RangeError(`network ${model.name} has ${current.length} weight tensors, received ${weights.length}`);
  const tensors = current.map((t, i) => {
    if (t.size !== weights[i].length) throw new RangeError(`network ${model.name} weight ${i}: ${t.size} values expected, received ${weights[i].length}`);
    return tf.tensor(weights[i], t.shape, 'float32');
  });
  model.setWeights(tensors);
  tensors.forEach((t) => t.dispose());
}
