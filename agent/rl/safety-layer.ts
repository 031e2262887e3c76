// The constrained agent's safety layer: rules over the agent's proposed replicas, thresholds relative to the SLA.
// It works on replica counts (after the action encoding of actions.ts), so one encoding holds everywhere.
import type { Observation } from '../../lib/ports.ts';

/** Thresholds of the safety layer, relative to the SLA latency. */
export interface SafetyConfig {
  /** Block a scale-down when P95 latency ≥ this × SLA (near the threshold). */
  nearLatencyFraction: number;
  /** Force a scale-up (+1 at least) when P95 latency ≥ this × SLA (a clear violation)… */
  violationLatencyFraction: number;
  /** …or when the error rate is at least this, fraction. */
  violationErrorRate: number;
  /** Block a scale-up when CPU utilisation (of request) < this and P95 latency < `idleLatencyFraction` × SLA. */
  overProvisionedCpu: number;
  idleLatencyFraction: number;
}

export const defaultSafetyConfig: SafetyConfig = Object.freeze({
  nearLatencyFraction: 0.8,
  violationLatencyFraction: 1.2,
  violationErrorRate: 0.02,
  overProvisionedCpu: 0.3,
  idleLatencyFraction: 0.3,
}) as SafetyConfig;

/** Stable codes of what the safety layer did. */
export type SafetyIntervention = 'None' | 'ForceScaleUp' | 'BlockScaleDown' | 'BlockScaleUp';

/**
 * Use after every RL proposal: returns the replicas to apply and what the layer changed. Rules, in order:
 * clear violation → at least current + 1; near the threshold (or no latency data) → no scale-down;
 * clearly over-provisioned → no scale-up.
 */
export function applySafetyLayer(
  proposed: number, current: number, o: Observation, slaLatencyMs: number, c: SafetyConfig = defaultSafetyConfig,
): { replicas: number; intervention: SafetyIntervention } {
  const p95 = o.latencyP95Ms;
  const violating = (p95 !== undefined && p95 >= c.violationLatencyFraction * slaLatencyMs) || (o.errorRate ?? 0) >= c.violationErrorRate;
  if (violating && proposed <= current && current < o.maxReplicas) return { replicas: current + 1, intervention: 'ForceScaleUp' };
  if (proposed < current && (p95 === undefined || p95 >= c.nearLatencyFraction * slaLatencyMs)) return { replicas: current, intervention: 'BlockScaleDown' };
  const idle = o.cpuUtilization !== undefined && o.cpuUtilization < c.overProvisionedCpu && (p95 ?? 0) < c.idleLatencyFraction * slaLatencyMs;
  if (proposed > current && idle && !violating) return { replicas: current, intervention: 'BlockScaleUp' };
  return { replicas: proposed, intervention: 'None' };
}
