// The thesis's rule-based scaler: one step up above 50 % CPU, one step down below 30 %, then a cooldown.
// Reason codes: ScaleUp, ScaleDown, WithinThresholds, CooldownActive, AtMaxReplicas, AtMinReplicas, NoMetrics.
import type { Autoscaler, Decision, Observation } from '../../lib/ports.ts';
import { readParams, requireOrder, type ParamRule } from './params.ts';
import { clampReplicas, hold } from './replicas.ts';

/** Parameters of the rule-based scaler. */
export interface RuleBasedConfig {
  /** Scale up when mean CPU utilization (usage / request over ready pods) is above this, fraction (default 0.5). */
  scaleUpUtilization: number;
  /** Scale down when mean CPU utilization is below this, fraction (default 0.3). */
  scaleDownUtilization: number;
  /** Pods added per scale-up, pods (default 1). */
  scaleUpStepPods: number;
  /** Pods removed per scale-down, pods (default 1). */
  scaleDownStepPods: number;
  /** No further scaling this long after a scaling action, seconds (default 60). */
  cooldownSeconds: number;
  /** Decision period, seconds (default 15, one metrics-server resolution). */
  periodSeconds: number;
}

/** The thesis values: up above 50 %, down below 30 %, one pod at a time, 60 s cooldown. */
export const defaultRuleBasedConfig: RuleBasedConfig = Object.freeze({
  scaleUpUtilization: 0.5,
  scaleDownUtilization: 0.3,
  scaleUpStepPods: 1,
  scaleDownStepPods: 1,
  cooldownSeconds: 60,
  periodSeconds: 15,
});

const rules: { [K in keyof RuleBasedConfig]: ParamRule } = {
  scaleUpUtilization: { kind: 'number', positive: true },
  scaleDownUtilization: { kind: 'number' },
  scaleUpStepPods: { kind: 'number', integer: true, min: 1 },
  scaleDownStepPods: { kind: 'number', integer: true, min: 1 },
  cooldownSeconds: { kind: 'number' },
  periodSeconds: { kind: 'number', positive: true },
};

/** Validates JSON parameters (defaults filled in); throws AutoscalerSpecError naming the field. */
export function parseRuleBasedConfig(params: Record<string, unknown>): RuleBasedConfig {
  const c = readParams(params, defaultRuleBasedConfig, rules);
  requireOrder('scaleDownUtilization', c.scaleDownUtilization, 'scaleUpUtilization', c.scaleUpUtilization);
  return c;
}

/** Use as the simplest reactive baseline (what a team writes before adopting the HPA). */
export function createRuleBasedAutoscaler(config: RuleBasedConfig = defaultRuleBasedConfig, name = 'rule-based'): Autoscaler {
  let lastActionSeconds: number | undefined;
  return {
    name,
    periodSeconds: config.periodSeconds,
    decide(obs: Observation): Decision {
      const cpu = obs.cpuUtilization;
      if (cpu === undefined || !Number.isFinite(cpu)) return hold(obs, 'NoMetrics');
      const current = clampReplicas(obs.specReplicas, obs);
      let target: number;
      if (cpu > config.scaleUpUtilization) target = clampReplicas(obs.specReplicas + config.scaleUpStepPods, obs);
      else if (cpu < config.scaleDownUtilization) target = clampReplicas(obs.specReplicas - config.scaleDownStepPods, obs);
      else return hold(obs, 'WithinThresholds');
      const up = cpu > config.scaleUpUtilization;
      if (target === current && current === obs.specReplicas) return hold(obs, up ? 'AtMaxReplicas' : 'AtMinReplicas');
      if (lastActionSeconds !== undefined && obs.nowSeconds - lastActionSeconds < config.cooldownSeconds) {
        return hold(obs, 'CooldownActive');
      }
      lastActionSeconds = obs.nowSeconds;
      return { replicas: target, reason: target > obs.specReplicas ? 'ScaleUp' : 'ScaleDown' };
    },
  };
}
