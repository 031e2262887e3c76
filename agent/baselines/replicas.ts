// Small helpers every baseline shares: clamping to the replica bounds and the "hold" decision.
import type { Decision, Observation } from '../../lib/ports.ts';

/** Clamps a replica count to the observation's [minReplicas, maxReplicas]. */
export function clampReplicas(replicas: number, obs: Observation): number {
  return Math.min(obs.maxReplicas, Math.max(obs.minReplicas, replicas));
}

/** Keep the current desired count (clamped into bounds) with a reason: never scales down on missing data. */
export function hold(obs: Observation, reason: string): Decision {
  return { replicas: clampReplicas(obs.specReplicas, obs), reason };
}
