// Sorting pods into ready / unready / missing / ignored, as upstream groupPods does before every per-pod calculation.
import type { CalculatorPod } from './calculator-types.ts';
import { GO_ZERO_TIME_SECONDS } from './calculator-types.ts';

/** The four groups; names are pod names. */
export interface PodGroups {
  readyPodCount: number;
  /** Pending pods, and (CPU only) pods not ready or without a full sample since becoming ready. */
  unready: Set<string>;
  /** Pods without a metric sample. */
  missing: Set<string>;
  /** Failed pods and pods being deleted: left out entirely. */
  ignored: Set<string>;
}

/** Timing constants of the CPU readiness rule, seconds. */
export interface ReadinessTiming {
  nowSeconds: number;
  cpuInitializationPeriodSeconds: number;
  initialReadinessDelaySeconds: number;
  defaultMetricWindowSeconds: number;
}

/**
 * Use before computing a usage ratio: readiness matters only for the `cpu` resource; for every other metric only
 * the phase, deletion and the presence of a sample matter. Time comparisons are strict, as Go's After/Before.
 */
export function groupPods(pods: CalculatorPod[], resourceName: string, timing: ReadinessTiming): PodGroups {
  const groups: PodGroups = { readyPodCount: 0, unready: new Set(), missing: new Set(), ignored: new Set() };
  for (const pod of pods) {
    if (pod.deleting === true || pod.phase === 'Failed') {
      groups.ignored.add(pod.name);
      continue;
    }
    if (pod.phase === 'Pending') {
      groups.unready.add(pod.name);
      continue;
    }
    if (pod.usageMilli === undefined) {
      groups.missing.add(pod.name);
      continue;
    }
    if (resourceName === 'cpu' && isCpuSampleUnready(pod, timing)) {
      groups.unready.add(pod.name);
      continue;
    }
    groups.readyPodCount++;
  }
  return groups;
}

function isCpuSampleUnready(pod: CalculatorPod, timing: ReadinessTiming): boolean {
  if (pod.ready === undefined || pod.startTimeSeconds === undefined) return true;
  const start = pod.startTimeSeconds;
  const transition = pod.readyTransitionTimeSeconds ?? GO_ZERO_TIME_SECONDS;
  if (start + timing.cpuInitializationPeriodSeconds > timing.nowSeconds) {
    // Still initialising: the sample must cover a full window after the last readiness transition.
    const sampledAt = pod.metricTimestampSeconds ?? timing.nowSeconds;
    const window = pod.metricWindowSeconds ?? timing.defaultMetricWindowSeconds;
    return pod.ready === false || sampledAt < transition + window;
  }
  // After initialisation: ignore only a pod that is unready and has never been ready.
  return pod.ready === false && start + timing.initialReadinessDelaySeconds > transition;
}
