// The hybrid DQN-PPO agent: DQN (dqn.ts's agent and update, unchanged) picks the discrete scaling action every
// decision on the stable base reward; PPO (ppo.ts's agent and update) picks a headroom level every `ppoPeriod`
// decisions, rewarded by cost and SLA over its window. The level sets a capacity floor — replicas never go below
// what the current load needs at `floorUtilization` × (1 + headroom) — so PPO's output changes what is scaled.
// The constrained variant (constrained.ts) plugs a Lagrangian reward and the safety layer into this loop.
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Observation } from '../../lib/ports.ts';
import { createRng } from '../../lib/rng.ts';
import { createDqnAgent, defaultDqnConfig, type DqnAgent, type DqnConfig } from './dqn.ts';
import type { ReplicaAdjuster, ScalingEnv } from './env.ts';
import { createPpoAgent, createRolloutCollector, defaultPpoConfig, type PpoAgent, type PpoConfig } from './ppo.ts';
import { createReplayBuffer } from './replay-buffer.ts';
import { linearSchedule } from './schedules.ts';

/** Hybrid-specific settings. */
export interface HybridConfig {
  /** Decisions between two PPO choices (8 × 15 s = 2 min). */
  ppoPeriod: number;
  /** Headroom levels PPO chooses from; −1 = no floor, h ≥ 0 = floor at load × (1 + h). */
  headroomLevels: number[];
  /** CPU utilisation (of request) the floor sizes for before headroom, fraction. */
  floorUtilization: number;
  dqn: DqnConfig;
  ppo: PpoConfig;
}

export const defaultHybridConfig: HybridConfig = Object.freeze({
  ppoPeriod: 8,
  headroomLevels: [-1, 0, 0.25, 0.5, 1],
  floorUtilization: 1.3,
  dqn: defaultDqnConfig,
  ppo: { ...defaultPpoConfig, rolloutSteps: 64, minibatchSize: 32, gamma: 0.9, rewardScale: 0.1 },
}) as HybridConfig;

// ---------------------------------------------------------------- pure helpers

/**
 * The capacity floor of a headroom level, pods: ceil(rps × cpu per request / pod CPU request × (1 + h) /
 * floorUtilization); 0 for the "no floor" level (h < 0) or without load data.
 */
export function headroomFloor(o: Observation, headroom: number, floorUtilization: number): number {
  if (headroom < 0 || o.rps === undefined || o.cpuPerRequestCoreSeconds === undefined) return 0;
  const requestCores = (o.pods[0]?.cpuRequestMilli ?? 0) / 1000;
  if (!(requestCores > 0)) return 0;
  const podsAtRequest = (o.rps * o.cpuPerRequestCoreSeconds) / requestCores;
  return Math.min(o.maxReplicas, Math.ceil((podsAtRequest * (1 + headroom)) / floorUtilization - 1e-9));
}

/** The setpoint feature of a level index: index / (levels − 1), in [0, 1]. */
export function setpointFeature(levelIndex: number, levels: number): number {
  return levels > 1 ? levelIndex / (levels - 1) : 0;
}

/** Use wherever the hybrid applies its floor (training and the deployed autoscaler). */
export function floorAdjuster(config: HybridConfig, level: () => number, after?: ReplicaAdjuster): ReplicaAdjuster {
  return (proposed, current, o) => {
    const floor = headroomFloor(o, config.headroomLevels[level()], config.floorUtilization);
    const floored = Math.max(proposed, floor);
    return after ? after(floored, current, o) : { replicas: floored, intervened: false };
  };
}

// ---------------------------------------------------------------- training loop

/** Per-episode scalars of the hybrid (the constrained fields are filled by constrained.ts). */
export interface HybridEpisodeLog {
  episode: number;
  step: number;
  reward: number;
  length: number;
  loss: number | null;
  epsilon: number;
  /** Mean headroom level chosen by PPO over the episode. */
  meanHeadroom: number;
  violationRate: number;
  averageLatencyMs: number;
  interventionRate: number;
  lambda?: number;
  constraintSatisfied?: boolean;
  margin?: number;
}

/** Hooks the constrained variant uses. */
export interface HybridHooks {
  /** Reward DQN learns from, given the base reward and whether the window violated the SLA. */
  shapeReward?: (baseReward: number, violated: boolean) => number;
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
  loaded?: { q: LayersModel; policy: LayersModel; value: LayersModel },
): HybridAgent {
  const dqn = createDqnAgent(observationSize, actionCount, seed, config.dqn, loaded?.q);
  const ppo = createPpoAgent(observationSize, config.headroomLevels.length, seed + 1000, config.ppo, loaded);
  return { config, dqn, ppo, dispose: () => (dqn.dispose(), ppo.dispose()) };
}

/** A window whose violating fraction of requests exceeds this counts as an SLA violation (its P95 > SLA). */
export const VIOLATING_WINDOW_FRACTION = 0.05;

export interface TrainHybridOptions {
  totalSteps: number;
  seed: number;
  config?: HybridConfig;
  agent?: HybridAgent;
  startStep?: number;
  episodeSeed?: (episode: number) => number;
  hooks?: HybridHooks;
  onEpisode?: (log: HybridEpisodeLog) => void;
  onStep?: (step: number, agent: HybridAgent) => void | Promise<void>;
}

/** Use to train the hybrid on the scaling env (which must include the setpoint feature). */
export async function trainHybrid(env: ScalingEnv, options: TrainHybridOptions): Promise<HybridAgent> {
  if (!env.config.observation.includeSetpoint) throw new RangeError('the hybrid needs observation.includeSetpoint = true');
  const agent = options.agent ?? createHybridAgent(env.observationSize, env.actionCount, options.seed, options.config);
  const { config, dqn, ppo } = agent;
  const hooks = options.hooks ?? {};
  const levels = config.headroomLevels.length;
  const rng = createRng(options.seed * 7919 + 2 + (options.startStep ?? 0));
  const buffer = createReplayBuffer(config.dqn.bufferSize, env.observationSize);
  const collector = createRolloutCollector(env.observationSize, config.ppo.rolloutSteps);
  const epsilonAt = linearSchedule(config.dqn.epsilonStart, config.dqn.epsilonEnd, config.dqn.explorationFraction * options.totalSteps);
  const episodeSeed = options.episodeSeed ?? ((e: number) => options.seed * 1000 + e);
  let level = 0;
  let intervened = 0;
  env.adjuster = floorAdjuster(config, () => level, hooks.after);
  const setLevel = (o: Float32Array, index: number) => {
    level = index;
    env.setpoint = setpointFeature(index, levels);
    o[o.length - 1] = env.setpoint;
  };

  let episode = 0;
  let observation = env.reset(episodeSeed(episode));
  let ep = { reward: 0, length: 0, loss: 0, losses: 0, headroom: 0, violations: 0, latency: 0, interventions: 0 };
  let pending: { o: Float32Array; action: number; logProb: number; value: number; reward: number } | null = null;
  for (let step = options.startStep ?? 0; step < options.totalSteps; step++) {
    // ---- slow timescale: PPO picks the headroom level every ppoPeriod decisions
    if (ep.length % config.ppoPeriod === 0) {
      if (pending) collector.add(pending.o, pending.action, pending.logProb, pending.value, pending.reward, ppo.stateValue(observation), false, false);
      const choice = ppo.sample(observation, rng);
      setLevel(observation, choice.action);
      pending = { o: observation.slice(), action: choice.action, logProb: choice.logProb, value: choice.value, reward: 0 };
    }
    // ---- fast timescale: DQN acts on the base reward (shaped by the constraint when present)
    const epsilon = epsilonAt(step);
    const action = dqn.act(observation, epsilon, rng);
    const r = env.step(action);
    const info = env.info!;
    const violated = info.terms.violationFraction > VIOLATING_WINDOW_FRACTION;
    const reward = hooks.shapeReward ? hooks.shapeReward(r.reward, violated) : r.reward;
    buffer.add(observation, action, reward, r.observation, r.done);
    pending!.reward += -(info.terms.sla + info.terms.cost) * config.ppo.rewardScale;
    ep.reward += r.reward;
    ep.length++;
    ep.headroom += config.headroomLevels[level];
    ep.violations += violated ? 1 : 0;
    ep.latency += info.latencyMeanMs;
    ep.interventions += info.intervened ? 1 : 0;
    intervened += info.intervened ? 1 : 0;
    observation = r.observation;
    if (step >= config.dqn.learningStarts && step % config.dqn.trainFrequency === 0 && buffer.size >= config.dqn.batchSize) {
      ep.loss += dqn.update(buffer.sample(config.dqn.batchSize, rng));
      ep.losses++;
    }
    if ((step + 1) % config.dqn.targetUpdateInterval === 0) dqn.syncTarget();
    if (r.done || r.truncated) {
      collector.add(pending!.o, pending!.action, pending!.logProb, pending!.value, pending!.reward, r.done ? 0 : ppo.stateValue(observation), r.done, true);
      pending = null;
      const violationRate = ep.violations / ep.length;
      const extra = hooks.endEpisode ? hooks.endEpisode(violationRate) : {};
      options.onEpisode?.({
        episode, step: step + 1, reward: ep.reward, length: ep.length, loss: ep.losses ? ep.loss / ep.losses : null, epsilon,
        meanHeadroom: ep.headroom / ep.length, violationRate, averageLatencyMs: ep.latency / ep.length, interventionRate: ep.interventions / ep.length, ...extra,
      });
      episode++;
      env.setpoint = 0;
      observation = env.reset(episodeSeed(episode));
      ep = { reward: 0, length: 0, loss: 0, losses: 0, headroom: 0, violations: 0, latency: 0, interventions: 0 };
    }
    if (collector.full) ppo.update(collector.finish(config.ppo.gamma, config.ppo.gaeLambda), rng);
    if (options.onStep) await options.onStep(step + 1, agent);
  }
  env.adjuster = null;
  return agent;
}
