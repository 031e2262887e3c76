// The thesis n=30 study's controller that the thesis labels "Hybrid DQN-PPO": in its code it is a threshold
// rule with a traffic-trend term (reference/thesis-n30.md §B), so scalelab names it for what it is.
// Adapted to the realistic plant's Observation: CPU is `cpuUtilization`, traffic is `rps`, one thesis step is one
// decision period (60 s), and "add pods" scales to max(spec, desired) so starting pods are not counted twice
// (the thesis plant has no starting pods at decision time, so both readings agree there).
// Reason codes: ScaleUp, ScaleDown, Hold, WarmingUp, CooldownActive, NoMetrics.
import type { Autoscaler, Decision, Observation } from '../../lib/ports.ts';
import { readParams, requireOrder, type ParamRule } from './params.ts';
import { clampReplicas, hold } from './replicas.ts';

/** Parameters of the threshold rule; defaults are the thesis code's constants. */
export interface ThesisThresholdConfig {
  /** Utilization the desired count aims at: desired = ceil(ready · cpu / this), fraction (default 0.7). */
  targetUtilization: number;
  /** Scale up whenever CPU utilization is above this, fraction (default 0.75). */
  scaleUpUtilization: number;
  /** Scale up when CPU is above this and traffic is rising faster than `trendUp`, fraction (default 0.70). */
  trendScaleUpUtilization: number;
  /** Relative traffic trend that counts as rising, dimensionless (default 0.15). */
  trendUp: number;
  /** Scale down only when CPU is below this…, fraction (default 0.50). */
  scaleDownUtilization: number;
  /** …and the traffic trend is below this, dimensionless (default −0.05). */
  trendDown: number;
  /** Floor of the trend's denominator, requests/s (default 100). */
  trendFloorRps: number;
  /** No scale-down this soon after a scale-down that was the last action, seconds (default 300 = 5 thesis steps). */
  scaleDownCooldownSeconds: number;
  /** Decision period, seconds (default 60 = one thesis step). */
  periodSeconds: number;
}

export const defaultThesisThresholdConfig: ThesisThresholdConfig = Object.freeze({
  targetUtilization: 0.7,
  scaleUpUtilization: 0.75,
  trendScaleUpUtilization: 0.7,
  trendUp: 0.15,
  scaleDownUtilization: 0.5,
  trendDown: -0.05,
  trendFloorRps: 100,
  scaleDownCooldownSeconds: 300,
  periodSeconds: 60,
});

const rules: { [K in keyof ThesisThresholdConfig]: ParamRule } = {
  targetUtilization: { kind: 'number', positive: true },
  scaleUpUtilization: { kind: 'number', positive: true },
  trendScaleUpUtilization: { kind: 'number', positive: true },
  trendUp: { kind: 'number', min: -Infinity },
  scaleDownUtilization: { kind: 'number' },
  trendDown: { kind: 'number', min: -Infinity },
  trendFloorRps: { kind: 'number', positive: true },
  scaleDownCooldownSeconds: { kind: 'number' },
  periodSeconds: { kind: 'number', positive: true },
};

/** Validates JSON parameters (defaults filled in); throws AutoscalerSpecError naming the field. */
export function parseThesisThresholdConfig(params: Record<string, unknown>): ThesisThresholdConfig {
  const c = readParams(params, defaultThesisThresholdConfig, rules);
  requireOrder('scaleDownUtilization', c.scaleDownUtilization, 'trendScaleUpUtilization', c.trendScaleUpUtilization);
  return c;
}

/** Number of traffic values the rule keeps. */
const HISTORY = 10;
/** Fewer values than this: the rule does not act. */
const MIN_HISTORY = 5;

/**
 * The thesis's trend over the kept traffic values (oldest first): with 10 values (mean of the last 5 − mean of
 * the 5 before) / max(mean of the 5 before, floor); with 5–9, (x[−1] − x[−5]) / max(x[−5], floor); else 0.
 */
export function thesisTrend(traffic: readonly number[], floor: number): number {
  const n = traffic.length;
  if (n >= HISTORY) {
    const recent = mean(traffic.slice(n - 5));
    const before = mean(traffic.slice(n - 10, n - 5));
    return (recent - before) / Math.max(before, floor);
  }
  if (n >= MIN_HISTORY) return (traffic[n - 1] - traffic[n - 5]) / Math.max(traffic[n - 5], floor);
  return 0;
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Use to rerun the thesis's "Hybrid" on the realistic plant under its honest name. */
export function createThesisThresholdAutoscaler(config: ThesisThresholdConfig = defaultThesisThresholdConfig, name = 'thesis-threshold'): Autoscaler {
  const traffic: number[] = [];
  // The thesis's "last action": changes only when the replica count actually changes.
  let lastAction: { direction: 'up' | 'down'; seconds: number } | undefined;
  return {
    name,
    periodSeconds: config.periodSeconds,
    decide(obs: Observation): Decision {
      const cpu = obs.cpuUtilization;
      const rps = obs.rps;
      if (cpu === undefined || rps === undefined || !Number.isFinite(cpu) || !Number.isFinite(rps)) return hold(obs, 'NoMetrics');
      traffic.push(rps);
      if (traffic.length > HISTORY) traffic.shift();
      if (traffic.length < MIN_HISTORY) return hold(obs, 'WarmingUp');
      const trend = thesisTrend(traffic, config.trendFloorRps);
      const desired = clampReplicas(Math.ceil((obs.readyReplicas * cpu) / config.targetUtilization), obs);
      const up = cpu > config.scaleUpUtilization || (cpu > config.trendScaleUpUtilization && trend > config.trendUp);
      if (up) {
        if (desired <= obs.specReplicas) return hold(obs, 'Hold');
        lastAction = { direction: 'up', seconds: obs.nowSeconds };
        return { replicas: desired, reason: 'ScaleUp' };
      }
      if (cpu < config.scaleDownUtilization && trend < config.trendDown) {
        if (lastAction?.direction === 'down' && obs.nowSeconds - lastAction.seconds < config.scaleDownCooldownSeconds) {
          return hold(obs, 'CooldownActive');
        }
        if (desired < obs.specReplicas) {
          lastAction = { direction: 'down', seconds: obs.nowSeconds };
          return { replicas: desired, reason: 'ScaleDown' };
        }
      }
      return hold(obs, 'Hold');
    },
  };
}
