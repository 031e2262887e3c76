// Public surface of the baselines: the non-learning autoscalers the RL agents and the HPA are compared with.
export { AutoscalerSpecError, readParams, checkParam, type ParamRule } from './params.ts';
export { clampReplicas, hold } from './replicas.ts';
export { createRuleBasedAutoscaler, parseRuleBasedConfig, defaultRuleBasedConfig, type RuleBasedConfig } from './rule-based.ts';
export {
  createThesisThresholdAutoscaler,
  parseThesisThresholdConfig,
  defaultThesisThresholdConfig,
  thesisTrend,
  type ThesisThresholdConfig,
} from './thesis-threshold.ts';
export { createThesisHpaAutoscaler, parseThesisHpaConfig, defaultThesisHpaConfig, type ThesisHpaConfig } from './thesis-hpa.ts';
export { createKpaAutoscaler, parseKpaConfig, defaultKpaConfig, kpaScale, type KpaConfig, type KpaState, type KpaInput } from './kpa.ts';
export {
  createPredictiveAutoscaler,
  parsePredictiveConfig,
  defaultPredictiveConfig,
  podCapacityFromObservation,
  type PredictiveConfig,
} from './predictive.ts';
export { holtUpdate, holtForecast, type HoltState } from './holt.ts';
