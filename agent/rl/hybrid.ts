// The hybrid DQN-PPO agent: DQN (dqn.ts's agent and update, unchanged) picks the discrete scaling action every
// decision on the stable base reward; PPO (ppo.ts's agent and update, Gaussian head) picks a continuous headroom
// h ∈ [low, high] from the state every `ppoPeriod` decisions, rewarded by cost and SLA over its window. h sets a
// capacity floor — replicas never go below the observed CPU demand at `floorUtilization` × (1 + h) — so PPO's
// output changes what is scaled. The constrained variant (constrained.ts) adds λ·(violating window) to both
// learners' penalties and the safety layer after the floor.
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Observation } from '../../lib/ports.ts';
import { createDqnAgent, defaultDqnConfig, type DqnAgent, type DqnConfig } from './dqn.ts';
import type { ReplicaAdjuster, ScalingEnv } from './env.ts';
import { createRolloutCollector } from './rollout.ts';
import { createPpoAgent, defaultPpoConfig, updateLogFields, type PpoAgent, type PpoConfig, type PpoUpdateStats } from './ppo.ts';
import { loopRng, nextCheckpointMark, scalarsToStats, statsToScalars, type CheckpointHook, type LoopState } from './loop-state.ts';
import { createReplayBuffer } from './replay-buffer.ts';
import { linearSchedule } from './schedules.ts';

/** Hybrid-specific settings. */
export interface HybridConfig {
  /** Decisions between two PPO choices (8 × 15 s = 2 min). */
  ppoPeriod: number;
  /** Range [low, high] of PPO's continuous headroom h: floor at demand × (1 + h), fraction. */
  headroomRange: number[];
  /** CPU utilisation (of request) the floor sizes for before headroom, fraction. */
  floorUtilization: number;
  dqn: DqnConfig;
  ppo: PpoConfig;
}

export const defaultHybridConfig: HybridConfig = Object.freeze({
  ppoPeriod: 8,
  headroomRange: [0, 1.5],
  floorUtilization: 1.3,
  dqn: defaultDqnConfig,
  ppo: { ...defaultPpoConfig, rolloutSteps: 64, minibatchSize: 32, gamma: 0.9, rewardScale: 0.1 },
}) as HybridConfig;

// ---------------------------------------------------------------- pure helpers

/**
 * The capacity floor of a headroom h, pods: ceil(estimated pods of CPU demand × (1 + h) / floorUtilization), where
 * the demand estimate is rps × (cpuUsageCores / rps) = cpuUsageCores — the observable `rate(container_cpu_usage_
 * seconds_total[1m])` over the pod CPU request (DESIGN.md §2a: no true CPU cost per request). 0 for h < 0 or
 * without data.
 */
export function headroomFloor(o: Observation, headroom: number, floorUtilization: number): number {
  if (headroom < 0 || o.rps === undefined || o.cpuUsageCores === undefined) return 0;
  const requestCores = (o.pods[0]?.cpuRequestMilli ?? 0) / 1000;
  if (!(requestCores > 0)) return 0;
  const podsAtRequest = o.cpuUsageCores / requestCores;
  return Math.min(o.maxReplicas, Math.ceil((podsAtRequest * (1 + headroom)) / floorUtilization - 1e-9));
}

/** The setpoint feature of a headroom: (h − low) / (high − low), in [0, 1]. */
export function setpointFeature(headroom: number, range: readonly number[]): number {
  const span = range[1] - range[0];
  return span > 0 ? Math.min(1, Math.max(0, (headroom - range[0]) / span)) : 0;
}

/** PPO's action applied: clipped to the range (the log-probability stays that of the unclipped draw, as CleanRL). */
export function headroomOf(action: number, range: readonly number[]): number {
  return Math.min(range[1], Math.max(range[0], action));
}

/** Use wherever the hybrid applies its floor (training and the deployed autoscaler). */
export function floorAdjuster(config: HybridConfig, headroom: () => number, after?: ReplicaAdjuster): ReplicaAdjuster {
  return (proposed, current, o) => {
    const floor = headroomFloor(o, headroom(), config.floorUtilization);
    const floored = Math.max(proposed, floor);
    return after ? after(floored, current, o) : { replicas: floored, intervened: false };
  };
}

// ---------------------------------------------------------------- training loop

/** Per-episode scalars of the hybrid (the constrained fields are filled by constrained.ts). */
export interface HybridEpisodeLog extends Partial<Record<keyof PpoUpdateStats, number | null>> {
  episode: number;
  step: number;
  reward: number;
  length: number;
  /** DQN's mean loss over the episode. */
  loss: number | null;
  epsilon: number;
  /** Mean and SD of the headroom PPO applied over the episode (SD > 0: the choice depends on the state). */
  meanHeadroom: number;
  headroomSd: number;
  violationRate: number;
  averageLatencyMs: number;
  interventionRate: number;
  /** PPO's last update loss. */
  ppoLoss?: number | null;
  lambda?: number;
  constraintSatisfied?: boolean;
  margin?: number;
}

/** Hooks the constrained variant uses. */
export interface HybridHooks {
  /** λ: each violating window costs DQN λ and PPO λ·rewardScale (0 without a constraint). */
  lambda?: () => number;
  /** Called at each episode end with the episode's violation rate; may return extra log fields. */
  endEpisode?: (violationRate: number) => Partial<HybridEpisodeLog>;
  /** Applied after the floor (the safety layer). */
  after?: ReplicaAdjuster;
}

/** DQN + PPO of a hybrid agent. */
export interface HybridAgent {
  readonly config: HybridConfig;
  readonly dqn: DqnAgent;
  readonly ppo: PpoAgent;
  dispose(): void;
}

export function createHybridAgent(
  observationSize: number, actionCount: number, seed: number, config: HybridConfig = defaultHybridConfig,
  loaded?: { q: LayersModel; qTarget?: LayersModel; policy: LayersModel; value: LayersModel },
): HybridAgent {
  const dqn = createDqnAgent(observationSize, actionCount, seed, config.dqn, loaded?.q, loaded?.qTarget);
  const ppo = createPpoAgent(observationSize, { kind: 'gaussian', low: config.headroomRange[0], high: config.headroomRange[1] }, seed + 1000, config.ppo, loaded);
  return { config, dqn, ppo, dispose: () => (dqn.dispose(), ppo.dispose()) };
}

/** A window whose violating fraction of requests exceeds this counts as an SLA violation (its P95 > SLA). */
export const VIOLATING_WINDOW_FRACTION = 0.05;

export interface TrainHybridOptions {
  totalSteps: number;
  seed: number;
  config?: HybridConfig;
  agent?: HybridAgent;
  resume?: LoopState;
  episodeSeed?: (episode: number) => number;
  hooks?: HybridHooks;
  /** Extra scalars to checkpoint (λ). */
  scalars?: () => Record<string, number>;
  onEpisode?: (log: HybridEpisodeLog) => void;
  onStep?: (step: number, agent: HybridAgent) => void | Promise<void>;
  checkpoint?: CheckpointHook;
}

/** Use to train the hybrid on the scaling env (which must include the setpoint feature). */
export async function trainHybrid(env: ScalingEnv, options: TrainHybridOptions): Promise<HybridAgent> {
  if (!env.config.observation.includeSetpoint) throw new RangeError('the hybrid needs observation.includeSetpoint = true');
  const agent = options.agent ?? createHybridAgent(env.observationSize, env.actionCount, options.seed, options.config);
  const { config, dqn, ppo } = agent;
  const hooks = options.hooks ?? {};
  const lambda = hooks.lambda ?? (() => 0);
  const range = config.headroomRange;
  const buffer = createReplayBuffer(config.dqn.bufferSize, env.observationSize);
  const collector = createRolloutCollector(env.observationSize, config.ppo.rolloutSteps);
  const start = options.resume?.step ?? 0;
  let lastPpo: PpoUpdateStats | null = null;
  if (options.resume) {
    if (options.resume.buffer) buffer.setState(options.resume.buffer);
    if (options.resume.collector) collector.setState(options.resume.collector);
    dqn.setOptimizerState(options.resume.optimizers.q);
    ppo.setOptimizerState(options.resume.optimizers.ppo);
    lastPpo = scalarsToStats('ppo', options.resume.scalars);
  }
  let rng = loopRng(options.seed, 2, start);
  const epsilonAt = linearSchedule(config.dqn.epsilonStart, config.dqn.epsilonEnd, config.dqn.explorationFraction * options.totalSteps);
  const episodeSeed = options.episodeSeed ?? ((e: number) => options.seed * 1000 + e);
  let mark = options.checkpoint ? nextCheckpointMark(start, options.checkpoint.everySteps) : Infinity;
  let headroom = range[0];
  env.adjuster = floorAdjuster(config, () => headroom, hooks.after);
  const setHeadroom = (o: Float32Array, h: number) => {
    headroom = h;
    env.setpoint = setpointFeature(h, range);
    o[o.length - 1] = env.setpoint;
  };

  let episode = options.resume?.episodes ?? 0;
  let observation = env.reset(episodeSeed(episode));
  const fresh = () => ({ reward: 0, length: 0, loss: 0, losses: 0, headroom: 0, headroomSq: 0, choices: 0, violations: 0, latency: 0, interventions: 0 });
  let ep = fresh();
  let pending: { o: Float32Array; action: number; logProb: number; value: number; reward: number } | null = null;
  for (let step = start; step < options.totalSteps; step++) {
    // ---- slow timescale: PPO picks the headroom every ppoPeriod decisions
    if (ep.length % config.ppoPeriod === 0) {
      if (pending) collector.add(pending.o, pending.action, pending.logProb, pending.value, pending.reward, ppo.stateValue(observation), false, false);
      const choice = ppo.sample(observation, rng);
      const h = headroomOf(choice.action, range);
      setHeadroom(observation, h);
      ep.headroom += h;
      ep.headroomSq += h * h;
      ep.choices++;
      pending = { o: observation.slice(), action: choice.action, logProb: choice.logProb, value: choice.value, reward: 0 };
    }
    // ---- fast timescale: DQN acts on the base reward (− λ per violating window under the constraint)
    const epsilon = epsilonAt(step);
    const action = dqn.act(observation, epsilon, rng);
    const r = env.step(action);
    const info = env.info!;
    const violated = info.terms.violationFraction > VIOLATING_WINDOW_FRACTION;
    const l = lambda();
    buffer.add(observation, action, r.reward - (violated ? l : 0), r.observation, r.done);
    pending!.reward += -(info.terms.sla + info.terms.cost + (violated ? l : 0)) * config.ppo.rewardScale;
    ep.reward += r.reward;
    ep.length++;
    ep.violations += violated ? 1 : 0;
    ep.latency += info.latencyMeanMs;
    ep.interventions += info.intervened ? 1 : 0;
    observation = r.observation;
    if (step >= config.dqn.learningStarts && step % config.dqn.trainFrequency === 0 && buffer.size >= config.dqn.batchSize) {
      ep.loss += dqn.update(buffer.sample(config.dqn.batchSize, rng));
      ep.losses++;
    }
    if ((step + 1) % config.dqn.targetUpdateInterval === 0) dqn.syncTarget();
    const ended = r.done || r.truncated;
    if (ended) {
      collector.add(pending!.o, pending!.action, pending!.logProb, pending!.value, pending!.reward, r.done ? 0 : ppo.stateValue(observation), r.done, true);
      pending = null;
      const violationRate = ep.violations / ep.length;
      const extra = hooks.endEpisode ? hooks.endEpisode(violationRate) : {};
      const mean = ep.headroom / ep.choices;
      const { loss: ppoLoss, ...diagnostics } = updateLogFields(lastPpo, config.ppo);
      options.onEpisode?.({
        episode, step: step + 1, reward: ep.reward, length: ep.length, loss: ep.losses ? ep.loss / ep.losses : null, epsilon,
        meanHeadroom: mean, headroomSd: Math.sqrt(Math.max(0, ep.headroomSq / ep.choices - mean * mean)), violationRate,
        averageLatencyMs: ep.latency / ep.length, interventionRate: ep.interventions / ep.length, ppoLoss, ...diagnostics, ...extra,
      });
      episode++;
      env.setpoint = 0;
      observation = env.reset(episodeSeed(episode));
      ep = fresh();
    }
    if (collector.full) lastPpo = ppo.update(collector.finish(config.ppo.gamma, config.ppo.gaeLambda), rng);
    if (options.onStep) await options.onStep(step + 1, agent);
    if (ended && step + 1 >= mark && step + 1 < options.totalSteps) {
      await options.checkpoint!.save({
        step: step + 1, episodes: episode, buffer: buffer.state(), collector: collector.state(),
        optimizers: { q: dqn.optimizerState(), ppo: ppo.optimizerState() }, scalars: { ...statsToScalars('ppo', lastPpo), ...options.scalars?.() },
      });
      mark = nextCheckpointMark(step + 1, options.checkpoint!.everySteps);
      rng = loopRng(options.seed, 2, step + 1);
    }
  }
  env.adjuster = null;
  return agent;
}
