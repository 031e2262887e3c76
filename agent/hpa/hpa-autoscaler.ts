// The HPA controller loop for one HPA object, as an Autoscaler: each decide() is one reconcile
// (pre-checks, per-metric proposals, normalize), keeping recommendations and scale events between calls.
import type { Autoscaler, Decision, Observation, PodView } from '../../lib/ports.ts';
import type { CalculatorConstants, CalculatorMetric, CalculatorPod, Tolerances } from './calculator-types.ts';
import { HpaCalculationError } from './calculator-types.ts';
import type { HpaConfig, HpaMetricSpec } from './hpa-config.ts';
import { defaultHpaConfig } from './hpa-config.ts';
import { combineMetricProposals, type MetricProposal } from './metric-proposals.ts';
import { normalizeReplicas } from './normalize.ts';
import { calculateReplicas } from './replica-calculator.ts';
import { storeScaleEvent, type ScaleEventLog } from './scale-events.ts';
import type { TimestampedRecommendation } from './stabilization.ts';

// Every field is set (absent ones explicitly undefined, which the calculator treats as absent): one object shape
// keeps the calculator's property reads monomorphic.
function toCalculatorPod(pod: PodView, resource: 'cpu' | 'memory'): CalculatorPod {
  const cpu = resource === 'cpu';
  return {
    name: pod.name,
    phase: pod.phase,
    deleting: pod.deleting,
    requestMilli: cpu ? pod.cpuRequestMilli : pod.memoryRequestMiB,
    ready: pod.ready,
    startTimeSeconds: pod.startTimeSeconds,
    readyTransitionTimeSeconds: pod.readyTransitionTimeSeconds,
    usageMilli: cpu ? pod.cpuUsageMilli : pod.memoryUsageMiB,
    metricTimestampSeconds: pod.metricTimestampSeconds,
    metricWindowSeconds: pod.metricWindowSeconds,
  };
}

function externalValue(obs: Observation, source: 'rps' | 'inFlight'): number | undefined {
  const v = obs[source];
  return v === undefined ? undefined : Math.round(v * 1000);
}

/** The scale subresource's status.replicas: pods that exist and are not terminated. */
function statusReplicas(obs: Observation): number {
  return obs.pods.filter((p) => !p.deleting && p.phase !== 'Succeeded' && p.phase !== 'Failed').length;
}

/** Per-direction tolerances: the flag, overridden by behavior.scaleUp/scaleDown.tolerance (upstream tolerancesForHpa). */
function tolerancesFor(config: HpaConfig): Tolerances {
  return {
    scaleUp: config.behavior?.scaleUp?.tolerance ?? config.tolerance,
    scaleDown: config.behavior?.scaleDown?.tolerance ?? config.tolerance,
  };
}

/** The calculator constants of one autoscaler (built once: the config is a private copy, fixed after creation). */
function constantsFor(config: HpaConfig): CalculatorConstants {
  return {
    tolerance: tolerancesFor(config),
    cpuInitializationPeriodSeconds: config.cpuInitializationPeriodSeconds,
    initialReadinessDelaySeconds: config.initialReadinessDelaySeconds,
    defaultMetricWindowSeconds: config.defaultMetricWindowSeconds,
  };
}

function proposalFor(spec: HpaMetricSpec, obs: Observation, constants: CalculatorConstants, specReplicas: number): MetricProposal {
  try {
    let metric: CalculatorMetric;
    let pods: CalculatorPod[];
    if (spec.type === 'Resource') {
      metric = spec;
      pods = obs.pods.map((p) => toCalculatorPod(p, spec.name));
    } else {
      const valueMilli = externalValue(obs, spec.source);
      if (valueMilli === undefined) return { invalidReason: 'FailedGetExternalMetric', message: `no value for ${spec.source}` };
      metric = { type: 'External', valueMilli, targetValueMilli: spec.targetValueMilli, targetAverageValueMilli: spec.targetAverageValueMilli };
      pods = obs.pods.map((p) => toCalculatorPod(p, 'cpu'));
    }
    // Average-value Object/External targets divide by the status replica count (non-terminated pods), as upstream.
    const perPod = spec.type === 'External' && spec.targetAverageValueMilli !== undefined;
    const currentReplicas = perPod ? statusReplicas(obs) : specReplicas;
    const result = calculateReplicas({ nowSeconds: obs.nowSeconds, currentReplicas, metric, pods, constants });
    return { replicas: result.replicas };
  } catch (err) {
    if (err instanceof HpaCalculationError) return { invalidReason: err.reason, message: err.message };
    throw err;
  }
}

/**
 * Use to run the upstream HPA in a simulation or experiment; one instance per run (it keeps controller state).
 * Decision reasons: ScaleUp, ScaleDown, Hold; the ScalingLimited reasons ScaleUpLimit, ScaleDownLimit,
 * TooManyReplicas, TooFewReplicas; ScaleUpStabilized / ScaleDownStabilized (held by a stabilization window);
 * AboveMaxReplicas / BelowMinReplicas (the controller's pre-checks); ScalingDisabled (0 replicas, min > 0); and,
 * when metrics fail and the controller would not scale, the first failing metric's reason (FailedGetResourceMetric,
 * FailedGetExternalMetric, ...).
 */
export function createHpaAutoscaler(config: Partial<HpaConfig> = {}, name = 'hpa'): Autoscaler {
  const cfg: HpaConfig = { ...defaultHpaConfig, ...config };
  let recommendations: TimestampedRecommendation[] | null = cfg.recordInitialRecommendation ? null : [];
  let events: ScaleEventLog = { scaleUp: [], scaleDown: [] };
  const constants = constantsFor(cfg);

  function decide(obs: Observation): Decision {
    const now = obs.nowSeconds;
    const current = obs.specReplicas;
    const minReplicas = cfg.minReplicas ?? obs.minReplicas;
    const maxReplicas = cfg.maxReplicas ?? obs.maxReplicas;
    let desired: number;
    let reason: string;

    if (recommendations === null) recommendations = [{ timestampSeconds: now, replicas: current }]; // recordInitialRecommendation
    if (current === 0 && minReplicas !== 0) return { replicas: 0, reason: 'ScalingDisabled' };
    if (current > maxReplicas) {
      desired = maxReplicas;
      reason = 'AboveMaxReplicas';
    } else if (current < minReplicas) {
      desired = minReplicas;
      reason = 'BelowMinReplicas';
    } else {
      const proposals = cfg.metrics.map((spec) => proposalFor(spec, obs, constants, current));
      const combined = combineMetricProposals(proposals, current);
      if (combined.replicas === null) return { replicas: current, reason: combined.invalidReason ?? 'FailedComputeMetricsReplicas' };
      const normalized = normalizeReplicas({
        nowSeconds: now,
        currentReplicas: current,
        desiredReplicas: combined.replicas,
        minReplicas,
        maxReplicas,
        behavior: cfg.behavior,
        recommendations,
        scaleUpEvents: events.scaleUp,
        scaleDownEvents: events.scaleDown,
        downscaleStabilizationWindowSeconds: cfg.downscaleStabilizationWindowSeconds,
        scaleUpLimitFactor: cfg.scaleUpLimitFactor,
        scaleUpLimitMinimum: cfg.scaleUpLimitMinimum,
      });
      recommendations = normalized.recommendations;
      desired = normalized.replicas;
      if (normalized.reason !== 'DesiredWithinRange') reason = normalized.reason;
      else if (normalized.stabilizationReason !== 'ReadyForNewScale' && desired === current) reason = normalized.stabilizationReason;
      else reason = desired > current ? 'ScaleUp' : desired < current ? 'ScaleDown' : 'Hold';
    }
    if (desired !== current) {
      events = storeScaleEvent(events, cfg.behavior, current, desired, now, cfg.downscaleStabilizationWindowSeconds);
    }
    return { replicas: desired, reason };
  }

  return { name, periodSeconds: cfg.syncPeriodSeconds, decide };
}
