// Public surface of experiments/model-inspect: opening a trained model, inspecting it over a scenario, comparing two.
export { loadInspectableModel, createDecider, type InspectableModel, type InspectedDecision } from './model-decider.ts';
export { inspectModel, checkFeatures, policyGrid, type ModelInspection, type PolicyGrid } from './inspect-model.ts';
export { diffModels, type ModelDiff, type DisagreementStretch } from './diff-models.ts';
export { rolloutModel, checkScenario, scenarioEnvConfig, DEFAULT_SCENARIO, type ScenarioChoice, type RolloutStep } from './rollout.ts';
export { featureUnit, type FeatureUnit } from './feature-units.ts';
