// Public surface of the realistic simulated cluster (DESIGN.md §3); sim/thesis/ has its own.
export { defaultPlantConfig, maxCapacityRps, podCapacityRps, podCostPerSecondUsd } from './config.ts';
export type { NodePoolConfig, PlantConfig } from './config.ts';
export { PlantConfigError, validatePlantConfig } from './validate-plant-config.ts';
export { createPlant } from './plant.ts';
export type { Plant, TickStats } from './plant.ts';
export type { IntervalSample } from './interval-sample.ts';
export { createRunRecorder } from './run-recorder.ts';
export type { RunRecorder, RunRecorderOptions, RunResult } from './run-recorder.ts';
export { simulateRun } from './simulate.ts';
export type { SimulateRunOptions, SimulateRunResult } from './simulate.ts';
export {
  LATENCY_BOUNDS_MS,
  LATENCY_BUCKET_COUNT,
  createLatencyCounts,
  latencyBucketIndex,
  latencyQuantileMs,
  rebinLatencyHistogram,
} from './latency-histogram.ts';
export { erlangC, mmcMeanWaitSeconds, sojournSurvival } from './queueing.ts';
export { sampleQuantile, simulateRequests } from './des.ts';
export type { RequestSimulationOptions, RequestSimulationResult } from './des.ts';
export { validationSuite } from './validation.ts';
export type { ValidationCheck } from './validation.ts';
