// Public surface of experiments/reproduce/: what `scalelab reproduce` runs and reads, apart from drawing and printing.
export { REPRODUCE_EXPERIMENT, RL_ROWS, quickVariant, withTrainedAgents } from './plan.ts';
export { runStandardExperiment, type ExperimentRun, type Warn } from './run-standard.ts';
export { reproduceN30 } from './n30.ts';
export { readRecordsFile } from './records-input.ts';
export { readTrainingLogs } from './training-logs.ts';
export { readModelFacts } from './model-facts.ts';
export { retrainAgents } from './retrain.ts';
