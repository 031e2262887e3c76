// The controller's normalize step (upstream horizontal.go normalizeDesiredReplicas[WithBehaviors]):
// stabilization, then rate limits, then min/max, with the ScalingLimited condition reason.
import type { HpaBehavior, ResolvedScalingRules } from './behavior.ts';
import { resolveScaleDownRules, resolveScaleUpRules } from './behavior.ts';
import type { ScaleEvent } from './rate-limits.ts';
import { legacyScaleUpLimit, scaleDownLimitWithRules, scaleUpLimitWithRules } from './rate-limits.ts';
import type { TimestampedRecommendation } from './stabilization.ts';
import { stabilizeLegacy, stabilizeWithBehavior } from './stabilization.ts';

/** Reason of the ScalingLimited condition: why the result differs from the stabilized recommendation (or not). */
export type ScalingLimitedReason = 'DesiredWithinRange' | 'ScaleUpLimit' | 'ScaleDownLimit' | 'TooManyReplicas' | 'TooFewReplicas';

/** Reason of the AbleToScale condition after stabilization. */
export type StabilizationReason = 'ReadyForNewScale' | 'ScaleUpStabilized' | 'ScaleDownStabilized';

/** Everything one normalize step reads; times are Unix seconds. */
export interface NormalizeInput {
  nowSeconds: number;
  currentReplicas: number;
  /** The metrics' proposal (prenormalized desired replicas). */
  desiredReplicas: number;
  minReplicas: number;
  maxReplicas: number;
  /** `spec.behavior`; null/undefined = the legacy path. */
  behavior?: HpaBehavior | null;
  recommendations?: TimestampedRecommendation[];
  scaleUpEvents?: ScaleEvent[];
  scaleDownEvents?: ScaleEvent[];
  /** `--horizontal-pod-autoscaler-downscale-stabilization`, seconds; default 300. */
  downscaleStabilizationWindowSeconds?: number;
  /** Legacy path: scale up to at most factor × current replicas …; default 2.0. */
  scaleUpLimitFactor?: number;
  /** … or this many, whichever is larger; default 4. */
  scaleUpLimitMinimum?: number;
}

/** The normalized replica count, the condition reasons, and the controller's updated recommendation list. */
export interface NormalizeResult {
  replicas: number;
  reason: ScalingLimitedReason;
  stabilizedReplicas: number;
  stabilizationReason: StabilizationReason;
  recommendations: TimestampedRecommendation[];
}

interface Limited {
  replicas: number;
  reason: ScalingLimitedReason;
}

/** Use to turn a metrics proposal into what the HPA would actually set, given its history. Pure. */
export function normalizeReplicas(input: NormalizeInput): NormalizeResult {
  const downWindow = input.downscaleStabilizationWindowSeconds ?? 300;
  const recommendations = input.recommendations ?? [];
  const { currentReplicas: current, desiredReplicas: desired, nowSeconds: now } = input;

  if (input.behavior === null || input.behavior === undefined) {
    const stabilized = stabilizeLegacy(recommendations, desired, downWindow, now);
    const limited = convertWithLegacyRules(
      current,
      stabilized.replicas,
      input.minReplicas,
      input.maxReplicas,
      input.scaleUpLimitFactor ?? 2.0,
      input.scaleUpLimitMinimum ?? 4.0,
    );
    return {
      replicas: limited.replicas,
      reason: limited.reason,
      stabilizedReplicas: stabilized.replicas,
      stabilizationReason: stabilized.replicas !== desired ? 'ScaleDownStabilized' : 'ReadyForNewScale',
      recommendations: stabilized.recommendations,
    };
  }

  const up = resolveScaleUpRules(input.behavior.scaleUp);
  const down = resolveScaleDownRules(input.behavior.scaleDown, downWindow);
  const stabilized = stabilizeWithBehavior(
    recommendations,
    current,
    desired,
    up.stabilizationWindowSeconds,
    down.stabilizationWindowSeconds,
    now,
  );
  let stabilizationReason: StabilizationReason = 'ReadyForNewScale';
  if (stabilized.replicas !== desired) stabilizationReason = desired >= current ? 'ScaleUpStabilized' : 'ScaleDownStabilized';
  const limited = convertWithBehaviorRate({
    currentReplicas: current,
    desiredReplicas: stabilized.replicas,
    minReplicas: input.minReplicas,
    maxReplicas: input.maxReplicas,
    scaleUp: up,
    scaleDown: down,
    scaleUpEvents: input.scaleUpEvents ?? [],
    scaleDownEvents: input.scaleDownEvents ?? [],
    nowSeconds: now,
  });
  return {
    replicas: limited.replicas,
    reason: limited.reason,
    stabilizedReplicas: stabilized.replicas,
    stabilizationReason,
    recommendations: stabilized.recommendations,
  };
}

/** Legacy min/max clamp with the scale-up limit max(factor × current, minimum) (upstream convertDesiredReplicasWithRules). */
export function convertWithLegacyRules(
  currentReplicas: number,
  desiredReplicas: number,
  minReplicas: number,
  maxReplicas: number,
  scaleUpLimitFactor = 2.0,
  scaleUpLimitMinimum = 4.0,
): Limited {
  const scaleUpLimit = legacyScaleUpLimit(currentReplicas, scaleUpLimitFactor, scaleUpLimitMinimum);
  let maximumAllowed = maxReplicas;
  let limitingReason: ScalingLimitedReason = 'TooManyReplicas';
  if (maxReplicas > scaleUpLimit) {
    maximumAllowed = scaleUpLimit;
    limitingReason = 'ScaleUpLimit';
  }
  if (desiredReplicas < minReplicas) return { replicas: minReplicas, reason: 'TooFewReplicas' };
  if (desiredReplicas > maximumAllowed) return { replicas: maximumAllowed, reason: limitingReason };
  return { replicas: desiredReplicas, reason: 'DesiredWithinRange' };
}

/** Arguments of the behavior rate limiter (upstream NormalizationArg plus the event lists). */
export interface BehaviorRateArgs {
  currentReplicas: number;
  desiredReplicas: number;
  minReplicas: number;
  maxReplicas: number;
  scaleUp: ResolvedScalingRules;
  scaleDown: ResolvedScalingRules;
  scaleUpEvents: ScaleEvent[];
  scaleDownEvents: ScaleEvent[];
  nowSeconds: number;
}

/** Behavior rate limits then min/max, applied only in the direction of the change (upstream convertDesiredReplicasWithBehaviorRate). */
export function convertWithBehaviorRate(args: BehaviorRateArgs): Limited {
  const { currentReplicas: current, desiredReplicas: desired } = args;
  if (desired > current) {
    let scaleUpLimit = scaleUpLimitWithRules(current, args.scaleUpEvents, args.scaleDownEvents, args.scaleUp, args.nowSeconds);
    if (scaleUpLimit < current) scaleUpLimit = current; // no further scale-up until old events expire
    let maximumAllowed = args.maxReplicas;
    let reason: ScalingLimitedReason = 'TooManyReplicas';
    if (maximumAllowed > scaleUpLimit) {
      maximumAllowed = scaleUpLimit;
      reason = 'ScaleUpLimit';
    }
    if (desired > maximumAllowed) return { replicas: maximumAllowed, reason };
  } else if (desired < current) {
    let scaleDownLimit = scaleDownLimitWithRules(current, args.scaleUpEvents, args.scaleDownEvents, args.scaleDown, args.nowSeconds);
    if (scaleDownLimit > current) scaleDownLimit = current; // no further scale-down until old events expire
    let minimumAllowed = args.minReplicas;
    let reason: ScalingLimitedReason = 'TooFewReplicas';
    if (minimumAllowed < scaleDownLimit) {
      minimumAllowed = scaleDownLimit;
      reason = 'ScaleDownLimit';
    }
    if (desired < minimumAllowed) return { replicas: minimumAllowed, reason };
  }
  return { replicas: desired, reason: 'DesiredWithinRange' };
}
