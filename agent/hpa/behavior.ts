// The autoscaling/v2 HorizontalPodAutoscalerBehavior object and its API defaults (pkg/apis/autoscaling/v2/defaults.go).

/** One rate-limit policy: at most `value` pods or percent of change per `periodSeconds`. */
export interface HpaScalingPolicy {
  type: 'Pods' | 'Percent';
  value: number;
  periodSeconds: number;
}

/** One direction of `behavior`, as written in a manifest; every field optional. */
export interface HpaScalingRules {
  /** Seconds of past recommendations considered; API default 0 (up) / controller's downscale window (down). */
  stabilizationWindowSeconds?: number;
  /** Max = the largest change, Min = the smallest, Disabled = no scaling in this direction. Default Max. */
  selectPolicy?: 'Max' | 'Min' | 'Disabled';
  policies?: HpaScalingPolicy[];
  /** Per-direction tolerance (fraction) overriding the controller's flag (HPAConfigurableTolerance). */
  tolerance?: number;
}

/** `spec.behavior`; a left-out direction gets the API defaults. */
export interface HpaBehavior {
  scaleUp?: HpaScalingRules;
  scaleDown?: HpaScalingRules;
}

/** One direction after defaulting: everything the rate limiter and stabilizer read. */
export interface ResolvedScalingRules {
  stabilizationWindowSeconds: number;
  selectPolicy: 'Max' | 'Min' | 'Disabled';
  policies: HpaScalingPolicy[];
  tolerance?: number;
}

/** Use to fill a user's scale-up rules field by field: window 0, Max, Pods 4 / 15 s and Percent 100 / 15 s. */
export function resolveScaleUpRules(rules: HpaScalingRules | undefined): ResolvedScalingRules {
  return mergeRules(rules, {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  });
}

/** Use to fill a user's scale-down rules: window = the controller's downscale window, Max, Percent 100 / 15 s. */
export function resolveScaleDownRules(rules: HpaScalingRules | undefined, downscaleStabilizationWindowSeconds: number): ResolvedScalingRules {
  return mergeRules(rules, {
    stabilizationWindowSeconds: downscaleStabilizationWindowSeconds,
    selectPolicy: 'Max',
    policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
  });
}

function mergeRules(from: HpaScalingRules | undefined, defaults: ResolvedScalingRules): ResolvedScalingRules {
  if (from === undefined) return defaults;
  return {
    stabilizationWindowSeconds: from.stabilizationWindowSeconds ?? defaults.stabilizationWindowSeconds,
    selectPolicy: from.selectPolicy ?? defaults.selectPolicy,
    policies: from.policies !== undefined && from.policies.length > 0 ? from.policies : defaults.policies,
    ...(from.tolerance !== undefined ? { tolerance: from.tolerance } : {}),
  };
}

/** The longest policy period of a direction, seconds: scale events older than this are no longer needed. */
export function longestPolicyPeriodSeconds(rules: ResolvedScalingRules): number {
  let longest = 0;
  for (const policy of rules.policies) if (policy.periodSeconds > longest) longest = policy.periodSeconds;
  return longest;
}
