// Double DQN (van Hasselt et al. 2016) in the CleanRL layout: config and defaults, pure helpers, the update rule,
// then the training loop. Target network with periodic hard sync, uniform replay, linear ε decay, Huber loss,
// gradient clipping by global norm; evaluation acts greedily.
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Rng } from '../../lib/rng.ts';
import { createRng } from '../../lib/rng.ts';
import type { DiscreteEnv } from './discrete-env.ts';
import { buildMlp, copyWeights, mlpForward, mlpPredictOne } from './mlp.ts';
import { createReplayBuffer, type ReplayBuffer, type TransitionBatch } from './replay-buffer.ts';
import { linearSchedule } from './schedules.ts';
import { tf } from './tf.ts';

/** DQN hyper-parameters. */
export interface DqnConfig {
  /** Hidden layer sizes of the Q network. */
  hiddenUnits: number[];
  /** Adam learning rate. */
  learningRate: number;
  /** Discount factor per decision, 0..1. */
  gamma: number;
  /** Replay buffer capacity, transitions. */
  bufferSize: number;
  /** Minibatch size, transitions. */
  batchSize: number;
  /** Env steps of pure exploration before the first update, steps. */
  learningStarts: number;
  /** One gradient update every this many env steps, steps. */
  trainFrequency: number;
  /** Hard copy online → target every this many env steps, steps. */
  targetUpdateInterval: number;
  /** ε at the start and the end of the linear decay. */
  epsilonStart: number;
  epsilonEnd: number;
  /** Fraction of the total steps over which ε decays, 0..1. */
  explorationFraction: number;
  /** Huber loss δ (quadratic below, linear above). */
  huberDelta: number;
  /** Clip gradients to this global L2 norm; 0 = no clipping. */
  maxGradNorm: number;
  /** Use the Double-DQN target (online argmax, target value); false = vanilla max over the target network. */
  double: boolean;
}

/** Defaults close to CleanRL's dqn.py, scaled to episodes of ~120 decisions. */
export const defaultDqnConfig: DqnConfig = Object.freeze({
  hiddenUnits: [64, 64],
  learningRate: 5e-4,
  gamma: 0.97,
  bufferSize: 20_000,
  batchSize: 64,
  learningStarts: 500,
  trainFrequency: 4,
  targetUpdateInterval: 500,
  epsilonStart: 1,
  epsilonEnd: 0.05,
  explorationFraction: 0.4,
  huberDelta: 1,
  maxGradNorm: 10,
  double: true,
}) as DqnConfig;

// ---------------------------------------------------------------- pure helpers

/**
 * Bootstrapped targets y = r + γ·(1 − done)·Q_target(s', a*) with a* = argmax_a Q_online(s', a) (Double DQN) or
 * a* = argmax_a Q_target(s', a) (vanilla). Inputs are [batch, actions] tensors; returns a [batch] tensor.
 */
export function dqnTargets(rewards: tf.Tensor1D, dones: tf.Tensor1D, qOnlineNext: tf.Tensor2D, qTargetNext: tf.Tensor2D, gamma: number, double = true): tf.Tensor1D {
  return tf.tidy(() => {
    const nActions = qTargetNext.shape[1];
    const best = tf.argMax(double ? qOnlineNext : qTargetNext, 1);
    const nextValue = tf.sum(tf.mul(qTargetNext, tf.oneHot(best as tf.Tensor1D, nActions)), 1);
    return tf.add(rewards, tf.mul(tf.mul(tf.sub(1, dones), gamma), nextValue)) as tf.Tensor1D;
  });
}

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

/** Index of the largest value (first on ties). */
export function argMax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

// ---------------------------------------------------------------- the agent

/** Online and target Q networks with their optimizer. */
export interface DqnAgent {
  readonly config: DqnConfig;
  readonly online: LayersModel;
  readonly target: LayersModel;
  /** Q values of one observation. */
  qValues(observation: Float32Array): Float32Array;
  /** Greedy action (evaluation). */
  greedy(observation: Float32Array): number;
  /** ε-greedy action (training). */
  act(observation: Float32Array, epsilon: number, rng: Rng): number;
  /** One gradient step on a minibatch; returns the loss. */
  update(batch: TransitionBatch): number;
  /** Copies the online weights into the target network. */
  syncTarget(): void;
  dispose(): void;
}

/** Use to build a DQN agent; the same seed gives the same initial weights. */
export function createDqnAgent(observationSize: number, actionCount: number, seed: number, config: DqnConfig = defaultDqnConfig, online?: LayersModel): DqnAgent {
  const spec = { inputSize: observationSize, hiddenUnits: config.hiddenUnits, outputSize: actionCount, seed };
  const net = online ?? buildMlp({ ...spec, name: 'q' });
  const target = buildMlp({ ...spec, name: 'q_target' });
  copyWeights(net, target);
  const optimizer = tf.train.adam(config.learningRate);
  const variables = () => net.trainableWeights.map((w) => w.read() as tf.Variable);
  const qValues = (observation: Float32Array): Float32Array => mlpPredictOne(net, observation);
  return {
    config,
    online: net,
    target,
    qValues,
    greedy: (o) => argMax(qValues(o)),
    act(o, epsilon, rng) {
      if (rng.next() < epsilon) return Math.floor(rng.next() * actionCount);
      return argMax(qValues(o));
    },
    update(b) {
      return tf.tidy(() => {
        // ---- targets (no gradient)
        const next = tf.tensor2d(b.nextObservations, [b.size, observationSize]);
        const y = dqnTargets(
          tf.tensor1d(b.rewards),
          tf.tensor1d(b.dones),
          mlpForward(net, next),
          mlpForward(target, next),
          config.gamma,
          config.double,
        );
        // ---- Huber loss on Q(s, a), clipped gradients, Adam
        const obs = tf.tensor2d(b.observations, [b.size, observationSize]);
        const mask = tf.oneHot(tf.tensor1d(b.actions, 'int32'), actionCount);
        const { value, grads } = tf.variableGrads(() => {
          const q = tf.sum(tf.mul(mlpForward(net, obs), mask), 1);
          return tf.losses.huberLoss(y, q, undefined, config.huberDelta) as tf.Scalar;
        }, variables());
        optimizer.applyGradients(clipByGlobalNorm(grads, config.maxGradNorm) as Parameters<typeof optimizer.applyGradients>[0]);
        return value.dataSync()[0];
      });
    },
    syncTarget: () => copyWeights(net, target),
    dispose() {
      net.dispose();
      target.dispose();
      optimizer.dispose();
    },
  };
}

// ---------------------------------------------------------------- training loop

/** Scalars of one finished episode (the training log's row). */
export interface EpisodeLog {
  episode: number;
  step: number;
  reward: number;
  length: number;
  loss: number | null;
  epsilon: number;
}

/** Options of trainDqn. */
export interface TrainDqnOptions {
  totalSteps: number;
  seed: number;
  config?: DqnConfig;
  /** Continue an agent (resume); default a fresh one from `seed`. */
  agent?: DqnAgent;
  /** Global step to start from (resume): ε and sync follow the global count. */
  startStep?: number;
  /** Episode seeds; default `seed·1000 + episode`. */
  episodeSeed?: (episode: number) => number;
  onEpisode?: (log: EpisodeLog) => void;
  /** Called every env step (progress, checkpoints). */
  onStep?: (step: number, agent: DqnAgent) => void | Promise<void>;
}

/** Use to train DQN on any DiscreteEnv; same env, options and seed → same weights. */
export async function trainDqn(env: DiscreteEnv, options: TrainDqnOptions): Promise<DqnAgent> {
  const config = options.config ?? defaultDqnConfig;
  const agent = options.agent ?? createDqnAgent(env.observationSize, env.actionCount, options.seed, config);
  const rng = createRng(options.seed * 7919 + (options.startStep ?? 0));
  const buffer: ReplayBuffer = createReplayBuffer(config.bufferSize, env.observationSize);
  const epsilonAt = linearSchedule(config.epsilonStart, config.epsilonEnd, config.explorationFraction * options.totalSteps);
  const episodeSeed = options.episodeSeed ?? ((e: number) => options.seed * 1000 + e);
  let episode = 0;
  let observation = env.reset(episodeSeed(episode));
  let episodeReward = 0;
  let episodeLength = 0;
  let lossSum = 0;
  let lossCount = 0;
  for (let step = options.startStep ?? 0; step < options.totalSteps; step++) {
    const epsilon = epsilonAt(step);
    const action = agent.act(observation, epsilon, rng);
    const r = env.step(action);
    buffer.add(observation, action, r.reward, r.observation, r.done);
    episodeReward += r.reward;
    episodeLength++;
    observation = r.observation;
    if (step >= config.learningStarts && step % config.trainFrequency === 0 && buffer.size >= config.batchSize) {
      lossSum += agent.update(buffer.sample(config.batchSize, rng));
      lossCount++;
    }
    if ((step + 1) % config.targetUpdateInterval === 0) agent.syncTarget();
    if (r.done || r.truncated) {
      options.onEpisode?.({ episode, step: step + 1, reward: episodeReward, length: episodeLength, loss: lossCount ? lossSum / lossCount : null, epsilon });
      episode++;
      observation = env.reset(episodeSeed(episode));
      episodeReward = episodeLength = lossSum = lossCount = 0;
    }
    if (options.onStep) await options.onStep(step + 1, agent);
  }
  return agent;
}
