// PPO with a clipped surrogate (Schulman et al. 2017), in the CleanRL layout (ppo.py, ppo_continuous_action.py):
// config and defaults, pure helpers (GAE, sampling), the update rule, then the training loop. Separate policy and
// value MLPs, GAE(λ), advantage normalisation, value loss, entropy bonus, minibatch epochs, global-norm clipping.
// Two policy heads: categorical over discrete actions, or a Gaussian over one bounded continuous action (the
// hybrid's headroom) whose mean and log-std the policy network outputs from the state. Each update logs CleanRL's
// loss terms (pgLoss, valueLoss, entropyLoss) and diagnostics (approxKl, clipFraction, explainedVariance).
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Rng } from '../../lib/rng.ts';
import type { DiscreteEnv } from './discrete-env.ts';
import { argMax } from './dqn.ts';
import { clipByGlobalNorm, createAdam, type OptimizerState } from './optimizer.ts';
import { buildMlp, mlpForward, mlpPredictBatch, mlpPredictOne } from './mlp.ts';
import { tf } from './tf.ts';
import { concatRollouts, createRolloutCollector, type Rollout } from './rollout.ts';
import { loopRng, nextCheckpointMark, scalarsToStats, statsToScalars, type CheckpointHook, type CollectorState, type LoopState, type PpoUpdateStats } from './loop-state.ts';

/** PPO hyper-parameters. */
export interface PpoConfig {
  /** Hidden layer sizes of the policy and value networks. */
  hiddenUnits: number[];
  /** Adam learning rate. */
  learningRate: number;
  /** Discount factor per decision, 0..1. */
  gamma: number;
  /** GAE λ, 0..1. */
  gaeLambda: number;
  /** Env steps collected per update, steps. */
  rolloutSteps: number;
  /** Passes over each rollout. */
  epochs: number;
  /** Minibatch size, steps. */
  minibatchSize: number;
  /** Surrogate clipping ε. */
  clipCoef: number;
  /** Weight of the value loss. */
  valueCoef: number;
  /** Weight of the entropy bonus. */
  entropyCoef: number;
  /** Clip gradients to this global L2 norm; 0 = none. */
  maxGradNorm: number;
  /** Rewards are multiplied by this before GAE (keeps value targets near unit scale; the scaling env's penalties reach ~40 per step). */
  rewardScale: number;
  /** Environments stepped together (batched inference); each collects rolloutSteps / numEnvs steps per rollout. */
  numEnvs: number;
}

/** CleanRL's discrete-action defaults, with rollouts sized for episodes of ~120 decisions. */
export const defaultPpoConfig: PpoConfig = Object.freeze({
  hiddenUnits: [64, 64],
  learningRate: 3e-4,
  gamma: 0.97,
  gaeLambda: 0.95,
  rolloutSteps: 512,
  epochs: 4,
  minibatchSize: 128,
  clipCoef: 0.2,
  valueCoef: 0.5,
  entropyCoef: 0.01,
  maxGradNorm: 0.5,
  rewardScale: 1,
  numEnvs: 1,
}) as PpoConfig;

// ---------------------------------------------------------------- pure helpers

/** Softmax of logits (numerically stable). */
export function softmax(logits: ArrayLike<number>): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const p = new Float64Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += p[i] = Math.exp(logits[i] - max);
  for (let i = 0; i < p.length; i++) p[i] /= sum;
  return p;
}

/** Draws an index from probabilities with one uniform number. */
export function sampleCategorical(p: ArrayLike<number>, rng: Rng): number {
  let u = rng.next();
  for (let i = 0; i < p.length - 1; i++) {
    u -= p[i];
    if (u < 0) return i;
  }
  return p.length - 1;
}

// ---------------------------------------------------------------- the agent

export type { CollectorState, PpoUpdateStats } from './loop-state.ts';
export { computeGae, concatRollouts, createRolloutCollector, type Rollout } from './rollout.ts';

/** What the policy chooses: `count` discrete actions, or one continuous action in [low, high]. */
export type ActionSpace = { kind: 'discrete'; count: number } | { kind: 'gaussian'; low: number; high: number };

/** log-std bounds of the Gaussian head (σ from 0.05 to 1 of the action range). */
const LOG_STD_MIN = Math.log(0.05);
const LOG_STD_MAX = 0;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** Mean and σ of the Gaussian head from the network's two outputs: mean = low + range·sigmoid(o0), σ = range·exp(clip(o1)). */
export function gaussianParams(out: ArrayLike<number>, low: number, high: number): { mean: number; std: number } {
  const range = high - low;
  const logStd = Math.min(LOG_STD_MAX, Math.max(LOG_STD_MIN, out[1] - 1));
  return { mean: low + range / (1 + Math.exp(-out[0])), std: range * Math.exp(logStd) };
}

/** Log-density of a under N(mean, std²). */
export function gaussianLogProb(a: number, mean: number, std: number): number {
  const z = (a - mean) / std;
  return -0.5 * z * z - Math.log(std) - LOG_SQRT_2PI;
}

/** Policy and value networks with their optimizer. */
export interface PpoAgent {
  readonly config: PpoConfig;
  readonly space: ActionSpace;
  readonly policy: LayersModel;
  readonly value: LayersModel;
  /** Categorical head only: the action probabilities. */
  probabilities(observation: Float32Array): Float64Array;
  stateValue(observation: Float32Array): number;
  /** Samples an action (training): action (index, or the unclipped real value), its log-probability and V(s). */
  sample(observation: Float32Array, rng: Rng): { action: number; logProb: number; value: number };
  /** Most probable action (evaluation): the argmax, or the Gaussian's mean. */
  greedy(observation: Float32Array): number;
  /** Categorical head: samples for n observations at once (two batched forward passes). */
  sampleBatch(observations: Float32Array, n: number, rng: Rng): { actions: Int32Array; logProbs: Float32Array; values: Float32Array };
  /** V(s) of n observations. */
  valuesBatch(observations: Float32Array, n: number): Float32Array;
  update(rollout: Rollout, rng: Rng): PpoUpdateStats;
  /** Adam's moments and step count (for an exact resume). */
  optimizerState(): OptimizerState;
  setOptimizerState(state: OptimizerState): void;
  dispose(): void;
}

/** Variance of an array (population). */
function variance(x: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i] / x.length;
  let v = 0;
  for (let i = 0; i < x.length; i++) v += (x[i] - m) ** 2 / x.length;
  return v;
}

/** 1 − Var(returns − values) / Var(returns); NaN when the returns do not vary. */
export function explainedVariance(values: ArrayLike<number>, returns: ArrayLike<number>): number {
  const vr = variance(returns);
  if (!(vr > 0)) return Number.NaN;
  return 1 - variance(Array.from(returns, (r, i) => r - values[i])) / vr;
}

/** Use to build a PPO agent; the same seed gives the same initial weights. `space` = action count or a space. */
export function createPpoAgent(
  observationSize: number, space: number | ActionSpace, seed: number, config: PpoConfig = defaultPpoConfig,
  loaded?: { policy: LayersModel; value: LayersModel },
): PpoAgent {
  const sp: ActionSpace = typeof space === 'number' ? { kind: 'discrete', count: space } : space;
  const outputs = sp.kind === 'discrete' ? sp.count : 2;
  const policy = loaded?.policy ?? buildMlp({ inputSize: observationSize, hiddenUnits: config.hiddenUnits, outputSize: outputs, seed, outputScale: 0.01, name: 'policy' });
  const value = loaded?.value ?? buildMlp({ inputSize: observationSize, hiddenUnits: config.hiddenUnits, outputSize: 1, seed: seed + 100, name: 'value' });
  const adam = createAdam(config.learningRate, () => [...policy.trainableWeights, ...value.trainableWeights].map((w) => w.read() as tf.Variable), 1e-5);
  const raw = (o: Float32Array) => mlpPredictOne(policy, o);
  const stateValue = (o: Float32Array) => mlpPredictOne(value, o)[0];
  const probabilities = (o: Float32Array) => softmax(raw(o));

  // ---- log π(a|s) and entropy as tensors, per head
  function logProbAndEntropy(x: tf.Tensor2D, actions: Float32Array): { logp: tf.Tensor1D; entropy: tf.Tensor1D } {
    const out = mlpForward(policy, x);
    if (sp.kind === 'discrete') {
      const logp = tf.logSoftmax(out);
      const mask = tf.oneHot(tf.tensor1d(Int32Array.from(actions), 'int32'), sp.count);
      return { logp: tf.sum(tf.mul(logp, mask), 1) as tf.Tensor1D, entropy: tf.neg(tf.sum(tf.mul(tf.exp(logp), logp), 1)) as tf.Tensor1D };
    }
    const range = sp.high - sp.low;
    const [m, l] = tf.split(out, 2, 1);
    const mean = tf.add(sp.low, tf.mul(range, tf.sigmoid(tf.reshape(m, [-1]))));
    const logStd = tf.add(Math.log(range), tf.clipByValue(tf.sub(tf.reshape(l, [-1]), 1), LOG_STD_MIN, LOG_STD_MAX));
    const z = tf.div(tf.sub(tf.tensor1d(actions), mean), tf.exp(logStd));
    const logp = tf.sub(tf.sub(tf.mul(-0.5, tf.square(z)), logStd), LOG_SQRT_2PI) as tf.Tensor1D;
    return { logp, entropy: tf.add(0.5 + LOG_SQRT_2PI, logStd) as tf.Tensor1D };
  }

  return {
    config,
    space: sp,
    policy,
    value,
    probabilities,
    stateValue,
    sample(o, rng) {
      const out = raw(o);
      if (sp.kind === 'discrete') {
        const p = softmax(out);
        const action = sampleCategorical(p, rng);
        return { action, logProb: Math.log(Math.max(p[action], 1e-12)), value: stateValue(o) };
      }
      const { mean, std } = gaussianParams(out, sp.low, sp.high);
      const action = mean + std * rng.normal();
      return { action, logProb: gaussianLogProb(action, mean, std), value: stateValue(o) };
    },
    sampleBatch(o, n, rng) {
      if (sp.kind !== 'discrete') throw new RangeError('sampleBatch needs a categorical head');
      const logits = mlpPredictBatch(policy, o, n);
      const values = mlpPredictBatch(value, o, n);
      const actions = new Int32Array(n);
      const logProbs = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const p = softmax(logits.subarray(i * sp.count, (i + 1) * sp.count));
        actions[i] = sampleCategorical(p, rng);
        logProbs[i] = Math.log(Math.max(p[actions[i]], 1e-12));
      }
      return { actions, logProbs, values };
    },
    valuesBatch: (o, n) => mlpPredictBatch(value, o, n),
    greedy(o) {
      const out = raw(o);
      return sp.kind === 'discrete' ? argMax(out) : gaussianParams(out, sp.low, sp.high).mean;
    },
    update(r, rng) {
      // ---- advantage normalisation over the whole rollout
      let mean = 0;
      for (const a of r.advantages) mean += a / r.size;
      const sd = Math.sqrt(variance(r.advantages));
      const advantages = r.advantages.map((a) => (a - mean) / (sd + 1e-8));
      const index = Array.from({ length: r.size }, (_, i) => i);
      const sums = { pgLoss: 0, valueLoss: 0, entropyLoss: 0, approxKl: 0, clipFraction: 0 };
      let batches = 0;
      for (let epoch = 0; epoch < config.epochs; epoch++) {
        for (let i = index.length - 1; i > 0; i--) {
          const j = Math.floor(rng.next() * (i + 1));
          [index[i], index[j]] = [index[j], index[i]];
        }
        for (let start = 0; start < r.size; start += config.minibatchSize) {
          const rows = index.slice(start, start + config.minibatchSize);
          const n = rows.length;
          const obs = new Float32Array(n * observationSize);
          rows.forEach((row, k) => obs.set(r.observations.subarray(row * observationSize, (row + 1) * observationSize), k * observationSize));
          const pick = (src: ArrayLike<number>) => Float32Array.from(rows, (row) => src[row]);
          const actions = pick(r.actions);
          const out = tf.tidy(() => {
            const x = tf.tensor2d(obs, [n, observationSize]);
            const oldLogProb = tf.tensor1d(pick(r.logProbs));
            const adv = tf.tensor1d(pick(advantages));
            const ret = tf.tensor1d(pick(r.returns));
            let parts: tf.Tensor[] = [];
            const { grads } = tf.variableGrads(() => {
              // ---- clipped surrogate (pgLoss), value loss, entropy bonus
              const { logp, entropy } = logProbAndEntropy(x, actions);
              const logRatio = tf.sub(logp, oldLogProb);
              const ratio = tf.exp(logRatio);
              const surrogate = tf.minimum(tf.mul(ratio, adv), tf.mul(tf.clipByValue(ratio, 1 - config.clipCoef, 1 + config.clipCoef), adv));
              const pgLoss = tf.neg(tf.mean(surrogate));
              const entropyLoss = tf.mean(entropy);
              const v = tf.reshape(mlpForward(value, x), [-1]);
              const valueLoss = tf.mul(0.5, tf.mean(tf.square(tf.sub(v, ret))));
              // ---- diagnostics (no gradient flows from them)
              const approxKl = tf.mean(tf.sub(tf.sub(ratio, 1), logRatio));
              const clipFraction = tf.mean(tf.cast(tf.greater(tf.abs(tf.sub(ratio, 1)), config.clipCoef), 'float32'));
              parts = [pgLoss, valueLoss, entropyLoss, approxKl, clipFraction].map((t) => tf.keep(t));
              return tf.add(tf.sub(pgLoss, tf.mul(config.entropyCoef, entropyLoss)), tf.mul(config.valueCoef, valueLoss)) as tf.Scalar;
            }, adam.variables());
            adam.apply(clipByGlobalNorm(grads, config.maxGradNorm));
            const values = parts.map((t) => t.dataSync()[0]);
            parts.forEach((t) => t.dispose());
            return values;
          });
          sums.pgLoss += out[0];
          sums.valueLoss += out[1];
          sums.entropyLoss += out[2];
          sums.approxKl += out[3];
          sums.clipFraction += out[4];
          batches++;
        }
      }
      return {
        pgLoss: sums.pgLoss / batches, valueLoss: sums.valueLoss / batches, entropyLoss: sums.entropyLoss / batches,
        approxKl: sums.approxKl / batches, clipFraction: sums.clipFraction / batches, explainedVariance: explainedVariance(r.values, r.returns),
      };
    },
    optimizerState: () => adam.state(),
    setOptimizerState: (state) => adam.setState(state),
    dispose() {
      policy.dispose();
      value.dispose();
      adam.dispose();
    },
  };
}

// ---------------------------------------------------------------- training loop

/** Scalars of one finished episode, with the last update's loss terms and diagnostics (null before the first). */
export interface PpoEpisodeLog extends Partial<Record<keyof PpoUpdateStats, number | null>> {
  episode: number;
  step: number;
  reward: number;
  length: number;
  /** pgLoss + valueCoef·valueLoss − entropyCoef·entropyLoss of the last update. */
  loss: number | null;
}

/** The log fields of an update's statistics (nulls before the first update). */
export function updateLogFields(last: PpoUpdateStats | null, config: PpoConfig): Pick<PpoEpisodeLog, 'loss' | keyof PpoUpdateStats> {
  return {
    loss: last ? last.pgLoss + config.valueCoef * last.valueLoss - config.entropyCoef * last.entropyLoss : null,
    pgLoss: last?.pgLoss ?? null, valueLoss: last?.valueLoss ?? null, entropyLoss: last?.entropyLoss ?? null,
    approxKl: last?.approxKl ?? null, clipFraction: last?.clipFraction ?? null, explainedVariance: last ? (Number.isFinite(last.explainedVariance) ? last.explainedVariance : null) : null,
  };
}

/** Options of trainPpo. */
export interface TrainPpoOptions {
  totalSteps: number;
  seed: number;
  config?: PpoConfig;
  agent?: PpoAgent;
  resume?: LoopState;
  episodeSeed?: (episode: number) => number;
  onEpisode?: (log: PpoEpisodeLog) => void;
  onStep?: (step: number, agent: PpoAgent) => void | Promise<void>;
  checkpoint?: CheckpointHook;
}

/** Use to train PPO on one DiscreteEnv or several stepped together (batched inference); same envs, options and
 *  seed → same weights, with or without resumes. */
export async function trainPpo(env: DiscreteEnv | DiscreteEnv[], options: TrainPpoOptions): Promise<PpoAgent> {
  const config = options.config ?? defaultPpoConfig;
  const envs = Array.isArray(env) ? env : [env];
  const n = envs.length;
  const d = envs[0].observationSize;
  const agent = options.agent ?? createPpoAgent(d, envs[0].actionCount, options.seed, config);
  if (config.rolloutSteps % n !== 0) throw new RangeError(`ppo.rolloutSteps (${config.rolloutSteps}) must be a multiple of the number of environments (${n})`);
  const collectors = envs.map(() => createRolloutCollector(d, config.rolloutSteps / n));
  const start = options.resume?.step ?? 0;
  let last: PpoUpdateStats | null = null;
  if (options.resume) {
    const saved = options.resume.collectors ?? (options.resume.collector ? [options.resume.collector] : []);
    saved.forEach((c, i) => collectors[i].setState(c));
    agent.setOptimizerState(options.resume.optimizers.ppo);
    last = scalarsToStats('ppo', options.resume.scalars);
  }
  let rng = loopRng(options.seed, 1, start);
  const episodeSeed = options.episodeSeed ?? ((e: number) => options.seed * 1000 + e);
  let episode = options.resume?.episodes ?? 0;
  let nextEpisode = episode;
  const index = envs.map(() => nextEpisode++);
  let mark = options.checkpoint ? nextCheckpointMark(start, options.checkpoint.everySteps) : Infinity;
  const obs = new Float32Array(n * d);
  const nextObs = new Float32Array(n * d);
  envs.forEach((e, i) => obs.set(e.reset(episodeSeed(index[i])), i * d));
  const ep = envs.map(() => ({ reward: 0, length: 0 }));
  for (let step = start; step < options.totalSteps; step += n) {
    // ---- act in every env with one batched pass (n = 1: the agent's own sample, as before)
    let actions: ArrayLike<number>, logProbs: ArrayLike<number>, values: ArrayLike<number>;
    if (n === 1) {
      const c = agent.sample(obs, rng);
      [actions, logProbs, values] = [[c.action], [c.logProb], [c.value]];
    } else {
      ({ actions, logProbs, values } = agent.sampleBatch(obs, n, rng));
    }
    const results = envs.map((e, i) => e.step(actions[i]));
    results.forEach((r, i) => nextObs.set(r.observation, i * d));
    const nextValues = n === 1 ? [results[0].done ? 0 : agent.stateValue(results[0].observation)] : agent.valuesBatch(nextObs, n);
    let ended = 0;
    for (let i = 0; i < n; i++) {
      const r = results[i];
      collectors[i].add(obs.subarray(i * d, (i + 1) * d), actions[i], logProbs[i], values[i], r.reward * config.rewardScale, r.done ? 0 : nextValues[i], r.done, r.done || r.truncated);
      ep[i].reward += r.reward;
      ep[i].length++;
      if (r.done || r.truncated) {
        ended++;
        options.onEpisode?.({ episode: index[i], step: step + i + 1, reward: ep[i].reward, length: ep[i].length, ...updateLogFields(last, config) });
        episode++;
        index[i] = nextEpisode++;
        obs.set(envs[i].reset(episodeSeed(index[i])), i * d);
        ep[i] = { reward: 0, length: 0 };
      } else {
        obs.set(r.observation, i * d);
      }
    }
    if (collectors[0].full) last = agent.update(concatRollouts(collectors.map((c) => c.finish(config.gamma, config.gaeLambda))), rng);
    if (options.onStep) await options.onStep(step + n, agent);
    if (ended === n && step + n >= mark && step + n < options.totalSteps) {
      await options.checkpoint!.save({ step: step + n, episodes: episode, collectors: collectors.map((c) => c.state()), optimizers: { ppo: agent.optimizerState() }, scalars: statsToScalars('ppo', last) });
      mark = nextCheckpointMark(step + n, options.checkpoint!.everySteps);
      rng = loopRng(options.seed, 1, step + n);
    }
  }
  return agent;
}
