// Public surface of the thesis-compatible plant: the n=30 traces, the plant, its two controllers, the study.
export {
  generateThesisTrace,
  THESIS_SEEDS,
  THESIS_STEP_SECONDS,
  THESIS_TRACE_STEPS,
} from './thesis-trace.ts';
export {
  clampThesisPods,
  THESIS_MAX_PODS,
  THESIS_MIN_PODS,
  type ThesisControlInput,
  type ThesisController,
  type ThesisControllerName,
  type ThesisDecide,
} from './thesis-controller.ts';
export { createThesisHpa, THESIS_HPA_DEFAULTS, thesisHpa, type ThesisHpaConfig } from './thesis-hpa.ts';
export {
  createThesisThreshold,
  THESIS_THRESHOLD_DEFAULTS,
  thesisThreshold,
  thesisTrafficTrend,
  type ThesisThresholdConfig,
} from './thesis-threshold.ts';
export {
  runThesisPlant,
  runThesisTrace,
  thesisCpu,
  thesisInitialPods,
  thesisResponseSeconds,
  thesisStepCost,
  THESIS_POD_CAPACITY_RPS,
  THESIS_SLA_SECONDS,
  type ThesisTraceMetrics,
} from './thesis-plant.ts';
export { runThesisStudy, type ThesisStudyRow } from './thesis-study.ts';
export { THESIS_PER_TRACE_CSV_HEADER, thesisPerTraceCsv } from './thesis-per-trace-csv.ts';
export { medianOfSorted, npMean, npPercentile, npSum, percentileOfSorted } from './numpy-reductions.ts';
