// Double DQN (van Hasselt et al. 2016) in the CleanRL layout: config and defaults, pure helpers, the update rule,
// then the training loop. Target network with periodic hard sync, uniform replay, linear ε decay, Huber loss,
// gradient clipping by global norm; evaluation acts greedily.
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Rng } from '../../lib/rng.ts';
import type { DiscreteEnv } from './discrete-env.ts';
import { buildMlp, copyWeights, mlpForward, mlpPredictOne } from './mlp.ts';
import { createReplayBuffer, type ReplayBuffer, type TransitionBatch } from './replay-buffer.ts';
import { linearSchedule } from './schedules.ts';
import { loopRng, nextCheckpointMark, type CheckpointHook, type LoopState } from './loop-state.ts';
import { clipByGlobalNorm, createAdam, type OptimizerState } from './optimizer.ts';
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
  /** Adam's moments and step count (for an exact resume). */
  optimizerState(): OptimizerState;
  setOptimizerState(state: OptimizerState): void;
  dispose(): void;
}

/** Use to build a DQN agent; the same seed gives the same initial weights. */
export function createDqnAgent(observationSize: number, actionCount: number, seed: number, config: DqnConfig = defaultDqnConfig, online?: LayersModel, loadedTarget?: LayersModel): DqnAgent {
  const spec = { inputSize: observationSize, hiddenUnits: config.hiddenUnits, outputSize: actionCount, seed };
  const net = online ?? buildMlp({ ...spec, name: 'q' });
  const target = loadedTarget ?? buildMlp({ ...spec, name: 'q_target' });
  if (!loadedTarget) copyWeights(net, target);
  const adam = createAdam(config.learningRate, () => net.trainableWeights.map((w) => w.read() as tf.Variable));
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
        }, adam.variables());
        adam.apply(clipByGlobalNorm(grads, config.maxGradNorm));
        return value.dataSync()[0];
      });
    },
    syncTarget: () => copyWeights(net, target),
    optimizerState: () => adam.state(),
    setOptimizerState: (state) => adam.setState(state),
    dispose() {
      net.dispose();
      target.dispose();
      adam.dispose();
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
  /** The loop state of a checkpoint to continue from (step, replay buffer, optimiser). */
  resume?: LoopState;
  /** Episode seeds; default `seed·1000 + episode` (episode counts from the resumed state's episodes). */
  episodeSeed?: (episode: number) => number;
  onEpisode?: (log: EpisodeLog) => void;
  /** Called every env step (progress). */
  onStep?: (step: number, agent: DqnAgent) => void | Promise<void>;
  checkpoint?: CheckpointHook;
}

/** Use to train DQN on any DiscreteEnv; same env, options and seed → same weights, with or without resumes. */
export async function trainDqn(env: DiscreteEnv, options: TrainDqnOptions): Promise<DqnAgent> {
  const config = options.config ?? defaultDqnConfig;
  const agent = options.agent ?? createDqnAgent(env.observationSize, env.actionCount, options.seed, config);
  const buffer: ReplayBuffer = createReplayBuffer(config.bufferSize, env.observationSize);
  const start = options.resume?.step ?? 0;
  if (options.resume) {
    if (options.resume.buffer) buffer.setState(options.resume.buffer);
    agent.setOptimizerState(options.resume.optimizers.q);
  }
  let rng = loopRng(options.seed, 0, start);
  const epsilonAt = linearSchedule(config.epsilonStart, config.epsilonEnd, config.explorationFraction * options.totalSteps);
  const episodeSeed = options.episodeSeed ?? ((e: number) => options.seed * 1000 + e);
  let episode = options.resume?.episodes ?? 0;
  let mark = options.checkpoint ? nextCheckpointMark(start, options.checkpoint.everySteps) : Infinity;
  let observation = env.reset(episodeSeed(episode));
  let episodeReward = 0;
  let episodeLength = 0;
  let lossSum = 0;
  let lossCount = 0;
  for (let step = start; step < options.totalSteps; step++) {
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
    const ended = r.done || r.truncated;
    if (ended) {
      options.onEpisode?.({ episode, step: step + 1, reward: episodeReward, length: episodeLength, loss: lossCount ? lossSum / lossCount : null, epsilon });
      episode++;
      observation = env.reset(episodeSeed(episode));
      episodeReward = episodeLength = lossSum = lossCount = 0;
    }
    if (options.onStep) await options.onStep(step + 1, agent);
    // ---- checkpoint at the first episode end after each mark; the generator restarts from (seed, step)
    if (ended && step + 1 >= mark && step + 1 < options.totalSteps) {
      await options.checkpoint!.save({ step: step + 1, episodes: episode, buffer: buffer.state(), optimizers: { q: agent.optimizerState() }, scalars: {} });
      mark = nextCheckpointMark(step + 1, options.checkpoint!.everySteps);
      rng = loopRng(options.seed, 0, step + 1);
    }
  }
  return agent;
}
