// PPO with a clipped surrogate (Schulman et al. 2017) for discrete actions, in the CleanRL layout (ppo.py):
// config and defaults, pure helpers (GAE, sampling), the update rule, then the training loop. Separate policy and
// value MLPs, GAE(λ), advantage normalisation, value loss, entropy bonus, minibatch epochs, global-norm clipping.
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Rng } from '../../lib/rng.ts';
import { createRng } from '../../lib/rng.ts';
import type { DiscreteEnv } from './discrete-env.ts';
import { argMax, clipByGlobalNorm } from './dqn.ts';
import { buildMlp, mlpForward, mlpPredictOne } from './mlp.ts';
import { tf } from './tf.ts';

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
}) as PpoConfig;

// ---------------------------------------------------------------- pure helpers

/**
 * Generalised advantage estimation. `nextValues[t]` = V(s_{t+1}) (for a truncated step: V of the true last
 * observation); `terminal[t]` = 1 stops bootstrapping, `episodeEnd[t]` = 1 (terminal or truncated) stops the
 * λ-recursion. Returns advantages and returns (= advantages + values).
 */
export function computeGae(
  rewards: ArrayLike<number>, values: ArrayLike<number>, nextValues: ArrayLike<number>,
  terminal: ArrayLike<number>, episodeEnd: ArrayLike<number>, gamma: number, lambda: number,
): { advantages: Float32Array; returns: Float32Array } {
  const n = rewards.length;
  const advantages = new Float32Array(n);
  const returns = new Float32Array(n);
  let next = 0;
  for (let t = n - 1; t >= 0; t--) {
    const delta = rewards[t] + gamma * (1 - terminal[t]) * nextValues[t] - values[t];
    next = delta + gamma * lambda * (1 - episodeEnd[t]) * next;
    advantages[t] = next;
    returns[t] = next + values[t];
  }
  return { advantages, returns };
}

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

/** One rollout, row-major observations. */
export interface Rollout {
  observations: Float32Array;
  actions: Int32Array;
  logProbs: Float32Array;
  advantages: Float32Array;
  returns: Float32Array;
  size: number;
}

/** Diagnostics of one update. */
export interface PpoUpdateStats {
  policyLoss: number;
  valueLoss: number;
  entropy: number;
}

/** Policy and value networks with their optimizer. */
export interface PpoAgent {
  readonly config: PpoConfig;
  readonly policy: LayersModel;
  readonly value: LayersModel;
  probabilities(observation: Float32Array): Float64Array;
  stateValue(observation: Float32Array): number;
  /** Samples an action (training): action, its log-probability and V(s). */
  sample(observation: Float32Array, rng: Rng): { action: number; logProb: number; value: number };
  /** Most probable action (evaluation). */
  greedy(observation: Float32Array): number;
  update(rollout: Rollout, rng: Rng): PpoUpdateStats;
  dispose(): void;
}

/** Use to build a PPO agent; the same seed gives the same initial weights. */
export function createPpoAgent(observationSize: number, actionCount: number, seed: number, config: PpoConfig = defaultPpoConfig, loaded?: { policy: LayersModel; value: LayersModel }): PpoAgent {
  const policy = loaded?.policy ?? buildMlp({ inputSize: observationSize, hiddenUnits: config.hiddenUnits, outputSize: actionCount, seed, outputScale: 0.01, name: 'policy' });
  const value = loaded?.value ?? buildMlp({ inputSize: observationSize, hiddenUnits: config.hiddenUnits, outputSize: 1, seed: seed + 100, name: 'value' });
  const optimizer = tf.train.adam(config.learningRate, 0.9, 0.999, 1e-5);
  const variables = () => [...policy.trainableWeights, ...value.trainableWeights].map((w) => w.read() as tf.Variable);
  const logits = (o: Float32Array) => mlpPredictOne(policy, o);
  const stateValue = (o: Float32Array) => mlpPredictOne(value, o)[0];
  const probabilities = (o: Float32Array) => softmax(logits(o));
  return {
    config,
    policy,
    value,
    probabilities,
    stateValue,
    sample(o, rng) {
      const p = probabilities(o);
      const action = sampleCategorical(p, rng);
      return { action, logProb: Math.log(Math.max(p[action], 1e-12)), value: stateValue(o) };
    },
    greedy: (o) => argMax(logits(o)),
    update(r, rng) {
      // ---- advantage normalisation over the whole rollout
      let mean = 0;
      for (const a of r.advantages) mean += a / r.size;
      let variance = 0;
      for (const a of r.advantages) variance += (a - mean) ** 2 / r.size;
      const advantages = r.advantages.map((a) => (a - mean) / (Math.sqrt(variance) + 1e-8));
      const index = Array.from({ length: r.size }, (_, i) => i);
      const stats: PpoUpdateStats = { policyLoss: 0, valueLoss: 0, entropy: 0 };
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
          const losses = tf.tidy(() => {
            const x = tf.tensor2d(obs, [n, observationSize]);
            const mask = tf.oneHot(tf.tensor1d(Int32Array.from(rows, (row) => r.actions[row]), 'int32'), actionCount);
            const oldLogProb = tf.tensor1d(pick(r.logProbs));
            const adv = tf.tensor1d(pick(advantages));
            const ret = tf.tensor1d(pick(r.returns));
            let parts: tf.Tensor[] = [];
            const { grads } = tf.variableGrads(() => {
              // ---- clipped surrogate, value loss, entropy bonus
              const logp = tf.logSoftmax(mlpForward(policy, x));
              const ratio = tf.exp(tf.sub(tf.sum(tf.mul(logp, mask), 1), oldLogProb));
              const surrogate = tf.minimum(tf.mul(ratio, adv), tf.mul(tf.clipByValue(ratio, 1 - config.clipCoef, 1 + config.clipCoef), adv));
              const policyLoss = tf.neg(tf.mean(surrogate));
              const entropy = tf.neg(tf.mean(tf.sum(tf.mul(tf.exp(logp), logp), 1)));
              const v = tf.reshape(mlpForward(value, x), [-1]);
              const valueLoss = tf.mul(0.5, tf.mean(tf.square(tf.sub(v, ret))));
              parts = [tf.keep(policyLoss), tf.keep(valueLoss), tf.keep(entropy)];
              return tf.add(tf.sub(policyLoss, tf.mul(config.entropyCoef, entropy)), tf.mul(config.valueCoef, valueLoss)) as tf.Scalar;
            }, variables());
            optimizer.applyGradients(clipByGlobalNorm(grads, config.maxGradNorm) as Parameters<typeof optimizer.applyGradients>[0]);
            const out = parts.map((t) => t.dataSync()[0]);
            parts.forEach((t) => t.dispose());
            return out;
          });
          stats.policyLoss += losses[0];
          stats.valueLoss += losses[1];
          stats.entropy += losses[2];
          batches++;
        }
      }
      return { policyLoss: stats.policyLoss / batches, valueLoss: stats.valueLoss / batches, entropy: stats.entropy / batches };
    },
    dispose() {
      policy.dispose();
      value.dispose();
      optimizer.dispose();
    },
  };
}

/** Collects one transition at a time and returns a Rollout with GAE once `size` steps are in. */
export function createRolloutCollector(observationSize: number, size: number) {
  const observations = new Float32Array(size * observationSize);
  const actions = new Int32Array(size);
  const logProbs = new Float32Array(size);
  const rewards = new Float32Array(size);
  const values = new Float32Array(size);
  const nextValues = new Float32Array(size);
  const terminal = new Float32Array(size);
  const ends = new Float32Array(size);
  let n = 0;
  return {
    get full() {
      return n >= size;
    },
    /** Adds a step; `nextValue` = V(s_{t+1}) (0 if terminal). */
    add(o: Float32Array, action: number, logProb: number, value: number, reward: number, nextValue: number, done: boolean, end: boolean) {
      observations.set(o, n * observationSize);
      actions[n] = action;
      logProbs[n] = logProb;
      values[n] = value;
      rewards[n] = reward;
      nextValues[n] = nextValue;
      terminal[n] = done ? 1 : 0;
      ends[n] = end ? 1 : 0;
      n++;
    },
    /** The rollout with advantages; resets the collector. */
    finish(gamma: number, lambda: number): Rollout {
      const { advantages, returns } = computeGae(rewards.subarray(0, n), values.subarray(0, n), nextValues.subarray(0, n), terminal.subarray(0, n), ends.subarray(0, n), gamma, lambda);
      const r: Rollout = { observations: observations.slice(0, n * observationSize), actions: actions.slice(0, n), logProbs: logProbs.slice(0, n), advantages, returns, size: n };
      n = 0;
      return r;
    },
  };
}

// ---------------------------------------------------------------- training loop

/** Scalars of one finished episode. */
export interface PpoEpisodeLog {
  episode: number;
  step: number;
  reward: number;
  length: number;
  loss: number | null;
  entropy: number | null;
}

/** Options of trainPpo. */
export interface TrainPpoOptions {
  totalSteps: number;
  seed: number;
  config?: PpoConfig;
  agent?: PpoAgent;
  startStep?: number;
  episodeSeed?: (episode: number) => number;
  onEpisode?: (log: PpoEpisodeLog) => void;
  onStep?: (step: number, agent: PpoAgent) => void | Promise<void>;
}

/** Use to train PPO on any DiscreteEnv; same env, options and seed → same weights. */
export async function trainPpo(env: DiscreteEnv, options: TrainPpoOptions): Promise<PpoAgent> {
  const config = options.config ?? defaultPpoConfig;
  const agent = options.agent ?? createPpoAgent(env.observationSize, env.actionCount, options.seed, config);
  const rng = createRng(options.seed * 7919 + 1 + (options.startStep ?? 0));
  const collector = createRolloutCollector(env.observationSize, config.rolloutSteps);
  const episodeSeed = options.episodeSeed ?? ((e: number) => options.seed * 1000 + e);
  let episode = 0;
  let observation = env.reset(episodeSeed(episode));
  let episodeReward = 0;
  let episodeLength = 0;
  let last: PpoUpdateStats | null = null;
  for (let step = options.startStep ?? 0; step < options.totalSteps; step++) {
    const { action, logProb, value } = agent.sample(observation, rng);
    const r = env.step(action);
    const nextValue = r.done ? 0 : agent.stateValue(r.observation);
    collector.add(observation, action, logProb, value, r.reward * config.rewardScale, nextValue, r.done, r.done || r.truncated);
    episodeReward += r.reward;
    episodeLength++;
    observation = r.observation;
    if (r.done || r.truncated) {
      options.onEpisode?.({ episode, step: step + 1, reward: episodeReward, length: episodeLength, loss: last ? last.policyLoss + config.valueCoef * last.valueLoss : null, entropy: last?.entropy ?? null });
      episode++;
      observation = env.reset(episodeSeed(episode));
      episodeReward = episodeLength = 0;
    }
    if (collector.full) last = agent.update(collector.finish(config.gamma, config.gaeLambda), rng);
    if (options.onStep) await options.onStep(step + 1, agent);
  }
  return agent;
}
