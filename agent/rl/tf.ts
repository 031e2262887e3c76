// TensorFlow.js for the RL agents (DESIGN.md §8): tfjs-core + tfjs-layers on the wasm backend (SIMD), the pure-JS
// cpu backend as fallback, and tfjs-node only if it happens to be installed. Call `initTf()` once before any op.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import * as tfl from '@tensorflow/tfjs-layers';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export { tf, tfl };

let ready: Promise<string> | undefined;

/** Which backend to prefer: `auto` = tfjs-node if installed, else wasm, else cpu. */
export type BackendChoice = 'auto' | 'wasm' | 'cpu';

/**
 * Use before building or loading any network: selects the backend once (later calls return the same promise).
 * The wasm binaries are read from node_modules/@tensorflow/tfjs-backend-wasm/dist/; one wasm thread, so that
 * results do not depend on the machine's core count. `SCALELAB_TF_BACKEND=cpu` forces the pure-JS backend.
 */
export function initTf(choice: BackendChoice = (process.env.SCALELAB_TF_BACKEND as BackendChoice | undefined) ?? 'auto'): Promise<string> {
  ready ??= selectBackend(choice);
  return ready;
}

async function selectBackend(choice: BackendChoice): Promise<string> {
  tf.enableProdMode(); // skips debug checks and the "install tfjs-node" banner
  if (choice === 'auto' && (await tryTfjsNode())) return tf.getBackend();
  if (choice !== 'cpu') {
    try {
      const require = createRequire(import.meta.url);
      const dist = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
      setWasmPaths(dist);
      setThreadsCount(1);
      if (await tf.setBackend('wasm')) return 'wasm';
    } catch {
      // fall through to cpu
    }
  }
  if (!(await tf.setBackend('cpu'))) throw new Error('no TensorFlow.js backend could be initialised (tried wasm and cpu)');
  return 'cpu';
}

async function tryTfjsNode(): Promise<boolean> {
  const name = '@tensorflow/tfjs-node';
  try {
    await import(name);
  } catch {
    return false;
  }
  return tf.findBackend('tensorflow') !== null && (await tf.setBackend('tensorflow'));
}
