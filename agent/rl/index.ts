// Public surface of agent/rl: what other folders (CLI, experiments, bench, reports) import.
export { initTf } from './tf.ts';
export { ACTION_SETS, ACTION_SET_NAMES, applyAction, type ActionSetName, type ScalingAction } from './actions.ts';
export { createObservationEncoder, defaultObservationConfig, featureNames, observationSize, type ObservationConfig } from './observation-encoder.ts';
export { computeReward, defaultRewardConfig, REWARD_VARIANTS, type RewardConfig, type DecisionWindow } from './reward.ts';
export { createScalingEnv, defaultEnvConfig, type EnvConfig, type ScalingEnv } from './env.ts';
export { EVALUATION_SEED_LIMIT, episodeSpec, episodeWorkload, evaluationEpisodeSeed, trainingEpisodeSeed, defaultEpisodeConfig } from './episode-sampler.ts';
export { createDqnAgent, defaultDqnConfig, trainDqn, type DqnConfig } from './dqn.ts';
export { createPpoAgent, defaultPpoConfig, trainPpo, computeGae, type PpoConfig } from './ppo.ts';
export { createHybridAgent, defaultHybridConfig, headroomFloor, trainHybrid, type HybridConfig, type HybridEpisodeLog } from './hybrid.ts';
export { createLagrangian, defaultConstraintConfig, dualAscent, trainConstrainedHybrid, type ConstraintConfig } from './constrained.ts';
export { applySafetyLayer, defaultSafetyConfig, type SafetyConfig, type SafetyIntervention } from './safety-layer.ts';
export { createBayesOpt, expectedImprovement, fitGaussianProcess, matern52 } from './bayes-opt.ts';
export { createRlAutoscaler, RL_AGENTS, type RlAgentName, type RlPolicy } from './rl-autoscaler.ts';
// The deployed autoscaler's inference steps, for tools that must decide exactly as it does (model inspection).
export { mlpPredictOne } from './mlp.ts';
export { argMax } from './dqn.ts';
export { gaussianParams } from './ppo.ts';
export { headroomOf, setpointFeature } from './hybrid.ts';
export { AGENTS, type AgentEntry } from './agents.ts';
export { loadRlAutoscaler } from './load-rl-autoscaler.ts';
export { loadAgentFiles, saveAgentFiles, readProvenance, ModelFilesError, type Provenance } from './model-files.ts';
export { parseTrainConfig, TrainConfigError, type TrainConfig } from './train-config.ts';
export { runTrainSession } from './train-session.ts';
export { tuneReward, TUNED_WEIGHTS, tuningObjective } from './tune-reward.ts';
export { evaluateOnEpisodes, evaluateOnWorkloads, type EvaluationSummary } from './evaluate.ts';
export { RL_AUTOSCALER_TYPES, defaultModelDir } from './register.ts';
