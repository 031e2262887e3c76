// The scaling environment over the realistic plant: one decision every 15 s of simulated time, the encoded
// 12(+extras)-dimension observation, a discrete action set, and the base reward from the plant's real metrics.
import type { Observation } from '../../lib/ports.ts';
import { defaultPlantConfig, type PlantConfig } from '../../sim/config.ts';
import { createPlant, type Plant } from '../../sim/plant.ts';
import { createRng } from '../../lib/rng.ts';
import type { TraceLoader } from '../../workloads/index.ts';
import { ACTION_SETS, applyAction, type ActionSetName, type ScalingAction } from './actions.ts';
import type { DiscreteEnv, EnvStep } from './discrete-env.ts';
import { defaultEpisodeConfig, episodeWorkload, type EpisodeConfig } from './episode-sampler.ts';
import { createObservationEncoder, defaultObservationConfig, type ObservationConfig, type ObservationEncoder } from './observation-encoder.ts';
import { computeReward, defaultRewardConfig, type DecisionWindow, type RewardConfig, type RewardTerms } from './reward.ts';

/** Everything the environment needs. */
export interface EnvConfig {
  /** Simulated seconds between two decisions. */
  decisionPeriodSeconds: number;
  actionSet: ActionSetName;
  observation: ObservationConfig;
  /** Reward weights; slaLatencyMs and maxReplicas are taken from the plant. */
  reward: RewardConfig;
  episodes: EpisodeConfig;
  plant: PlantConfig;
  /** Domain randomisation: plant parameters drawn per episode from the episode seed; null = the plant as given. */
  randomisation: PlantRandomisation | null;
}

/**
 * Per-episode plant draws: service time, CPU per request and start-up time each × U(1 − spread, 1 + spread);
 * the metrics lags (Prometheus query age, metrics-server lag) uniform in [0, max].
 */
export interface PlantRandomisation {
  /** Relative half-width of the multiplicative draws, fraction (0.3 = ±30 %). */
  relativeSpread: number;
  /** Upper bound of prometheusLagSeconds, seconds (< the Prometheus window). */
  prometheusLagMaxSeconds: number;
  /** Upper bound of metricsLagSeconds, seconds (< the metrics-server resolution). */
  metricsLagMaxSeconds: number;
}

/** The plant of one episode under `r` (pure: draws from the episode seed). CPU time at the limit never exceeds the service time. */
export function randomisePlant(plant: PlantConfig, r: PlantRandomisation | null, seed: number): PlantConfig {
  if (r === null) return plant;
  const rng = createRng(seed).fork(0x5eed);
  const f = () => 1 + r.relativeSpread * (2 * rng.next() - 1);
  const cpuPerRequestCoreSeconds = plant.cpuPerRequestCoreSeconds * f();
  const cpuMs = (1000 * cpuPerRequestCoreSeconds) / (plant.cpuLimitMilli / 1000);
  const baseServiceTimeMs = Math.max(cpuMs, plant.baseServiceTimeMs * f());
  const startupMedianSeconds = plant.startupMedianSeconds * f();
  const prometheusLagSeconds = Math.round(rng.next() * r.prometheusLagMaxSeconds);
  const metricsLagSeconds = Math.round(rng.next() * r.metricsLagMaxSeconds);
  return { ...plant, cpuPerRequestCoreSeconds, baseServiceTimeMs, startupMedianSeconds, prometheusLagSeconds, metricsLagSeconds };
}

export const defaultEnvConfig: EnvConfig = Object.freeze({
  decisionPeriodSeconds: 15,
  actionSet: 'thesis-3',
  observation: defaultObservationConfig,
  reward: defaultRewardConfig,
  episodes: defaultEpisodeConfig,
  /** The default plant with Poisson arrivals (as the standard experiment runs it). */
  plant: { ...defaultPlantConfig, poissonArrivals: true },
  randomisation: null,
}) as EnvConfig;

/** A replica override applied after the agent's action (the hybrid's floor, the safety layer). */
export type ReplicaAdjuster = (proposed: number, current: number, observation: Observation) => { replicas: number; intervened: boolean };

/** Diagnostics of the last step. */
export interface StepInfo {
  terms: RewardTerms;
  window: DecisionWindow;
  replicas: number;
  /** Mean latency of the window's successful requests, ms. */
  latencyMeanMs: number;
  /** The adjuster changed the agent's proposal. */
  intervened: boolean;
}

/** The environment plus what the hybrid and the constrained agent need. */
export interface ScalingEnv extends DiscreteEnv {
  readonly config: EnvConfig;
  readonly actions: readonly ScalingAction[];
  /** The observation the next action will be decided on. */
  readonly lastObservation: Observation;
  readonly info: StepInfo | undefined;
  /** Feature value of the hybrid's setpoint (used when observation.includeSetpoint). */
  setpoint: number;
  adjuster: ReplicaAdjuster | null;
}

/** Use to train or evaluate an RL agent on the simulator; `reset(seed)` picks the episode's workload. */
export function createScalingEnv(config: EnvConfig = defaultEnvConfig, io: { loadTrace?: TraceLoader } = {}): ScalingEnv {
  const actions: readonly ScalingAction[] = ACTION_SETS[config.actionSet];
  if (!actions) throw new RangeError(`actionSet = ${JSON.stringify(config.actionSet)}, expected one of ${Object.keys(ACTION_SETS).join(', ')}`);
  const reward: RewardConfig = { ...config.reward, slaLatencyMs: config.plant.slaLatencyMs, maxReplicas: config.plant.maxReplicas };
  const encoder: ObservationEncoder = createObservationEncoder(config.observation);
  const ticksPerDecision = Math.round(config.decisionPeriodSeconds / config.plant.tickSeconds);
  let plant: Plant;
  let duration = 0;
  let observation: Observation;
  let info: StepInfo | undefined;
  const window: DecisionWindow = { durationSeconds: 0, requests: 0, failedRequests: 0, slowRequests: 0, latencySumMs: 0, costUsd: 0, meanAllocatedPods: 0, readyCpuUtilization: 0 };

  function advance(): void {
    let used = 0, requested = 0, pods = 0;
    window.durationSeconds = window.requests = window.failedRequests = window.slowRequests = window.latencySumMs = window.costUsd = 0;
    for (let k = 0; k < ticksPerDecision; k++) {
      const s = plant.step(config.plant.tickSeconds);
      window.durationSeconds += s.durationSeconds;
      window.requests += s.requests;
      window.failedRequests += s.failedRequests;
      window.slowRequests += s.slowRequests;
      window.latencySumMs += s.latencySumMs;
      window.costUsd += s.costUsd;
      used += s.readyCpuUsedCoreSeconds;
      requested += s.readyCpuRequestedCoreSeconds;
      pods += s.allocatedPods;
    }
    window.meanAllocatedPods = pods / ticksPerDecision;
    window.readyCpuUtilization = requested > 0 ? used / requested : 0;
    observation = plant.observe();
  }

  const env: ScalingEnv = {
    config,
    actions,
    observationSize: encoder.size,
    actionCount: actions.length,
    setpoint: 0,
    adjuster: null,
    get lastObservation() {
      return observation;
    },
    get info() {
      return info;
    },
    reset(seed) {
      const workload = episodeWorkload(seed, config.episodes, io.loadTrace);
      plant = createPlant(randomisePlant(config.plant, config.randomisation ?? null, seed), workload, seed);
      duration = Math.min(workload.durationSeconds, config.episodes.durationSeconds);
      encoder.reset();
      info = undefined;
      advance();
      return encoder.encode(observation, env.setpoint);
    },
    step(action): EnvStep {
      const before = observation;
      const current = before.specReplicas;
      const proposed = applyAction(actions[action], current, before.minReplicas, before.maxReplicas);
      const adjusted = env.adjuster ? env.adjuster(proposed, current, before) : { replicas: proposed, intervened: false };
      const replicas = Math.min(before.maxReplicas, Math.max(before.minReplicas, adjusted.replicas));
      plant.setReplicas(replicas);
      advance();
      const terms = computeReward(window, replicas < current, before.latencyP95Ms, reward);
      const successful = window.requests - window.failedRequests;
      info = { terms, window: { ...window }, replicas, latencyMeanMs: successful > 0 ? window.latencySumMs / successful : 0, intervened: adjusted.intervened };
      const truncated = plant.nowSeconds + config.decisionPeriodSeconds > duration + 1e-9;
      return { observation: encoder.encode(observation, env.setpoint), reward: terms.total, done: false, truncated };
    },
  };
  return env;
}
