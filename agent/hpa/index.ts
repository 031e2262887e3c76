// Public surface of agent/hpa: the upstream-exact HPA (replica calculator, normalize step, controller loop) and
// the pure halves of the `scalelab hpa` JSON commands.
export { createHpaAutoscaler } from './hpa-autoscaler.ts';
export { defaultHpaConfig, parseHpaConfig, type HpaConfig, type HpaMetricSpec } from './hpa-config.ts';
export { calculateReplicas, isWithinTolerance } from './replica-calculator.ts';
export {
  defaultCalculatorConstants,
  GO_ZERO_TIME_SECONDS,
  HpaCalculationError,
  type CalculatorConstants,
  type CalculatorInput,
  type CalculatorMetric,
  type CalculatorPod,
  type CalculatorResult,
  type Tolerances,
} from './calculator-types.ts';
export { groupPods, type PodGroups } from './group-pods.ts';
export {
  normalizeReplicas,
  convertWithBehaviorRate,
  convertWithLegacyRules,
  type NormalizeInput,
  type NormalizeResult,
  type ScalingLimitedReason,
  type StabilizationReason,
} from './normalize.ts';
export { stabilizeLegacy, stabilizeWithBehavior, type TimestampedRecommendation } from './stabilization.ts';
export { scaleUpLimitWithRules, scaleDownLimitWithRules, replicasChangedInPeriod, type ScaleEvent } from './rate-limits.ts';
export { storeScaleEvent, type ScaleEventLog } from './scale-events.ts';
export {
  resolveScaleUpRules,
  resolveScaleDownRules,
  type HpaBehavior,
  type HpaScalingPolicy,
  type HpaScalingRules,
  type ResolvedScalingRules,
} from './behavior.ts';
export { combineMetricProposals, type MetricProposal, type CombinedProposal } from './metric-proposals.ts';
export { readBehavior } from './behavior-input.ts';
export { HpaInputError, ObjectReader, parseJsonInput } from './input-schema.ts';
export {
  readCalcInput,
  readNormalizeInput,
  runHpaCalc,
  runHpaNormalize,
  type HpaCalcOutput,
  type HpaNormalizeOutput,
} from './json-commands.ts';
