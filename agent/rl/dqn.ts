// Double DQN (van Hasselt et al. 2016) in the CleanRL layout: config and defaults, pure helpers, the update rule,
// then the training loop. Target network with periodic hard sync, uniform replay, linear ε decay, Huber loss,
// gradient clipping by global norm; evaluation acts greedily.
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Rng } from '../../lib/rng.ts';
import type { DiscreteEnv } from './discrete-env.ts';
import { buildMlp, copyWeights, mlpForward, mlpPredictBatch, mlpPredictOne } from './mlp.ts';
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
  /**
   * Environments stepped together (vectorised, one batched inference per vector step). With more than one, one
   * gradient update per vector step in which an env-step count divisible by trainFrequency falls (CleanRL's
   * vectorised semantics: fewer updates per env step).
   */
  numEnvs: number;
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
  numEnvs: 1,
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
  /** Q values of n observations (row-major), n × actions. */
  qBatch(observations: Float32Array, n: number): Float32Array;
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
  // A transferred network's frozen layers are frozen in the target too (it only ever receives copies of them).
  target.layers.forEach((layer, i) => (layer.trainable = net.layers[i].trainable));
  const adam = createAdam(config.learningRate, () => net.trainableWeights.map((w) => w.read() as tf.Variable));
  const qValues = (observation: Float32Array): Float32Array => mlpPredictOne(net, observation);
  return {
    config,
    online: net,
    target,
    qValues,
    qBatch: (o, n) => mlpPredictBatch(net, o, n),
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

/** Use to train DQN on one DiscreteEnv or several stepped together (config.numEnvs of them); same envs, options
 *  and seed → same weights, with or without resumes. */
export async function trainDqn(env: DiscreteEnv | DiscreteEnv[], options: TrainDqnOptions): Promise<DqnAgent> {
  const config = options.config ?? defaultDqnConfig;
  const envs = Array.isArray(env) ? env : [env];
  const n = envs.length;
  const d = envs[0].observationSize;
  const agent = options.agent ?? createDqnAgent(d, envs[0].actionCount, options.seed, config);
  const buffer: ReplayBuffer = createReplayBuffer(config.bufferSize, d);
  const start = options.resume?.step ?? 0;
  if (options.resume) {
    if (options.resume.buffer) buffer.setState(options.resume.buffer);
    agent.setOptimizerState(options.resume.optimizers.q);
  }
  let rng = loopRng(options.seed, 0, start);
  const epsilonAt = linearSchedule(config.epsilonStart, config.epsilonEnd, config.explorationFraction * options.totalSteps);
  const episodeSeed = options.episodeSeed ?? ((e: number) => options.seed * 1000 + e);
  let episode = options.resume?.episodes ?? 0; // episodes finished; env i runs episode `index[i]`
  let nextEpisode = episode;
  const index = envs.map(() => nextEpisode++);
  let mark = options.checkpoint ? nextCheckpointMark(start, options.checkpoint.everySteps) : Infinity;
  const obs = new Float32Array(n * d);
  envs.forEach((e, i) => obs.set(e.reset(episodeSeed(index[i])), i * d));
  const ep = envs.map(() => ({ reward: 0, length: 0 }));
  // Losses of updates since the last episode end (the update of an episode's last step counts for the next one).
  let lossSum = options.resume?.scalars.lossSum ?? 0;
  let lossCount = options.resume?.scalars.lossCount ?? 0;
  const crosses = (from: number, every: number) => Math.floor((from + n - 1) / every) > Math.floor((from - 1) / every);
  for (let step = start; step < options.totalSteps; step += n) {
    const epsilon = epsilonAt(step);
    // ---- act: one batched forward pass, ε-greedy per env
    const q = n > 1 ? agent.qBatch(obs, n) : agent.qValues(obs);
    const actionCount = q.length / n;
    let ended = 0;
    for (let i = 0; i < n; i++) {
      const action = rng.next() < epsilon ? Math.floor(rng.next() * actionCount) : argMax(q.subarray(i * actionCount, (i + 1) * actionCount));
      const o = obs.subarray(i * d, (i + 1) * d);
      const r = envs[i].step(action);
      buffer.add(o, action, r.reward, r.observation, r.done);
      ep[i].reward += r.reward;
      ep[i].length++;
      if (r.done || r.truncated) {
        ended++;
        options.onEpisode?.({ episode: index[i], step: step + i + 1, reward: ep[i].reward, length: ep[i].length, loss: lossCount ? lossSum / lossCount : null, epsilon });
        episode++;
        index[i] = nextEpisode++;
        obs.set(envs[i].reset(episodeSeed(index[i])), i * d);
        ep[i] = { reward: 0, length: 0 };
        if (n === 1) lossSum = lossCount = 0;
      } else {
        obs.set(r.observation, i * d);
      }
    }
    if (n > 1 && ended === n) lossSum = lossCount = 0;
    // ---- learn: one update per vector step that reaches a multiple of trainFrequency (every trainFrequency steps when n = 1)
    if (step >= config.learningStarts && crosses(step, config.trainFrequency) && buffer.size >= config.batchSize) {
      lossSum += agent.update(buffer.sample(config.batchSize, rng));
      lossCount++;
    }
    if (crosses(step + 1, config.targetUpdateInterval)) agent.syncTarget();
    if (options.onStep) await options.onStep(step + n, agent);
    // ---- checkpoint at the first step where every env ended its episode after each mark; the generator restarts
    if (ended === n && step + n >= mark && step + n < options.totalSteps) {
      await options.checkpoint!.save({ step: step + n, episodes: episode, buffer: buffer.state(), optimizers: { q: agent.optimizerState() }, scalars: { lossSum, lossCount } });
      mark = nextCheckpointMark(step + n, options.checkpoint!.everySteps);
      rng = loopRng(options.seed, 0, step + n);
    }
  }
  return agent;
}
