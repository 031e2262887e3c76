// The thesis-compatible plant (thesis-n30.md §B): one 60 s step per trace value, a fixed 500 req/s per ready
// pod, a CPU-to-latency curve, and per-step cost. Use it to reproduce the thesis's n=30 table T4 exactly.
import { generateThesisTrace } from './thesis-trace.ts';
import type { ThesisController, ThesisControllerName } from './thesis-controller.ts';
import { thesisHpa } from './thesis-hpa.ts';
import { thesisThreshold } from './thesis-threshold.ts';
import { medianOfSorted, npMean, npSum, percentileOfSorted } from './numpy-reductions.ts';

/** Requests per second one ready pod serves at 100 % CPU. */
export const THESIS_POD_CAPACITY_RPS = 500;
/** Response time at or below the knee, seconds (100 ms). */
export const THESIS_BASE_RESPONSE_SECONDS = 0.1;
/** CPU fraction above which response time grows. */
export const THESIS_RESPONSE_KNEE_CPU = 0.7;
/** Extra response time per unit of CPU above the knee, seconds (500 ms per 100 %). */
export const THESIS_RESPONSE_SLOPE_SECONDS = 0.5;
/** A step violates the SLA when its response time is above this, seconds (200 ms). */
export const THESIS_SLA_SECONDS = 0.2;
/** Price of one allocated pod, dollars per hour. */
export const THESIS_POD_PRICE_PER_HOUR = 0.1;
/** Pods per request rate used to size the initial deployment, requests per pod. */
export const THESIS_INITIAL_REQUESTS_PER_POD = 350;

/** Per-trace results, in the thesis's units (T4 columns). */
export interface ThesisTraceMetrics {
  /** Mean per-step response time, ms. */
  meanResponseTimeMs: number;
  /** Median per-step response time, ms. */
  medianResponseTimeMs: number;
  /** 95th percentile (NumPy linear interpolation) of per-step response time, ms. */
  p95ResponseTimeMs: number;
  /** Mean per-step CPU utilization, % of ready capacity. */
  meanCpuPct: number;
  /** Sum of per-step costs, dollars. */
  totalCost: number;
  /** Steps whose response time exceeds 200 ms, % of steps. */
  slaViolationRatePct: number;
  /** Mean allocated (ready + starting) pods. */
  meanPods: number;
  /** Largest allocated pod count. */
  maxPods: number;
}

/** CPU utilization of one step as a fraction: traffic over ready capacity, capped at 1 (1 with no ready pod). */
export function thesisCpu(trafficRequests: number, readyPods: number): number {
  if (readyPods <= 0) return 1;
  return Math.min(1, trafficRequests / (readyPods * THESIS_POD_CAPACITY_RPS));
}

/** Response time of one step, seconds: 0.1 up to 70 % CPU, then + 0.5 s per unit of CPU above 0.7. */
export function thesisResponseSeconds(cpu: number): number {
  if (cpu <= THESIS_RESPONSE_KNEE_CPU) return THESIS_BASE_RESPONSE_SECONDS;
  return THESIS_BASE_RESPONSE_SECONDS + (cpu - THESIS_RESPONSE_KNEE_CPU) * THESIS_RESPONSE_SLOPE_SECONDS;
}

/** Cost of one 60 s step with `allocatedPods` pods, dollars. */
export function thesisStepCost(allocatedPods: number): number {
  return allocatedPods * THESIS_POD_PRICE_PER_HOUR * (60 / 3600);
}

/** Pods the thesis plant starts a trace with: max(1, ceil(first traffic value / 350)). */
export function thesisInitialPods(firstTrafficRequests: number): number {
  return Math.max(1, Math.ceil(firstTrafficRequests / THESIS_INITIAL_REQUESTS_PER_POD));
}

/** Runs one controller over one integer trace on the thesis plant and aggregates the per-step series. */
export function runThesisPlant(trace: ArrayLike<number>, controller: ThesisController): ThesisTraceMetrics {
  const n = trace.length;
  if (n === 0) throw new RangeError('thesis plant needs a non-empty trace');
  const decide = controller.create();
  const responseSeconds = new Float64Array(n);
  const cpuSeries = new Float64Array(n);
  const costSeries = new Float64Array(n);
  const podSeries = new Float64Array(n);
  let ready = thesisInitialPods(trace[0]);
  let starting = 0;
  let violations = 0;
  let maxPods = 0;
  let previousCpu = 0;
  for (let t = 0; t < n; t++) {
    // Start-up takes exactly one step: pods added at t − 1 are ready now.
    ready += starting;
    starting = 0;
    // The thesis counts ready + starting pods; with a 1-step start-up nothing is still starting when it measures.
    const allocated = ready + starting;
    const cpu = thesisCpu(trace[t], ready);
    const rt = thesisResponseSeconds(cpu);
    if (rt > THESIS_SLA_SECONDS) violations++;
    responseSeconds[t] = rt;
    cpuSeries[t] = cpu;
    costSeries[t] = thesisStepCost(allocated);
    podSeries[t] = allocated;
    if (allocated > maxPods) maxPods = allocated;

    const observedCpu = t === 0 ? cpu : (previousCpu + cpu) / 2;
    previousCpu = cpu;
    const wanted = decide({ step: t, observedCpu, trafficRequests: trace[t], readyPods: ready });
    if (wanted > ready) starting = wanted - ready;
    else if (wanted < ready) ready = wanted;
  }
  const meanResponseSeconds = npMean(responseSeconds); // before sorting: summation order decides the last digit
  const sorted = responseSeconds.sort();
  return {
    meanResponseTimeMs: meanResponseSeconds * 1000,
    medianResponseTimeMs: medianOfSorted(sorted) * 1000,
    p95ResponseTimeMs: percentileOfSorted(sorted, 95) * 1000,
    meanCpuPct: npMean(cpuSeries) * 100,
    totalCost: npSum(costSeries),
    slaViolationRatePct: (violations / n) * 100,
    meanPods: npMean(podSeries),
    maxPods,
  };
}

const CONTROLLERS: Record<ThesisControllerName, ThesisController> = {
  hpa: thesisHpa,
  'thesis-threshold': thesisThreshold,
};

/** Generates trace `seed` and runs one controller (by name or definition) on it: one row of the n=30 study. */
export function runThesisTrace(seed: number, controller: ThesisController | ThesisControllerName): ThesisTraceMetrics {
  const definition = typeof controller === 'string' ? CONTROLLERS[controller] : controller;
  if (!definition) throw new RangeError(`unknown thesis controller "${String(controller)}", expected hpa or thesis-threshold`);
  return runThesisPlant(generateThesisTrace(seed), definition);
}
