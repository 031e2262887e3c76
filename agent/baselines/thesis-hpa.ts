// The HPA as the thesis's n=30 study simulates it (reference/thesis-n30.md §B), adapted to the realistic
// plant's Observation — NOT the upstream controller (that is agent/hpa). Use it to ask whether the thesis's
// conclusions survive when its own simplified HPA runs on a plant with start-up delays and queueing.
// Adaptation: CPU is `cpuUtilization` (usage / request, as the HPA reads it), one thesis step is one decision
// period (60 s), and a scale-up asks for max(spec, desired) so pods still starting are not added twice.
// Reason codes: ScaleUp, ScaleDown, WithinTolerance, CooldownActive, NoMetrics.
import type { Autoscaler, Decision, Observation } from '../../lib/ports.ts';
import { readParams, type ParamRule } from './params.ts';
import { clampReplicas, hold } from './replicas.ts';

/** Parameters of the thesis's simulated HPA; defaults are the thesis code's constants. */
export interface ThesisHpaConfig {
  /** Target CPU utilization, fraction of the request (default 0.7). */
  targetUtilization: number;
  /** Tolerance around the target, fraction; no action inside [target − tol, target + tol], computed in floating point (default 0.1). */
  tolerance: number;
  /** A scale-down is skipped when the last action was a scale-down less than this long ago, seconds (default 300 = 5 thesis steps). */
  scaleDownCooldownSeconds: number;
  /** Decision period, seconds (default 60 = one thesis step). */
  periodSeconds: number;
}

export const defaultThesisHpaConfig: ThesisHpaConfig = Object.freeze({
  targetUtilization: 0.7,
  tolerance: 0.1,
  scaleDownCooldownSeconds: 300,
  periodSeconds: 60,
});

const rules: { [K in keyof ThesisHpaConfig]: ParamRule } = {
  targetUtilization: { kind: 'number', positive: true },
  tolerance: { kind: 'number' },
  scaleDownCooldownSeconds: { kind: 'number' },
  periodSeconds: { kind: 'number', positive: true },
};

/** Validates JSON parameters (defaults filled in); throws AutoscalerSpecError naming the field. */
export function parseThesisHpaConfig(params: Record<string, unknown>): ThesisHpaConfig {
  return readParams(params, defaultThesisHpaConfig, rules);
}

/** Use to rerun the thesis's simulated HPA on the realistic plant (the "HPA" arm of its T4). */
export function createThesisHpaAutoscaler(config: ThesisHpaConfig = defaultThesisHpaConfig, name = 'thesis-hpa'): Autoscaler {
  // Computed like the thesis (0.7 + 0.1 = 0.7999999999999999), not written as 0.6 / 0.8.
  const bandLow = config.targetUtilization - config.tolerance;
  const bandHigh = config.targetUtilization + config.tolerance;
  // The thesis's "last action" changes only when the replica count actually changes.
  let lastScaleDownSeconds: number | undefined;
  let lastWasScaleDown = false;
  return {
    name,
    periodSeconds: config.periodSeconds,
    decide(obs: Observation): Decision {
      const cpu = obs.cpuUtilization;
      if (cpu === undefined || !Number.isFinite(cpu)) return hold(obs, 'NoMetrics');
      if (cpu >= bandLow && cpu <= bandHigh) return hold(obs, 'WithinTolerance');
      const desired = clampReplicas(Math.ceil((obs.readyReplicas * cpu) / config.targetUtilization), obs);
      if (desired > obs.readyReplicas) {
        if (desired <= obs.specReplicas) return hold(obs, 'WithinTolerance');
        lastWasScaleDown = false;
        return { replicas: desired, reason: 'ScaleUp' };
      }
      if (desired < obs.specReplicas) {
        if (lastWasScaleDown && lastScaleDownSeconds !== undefined && obs.nowSeconds - lastScaleDownSeconds < config.scaleDownCooldownSeconds) {
          return hold(obs, 'CooldownActive');
        }
        lastWasScaleDown = true;
        lastScaleDownSeconds = obs.nowSeconds;
        return { replicas: desired, reason: 'ScaleDown' };
      }
      return hold(obs, 'WithinTolerance');
    },
  };
}
