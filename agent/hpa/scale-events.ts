// Remembering scale changes for the behavior rate limits (upstream storeScaleEvent / markScaleEventsOutdated).
import type { HpaBehavior } from './behavior.ts';
import { longestPolicyPeriodSeconds, resolveScaleDownRules, resolveScaleUpRules } from './behavior.ts';
import type { ScaleEvent } from './rate-limits.ts';

/** The controller's two event lists for one HPA. */
export interface ScaleEventLog {
  scaleUp: ScaleEvent[];
  scaleDown: ScaleEvent[];
}

function storeInto(events: ScaleEvent[], longestPeriodSeconds: number, change: number, nowSeconds: number): ScaleEvent[] {
  const cutoff = nowSeconds - longestPeriodSeconds;
  const next = events.map((e) => (e.timestampSeconds < cutoff ? { ...e, outdated: true } : { ...e }));
  let reuse = -1;
  next.forEach((e, i) => {
    if (e.outdated === true) reuse = i;
  });
  const event: ScaleEvent = { timestampSeconds: nowSeconds, replicaChange: change, outdated: false };
  if (reuse >= 0) next[reuse] = event;
  else next.push(event);
  return next;
}

/** Call after a rescale: records the change in its direction (nothing is stored on the legacy path). */
export function storeScaleEvent(
  log: ScaleEventLog,
  behavior: HpaBehavior | null | undefined,
  previousReplicas: number,
  newReplicas: number,
  nowSeconds: number,
  downscaleStabilizationWindowSeconds = 300,
): ScaleEventLog {
  if (behavior === null || behavior === undefined) return log;
  if (newReplicas > previousReplicas) {
    const longest = longestPolicyPeriodSeconds(resolveScaleUpRules(behavior.scaleUp));
    return { ...log, scaleUp: storeInto(log.scaleUp, longest, newReplicas - previousReplicas, nowSeconds) };
  }
  const rules = resolveScaleDownRules(behavior.scaleDown, downscaleStabilizationWindowSeconds);
  return { ...log, scaleDown: storeInto(log.scaleDown, longestPolicyPeriodSeconds(rules), previousReplicas - newReplicas, nowSeconds) };
}
