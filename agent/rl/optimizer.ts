// The optimiser helpers every learner shares: gradient clipping by global norm and Adam (Kingma & Ba 2015, the
// update tf.train.adam applies) whose whole state — step count and both moments — can be read and restored
// exactly, so a resumed training continues bit-identically (tfjs' own Adam recomputes its β-powers on restore).
import { tf } from './tf.ts';

/** Scales gradients so their global L2 norm is at most maxNorm (tf.clip_by_global_norm). Call inside tf.tidy. */
export function clipByGlobalNorm(grads: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  if (!(maxNorm > 0)) return grads;
  const names = Object.keys(grads);
  const norm = tf.sqrt(tf.addN(names.map((n) => tf.sum(tf.square(grads[n])))));
  const scale = tf.div(maxNorm, tf.maximum(norm, maxNorm));
  const out: tf.NamedTensorMap = {};
  for (const n of names) out[n] = tf.mul(grads[n], scale);
  return out;
}

/** Adam's state: steps taken and the first/second moments, one array per variable (in `variables()` order). */
export interface OptimizerState {
  step: number;
  m: Float32Array[];
  v: Float32Array[];
}

/** An Adam optimiser over a fixed list of variables. */
export interface Adam {
  readonly variables: () => tf.Variable[];
  /** One step with these gradients (keyed by variable name, as tf.variableGrads returns them). Call inside tf.tidy. */
  apply(grads: tf.NamedTensorMap): void;
  state(): OptimizerState;
  setState(state: OptimizerState): void;
  dispose(): void;
}

/** Use for every learner: Adam with β1 0.9, β2 0.999 and `epsilon` (tfjs' default 1e-7). */
export function createAdam(learningRate: number, variables: () => tf.Variable[], epsilon = 1e-7, beta1 = 0.9, beta2 = 0.999): Adam {
  const vars = variables();
  const m = vars.map((w) => tf.variable(tf.zerosLike(w), false));
  const v = vars.map((w) => tf.variable(tf.zerosLike(w), false));
  let step = 0;
  return {
    variables,
    apply(grads) {
      step++;
      const c1 = 1 - beta1 ** step;
      const c2 = 1 - beta2 ** step;
      vars.forEach((w, i) => {
        const g = grads[w.name];
        if (!g) return;
        const mi = tf.add(tf.mul(m[i], beta1), tf.mul(g, 1 - beta1));
        const vi = tf.add(tf.mul(v[i], beta2), tf.mul(tf.square(g), 1 - beta2));
        m[i].assign(mi);
        v[i].assign(vi);
        w.assign(tf.sub(w, tf.div(tf.mul(tf.div(mi, c1), learningRate), tf.add(tf.sqrt(tf.div(vi, c2)), epsilon))));
      });
    },
    state: () => ({ step, m: m.map((t) => t.dataSync() as Float32Array).map((a) => a.slice()), v: v.map((t) => t.dataSync() as Float32Array).map((a) => a.slice()) }),
    setState(s) {
      if (s.m.length !== m.length || s.v.length !== v.length) throw new RangeError(`optimizer state has ${s.m.length} moments, expected ${m.length}`);
      step = s.step;
      tf.tidy(() => {
        m.forEach((t, i) => t.assign(tf.tensor(s.m[i], t.shape)));
        v.forEach((t, i) => t.assign(tf.tensor(s.v[i], t.shape)));
      });
    },
    dispose() {
      m.forEach((t) => t.dispose());
      v.forEach((t) => t.dispose());
    },
  };
}
