// A predictive scaler: Holt's linear-trend forecast of the request rate over the next minutes, plus headroom,
// divided by what one pod serves. Scales up at once to the forecast's peak; scales down only to the highest
// recommendation of the last stabilization window (as the HPA does), so a dip in the forecast does not flap.
// Reason codes: ScaleUp, ScaleDown, Hold, ScaleDownStabilized, NoMetrics, NoCapacityEstimate.
import type { Autoscaler, Decision, Observation } from '../../lib/ports.ts';
import { readParams, type ParamRule } from './params.ts';
import { clampReplicas, hold } from './replicas.ts';
import { holtForecast, holtUpdate, type HoltState } from './holt.ts';

/** Parameters of the predictive scaler. */
export interface PredictiveConfig {
  /** Holt level smoothing α, fraction in (0, 1] (default 0.5). */
  alpha: number;
  /** Holt trend smoothing β, fraction in [0, 1] (default 0.3). */
  beta: number;
  /** How far ahead to provision: the forecast's peak over [now, now + this], seconds (default 120). */
  horizonSeconds: number;
  /** Extra capacity over the forecast, fraction (default 0.4: pods run at ≈ 71 % of their CPU request). */
  headroom: number;
  /**
   * Requests/s one pod serves at 100 % of its CPU request; null = estimate it from observable rates as
   * cpu request / (cpuUsageCores / rps), both `rate(…[1m])` with the same lag, smoothed over decisions (default null).
   */
  capacityPerPodRps: number | null;
  /** Scale down only to the highest recommendation of this window, seconds (default 300). */
  scaleDownStabilizationSeconds: number;
  /** Decision period, seconds (default 15, one Prometheus scrape). */
  periodSeconds: number;
}

export const defaultPredictiveConfig: PredictiveConfig = Object.freeze({
  alpha: 0.5,
  beta: 0.3,
  horizonSeconds: 120,
  headroom: 0.4,
  capacityPerPodRps: null,
  scaleDownStabilizationSeconds: 300,
  periodSeconds: 15,
});

const rules: { [K in keyof PredictiveConfig]: ParamRule } = {
  alpha: { kind: 'number', positive: true, max: 1 },
  beta: { kind: 'number', max: 1 },
  horizonSeconds: { kind: 'number' },
  headroom: { kind: 'number' },
  capacityPerPodRps: { kind: 'number', positive: true, nullable: true },
  scaleDownStabilizationSeconds: { kind: 'number' },
  periodSeconds: { kind: 'number', positive: true },
};

/** Validates JSON parameters (defaults filled in); throws AutoscalerSpecError naming the field. */
export function parsePredictiveConfig(params: Record<string, unknown>): PredictiveConfig {
  return readParams(params, defaultPredictiveConfig, rules);
}

/** Weight of the newest CPU-per-request sample in the running estimate (an EWMA over decisions). */
export const CPU_PER_REQUEST_SMOOTHING = 0.2;

/**
 * The observable CPU cost of one request, core-seconds: `rate(container_cpu_usage_seconds_total[1m]) /
 * rate(requests[1m])`; undefined without load or CPU data. Start-up CPU of warming pods counts too, as on a real
 * cluster.
 */
export function cpuPerRequestSample(obs: Observation): number | undefined {
  const rps = obs.rps;
  const cores = obs.cpuUsageCores;
  if (rps === undefined || cores === undefined || !(rps > 1e-9) || !(cores > 0)) return undefined;
  return cores / rps;
}

/** Requests/s one pod serves at its CPU request, from the config or the running estimate; undefined = unknown. */
export function podCapacityFromObservation(config: PredictiveConfig, obs: Observation, cpuPerRequest: number | undefined): number | undefined {
  if (config.capacityPerPodRps !== null) return config.capacityPerPodRps;
  const requestMilli = obs.pods.find((p) => p.cpuRequestMilli > 0)?.cpuRequestMilli;
  if (cpuPerRequest === undefined || !(cpuPerRequest > 0) || requestMilli === undefined) return undefined;
  return requestMilli / 1000 / cpuPerRequest;
}

/** Use as the proactive baseline: provisions ahead of a trend instead of reacting to CPU. */
export function createPredictiveAutoscaler(config: PredictiveConfig = defaultPredictiveConfig, name = 'predictive'): Autoscaler {
  let state: HoltState | undefined;
  let cpuPerRequest: number | undefined;
  const recommendations: { t: number; replicas: number }[] = [];
  return {
    name,
    periodSeconds: config.periodSeconds,
    decide(obs: Observation): Decision {
      const rps = obs.rps;
      if (rps === undefined || !Number.isFinite(rps)) return hold(obs, 'NoMetrics');
      state = holtUpdate(state, rps, obs.nowSeconds, config.alpha, config.beta);
      const sample = cpuPerRequestSample(obs);
      if (sample !== undefined) cpuPerRequest = cpuPerRequest === undefined ? sample : cpuPerRequest + CPU_PER_REQUEST_SMOOTHING * (sample - cpuPerRequest);
      const capacity = podCapacityFromObservation(config, obs, cpuPerRequest);
      if (capacity === undefined) return hold(obs, 'NoCapacityEstimate');
      const peak = Math.max(state.level, holtForecast(state, config.horizonSeconds), 0);
      // The small epsilon keeps float noise (2.0000000001 pods) from costing a whole pod.
      const wanted = clampReplicas(Math.ceil((peak * (1 + config.headroom)) / capacity - 1e-9), obs);

      recommendations.push({ t: obs.nowSeconds, replicas: wanted });
      while (recommendations.length > 0 && recommendations[0].t <= obs.nowSeconds - config.scaleDownStabilizationSeconds) {
        recommendations.shift();
      }
      if (wanted > obs.specReplicas) return { replicas: wanted, reason: 'ScaleUp' };
      const stabilized = Math.max(...recommendations.map((r) => r.replicas));
      const replicas = clampReplicas(Math.min(obs.specReplicas, stabilized), obs);
      if (replicas < obs.specReplicas) return { replicas, reason: 'ScaleDown' };
      return { replicas, reason: wanted < obs.specReplicas ? 'ScaleDownStabilized' : 'Hold' };
    },
  };
}
