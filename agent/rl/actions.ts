// The one action encoding every RL agent, the safety layer and the autoscaler share: an index into an action set.

/** One discrete scaling action: add `delta` pods, or multiply the replica count by `factor`. */
export type ScalingAction = { name: string; delta: number } | { name: string; factor: number };

/** Named action sets: the thesis's three, and a larger set with multiplicative steps for spikes. */
export const ACTION_SETS = {
  /** −1 pod, hold, +1 pod (the thesis's design). */
  'thesis-3': [{ name: '-1', delta: -1 }, { name: 'hold', delta: 0 }, { name: '+1', delta: 1 }],
  /** ×0.5, −1, hold, +1, ×1.5, ×2: one pod per 15 s cannot follow a spike the HPA follows. */
  'multiplicative-6': [
    { name: 'x0.5', factor: 0.5 },
    { name: '-1', delta: -1 },
    { name: 'hold', delta: 0 },
    { name: '+1', delta: 1 },
    { name: 'x1.5', factor: 1.5 },
    { name: 'x2', factor: 2 },
  ],
} as const satisfies Record<string, readonly ScalingAction[]>;

export type ActionSetName = keyof typeof ACTION_SETS;
export const ACTION_SET_NAMES = Object.keys(ACTION_SETS) as ActionSetName[];

/**
 * Replicas after `action` from `current`, clamped to [min, max]. A factor > 1 adds at least one pod and a
 * factor < 1 removes at least one, so every non-hold action changes something when the bounds allow.
 */
export function applyAction(action: ScalingAction, current: number, min: number, max: number): number {
  let next: number;
  if ('delta' in action) next = current + action.delta;
  else if (action.factor > 1) next = Math.max(current + 1, Math.ceil(current * action.factor));
  else if (action.factor < 1) next = Math.min(current - 1, Math.floor(current * action.factor));
  else next = current;
  return Math.min(max, Math.max(min, next));
}
