// Builders that mirror the fixtures of upstream replica_calculator_test.go: pods named test-pod-<i>, Go zero start
// time and sample timestamp unless given, a 1-minute window, testing constants 2 min / 10 s / 0.1.
import type { CalculatorPod, CalculatorConstants, HpaScalingRules, ScaleEvent } from '../../../agent/hpa/index.ts';
import { GO_ZERO_TIME_SECONDS } from '../../../agent/hpa/index.ts';

export const NOW = 1_700_000_000;
export const ZERO = GO_ZERO_TIME_SECONDS;
/** upstream hotCPUCreationTime(): started now. */
export const HOT = NOW;
/** upstream coolCPUCreationTime(): started 3 minutes ago. */
export const COOL = NOW - 180;

/** upstream defaultTestingTolerance / CPUInitializationPeriod / DelayOfInitialReadinessStatus. */
export const testingConstants: CalculatorConstants = {
  tolerance: { scaleUp: 0.1, scaleDown: 0.1 },
  cpuInitializationPeriodSeconds: 120,
  initialReadinessDelaySeconds: 10,
  defaultMetricWindowSeconds: 60,
};

export interface PodFixture {
  currentReplicas: number;
  /** Per-pod request (milli); pods beyond the list have none. */
  requests?: number[];
  /** Per-pod metric value (milli); pods beyond the list have no sample. */
  levels: number[];
  readiness?: boolean[];
  startTimes?: number[];
  phases?: CalculatorPod['phase'][];
  deleting?: boolean[];
}

/** Like upstream prepareTestClientSet: max(currentReplicas, len(phases)) pods. */
export function buildPods(f: PodFixture): CalculatorPod[] {
  const count = Math.max(f.currentReplicas, f.phases?.length ?? 0);
  const pods: CalculatorPod[] = [];
  for (let i = 0; i < count; i++) {
    const pod: CalculatorPod = {
      name: `test-pod-${i}`,
      phase: f.phases?.[i] ?? 'Running',
      ready: f.readiness?.[i] ?? true,
      deleting: f.deleting?.[i] ?? false,
      startTimeSeconds: f.startTimes?.[i] ?? ZERO,
      metricTimestampSeconds: ZERO,
      metricWindowSeconds: 60,
    };
    if (f.requests !== undefined && i < f.requests.length) pod.requestMilli = f.requests[i];
    if (i < f.levels.length) pod.usageMilli = f.levels[i];
    pods.push(pod);
  }
  return pods;
}

/** upstream makePodMetricLevels with 2 containers per pod, summed to the pod level. */
export const twoContainers = (...levels: number[]): number[] => levels.map((l) => 2 * l);
/** upstream requests of "1.0" on each of 2 containers, summed to the pod level. */
export const podRequests = (n: number, perContainerMilli = 1000): number[] => Array(n).fill(2 * perContainerMilli);

/** upstream generateScalingRules(pods, podsPeriod, percent, percentPeriod, stabilizationWindow), selectPolicy Max. */
export function rules(pods: number, podsPeriod: number, percent: number, percentPeriod: number, window: number): HpaScalingRules {
  const policies: NonNullable<HpaScalingRules['policies']> = [];
  if (pods !== 0) policies.push({ type: 'Pods', value: pods, periodSeconds: podsPeriod });
  if (percent !== 0) policies.push({ type: 'Percent', value: percent, periodSeconds: percentPeriod });
  return { stabilizationWindowSeconds: window, selectPolicy: 'Max', policies };
}

/** upstream generateEventsUniformDistribution: events at the centres of equal segments of the last `period` seconds. */
export function uniformEvents(changes: number[], periodSeconds: number, now = NOW): ScaleEvent[] {
  const segment = periodSeconds / changes.length;
  return changes.map((change, i) => ({
    replicaChange: change,
    timestampSeconds: now - (periodSeconds - segment * (i + 1) + segment / 2),
  }));
}

