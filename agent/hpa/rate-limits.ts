// Behavior rate limits and the legacy scale-up limit (upstream horizontal.go calculateScale*Limit*).
import type { ResolvedScalingRules } from './behavior.ts';

/** A past scale change kept by the controller; `replicaChange` is positive in both directions. */
export interface ScaleEvent {
  timestampSeconds: number;
  replicaChange: number;
  /** Marked when older than the direction's longest policy period (slot reused by the next event). */
  outdated?: boolean;
}

const MIN_INT32 = -2147483648;
const MAX_INT32 = 2147483647;

/** Sum of the changes strictly inside the last `periodSeconds` (an event exactly at the edge does not count). */
export function replicasChangedInPeriod(periodSeconds: number, events: ScaleEvent[], nowSeconds: number): number {
  const cutoff = nowSeconds - periodSeconds;
  let replicas = 0;
  for (const event of events) if (event.timestampSeconds > cutoff) replicas += event.replicaChange;
  return replicas;
}

/** Highest replica count the scale-up policies allow now (before the `current` floor and maxReplicas). */
export function scaleUpLimitWithRules(
  currentReplicas: number,
  scaleUpEvents: ScaleEvent[],
  scaleDownEvents: ScaleEvent[],
  rules: ResolvedScalingRules,
  nowSeconds: number,
): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  const pickMin = rules.selectPolicy === 'Min';
  let result = pickMin ? MAX_INT32 : MIN_INT32;
  for (const policy of rules.policies) {
    const added = replicasChangedInPeriod(policy.periodSeconds, scaleUpEvents, nowSeconds);
    const deleted = replicasChangedInPeriod(policy.periodSeconds, scaleDownEvents, nowSeconds);
    const periodStart = currentReplicas - added + deleted;
    const proposed =
      policy.type === 'Pods' ? periodStart + policy.value : Math.ceil(periodStart * (1 + policy.value / 100));
    result = pickMin ? Math.min(result, proposed) : Math.max(result, proposed);
  }
  return result;
}

/** Lowest replica count the scale-down policies allow now (before the `current` ceiling and minReplicas). */
export function scaleDownLimitWithRules(
  currentReplicas: number,
  scaleUpEvents: ScaleEvent[],
  scaleDownEvents: ScaleEvent[],
  rules: ResolvedScalingRules,
  nowSeconds: number,
): number {
  if (rules.selectPolicy === 'Disabled') return currentReplicas;
  const pickSmallestChange = rules.selectPolicy === 'Min';
  let result = pickSmallestChange ? MIN_INT32 : MAX_INT32;
  for (const policy of rules.policies) {
    const added = replicasChangedInPeriod(policy.periodSeconds, scaleUpEvents, nowSeconds);
    const deleted = replicasChangedInPeriod(policy.periodSeconds, scaleDownEvents, nowSeconds);
    const periodStart = currentReplicas - added + deleted;
    const proposed =
      policy.type === 'Pods' ? periodStart - policy.value : Math.trunc(periodStart * (1 - policy.value / 100));
    result = pickSmallestChange ? Math.max(result, proposed) : Math.min(result, proposed);
  }
  return result;
}

/** Legacy (no `behavior`) scale-up limit: int32(max(factor × current, minimum)). */
export function legacyScaleUpLimit(currentReplicas: number, scaleUpLimitFactor: number, scaleUpLimitMinimum: number): number {
  return Math.trunc(Math.max(scaleUpLimitFactor * currentReplicas, scaleUpLimitMinimum));
}
