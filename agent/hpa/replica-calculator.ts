// The upstream HPA replica calculator (kubernetes/kubernetes pkg/controller/podautoscaler/replica_calculator.go),
// written as one pure function: pods, samples, target and time in; a replica proposal out.
import type {
  CalculatorConstants,
  CalculatorInput,
  CalculatorMetric,
  CalculatorPod,
  CalculatorResult,
  Tolerances,
} from './calculator-types.ts';
import { defaultCalculatorConstants, HpaCalculationError, MAX_INT32 } from './calculator-types.ts';
import { groupPods, type PodGroups } from './group-pods.ts';

/** Inclusive per-direction tolerance check (upstream Tolerances.isWithin). */
export function isWithinTolerance(usageRatio: number, tolerance: Tolerances): boolean {
  return 1.0 - tolerance.scaleDown <= usageRatio && usageRatio <= 1.0 + tolerance.scaleUp;
}

/** Use to ask "what would the HPA propose for this one metric right now?"; throws HpaCalculationError where upstream errors. */
export function calculateReplicas(input: CalculatorInput): CalculatorResult {
  return calculate(input, true);
}

/** The same calculation without the fast path: the reference the twin test holds the fast path to. */
export function calculateReplicasReference(input: CalculatorInput): CalculatorResult {
  return calculate(input, false);
}

/** The fast path alone for a Resource utilization target: its result, or null where it defers to the general path. */
export function utilizationFastPath(input: CalculatorInput): CalculatorResult | null {
  const metric = input.metric;
  if (metric.type !== 'Resource' || !('targetUtilization' in metric)) return null;
  return fastUtilizationReplicas(input, metric.name, metric.targetUtilization, resolveConstants(input.constants));
}

/** The controller constants of one call: the given ones, else upstream's defaults. */
function resolveConstants(given: Partial<CalculatorConstants> | undefined): CalculatorConstants {
  // Built field by field: object spread is the slowest part of a decision (same values as { ...defaults, ...given }).
  const d = defaultCalculatorConstants;
  return {
    tolerance: given?.tolerance !== undefined ? given.tolerance : d.tolerance,
    cpuInitializationPeriodSeconds: given?.cpuInitializationPeriodSeconds !== undefined ? given.cpuInitializationPeriodSeconds : d.cpuInitializationPeriodSeconds,
    initialReadinessDelaySeconds: given?.initialReadinessDelaySeconds !== undefined ? given.initialReadinessDelaySeconds : d.initialReadinessDelaySeconds,
    defaultMetricWindowSeconds: given?.defaultMetricWindowSeconds !== undefined ? given.defaultMetricWindowSeconds : d.defaultMetricWindowSeconds,
  };
}

function calculate(input: CalculatorInput, fastPath: boolean): CalculatorResult {
  const constants = resolveConstants(input.constants);
  const metric = input.metric;
  if (metric.type === 'Resource' && 'targetUtilization' in metric) {
    return resourceUtilizationReplicas(input, metric.name, metric.targetUtilization, constants, fastPath);
  }
  if (metric.type === 'Resource' || metric.type === 'Pods') {
    const target = (metric as { targetAverageValueMilli: number }).targetAverageValueMilli;
    const resourceName = metric.type === 'Resource' ? metric.name : '';
    const samples = sampleMap(input);
    if (samples.size === 0) {
      throw metric.type === 'Resource'
        ? new HpaCalculationError('FailedGetResourceMetric', `unable to get metrics for resource ${resourceName}: no metrics returned from resource metrics API`)
        : new HpaCalculationError('FailedGetPodsMetric', 'unable to get metric: no metrics returned from custom metrics API');
    }
    return plainMetricReplicas(input, samples, target, resourceName, constants);
  }
  return objectOrExternalReplicas(input, metric, constants.tolerance);
}

type Samples = Map<string, number>;

function sampleMap(input: CalculatorInput): Samples {
  const samples: Samples = new Map();
  for (const stray of input.strayMetrics ?? []) samples.set(stray.name, stray.usageMilli);
  for (const pod of input.pods) if (pod.usageMilli !== undefined) samples.set(pod.name, pod.usageMilli);
  return samples;
}

function groupAndPrune(input: CalculatorInput, samples: Samples, resourceName: string, c: CalculatorConstants): PodGroups {
  const reason = resourceName === '' ? 'FailedGetPodsMetric' : 'FailedGetResourceMetric';
  if (input.pods.length === 0) {
    throw new HpaCalculationError(reason, 'no pods returned by selector while calculating replica count');
  }
  const groups = groupPods(input.pods, resourceName, {
    nowSeconds: input.nowSeconds,
    cpuInitializationPeriodSeconds: c.cpuInitializationPeriodSeconds,
    initialReadinessDelaySeconds: c.initialReadinessDelaySeconds,
    defaultMetricWindowSeconds: c.defaultMetricWindowSeconds,
  });
  for (const name of groups.ignored) samples.delete(name);
  for (const name of groups.unready) samples.delete(name);
  if (samples.size === 0) {
    throw new HpaCalculationError(reason, 'did not receive metrics for targeted pods (pods might be unready)');
  }
  return groups;
}

// --- Resource metric with a utilization target (percent of requests) ---------------------------------------

interface UtilizationRatio {
  ratio: number;
  utilization: number;
  rawAverageMilli: number;
}

/** upstream GetResourceUtilizationRatio: integer percent, samples without a matching request are extraneous. */
function utilizationRatio(samples: Samples, requests: Map<string, number>, targetUtilization: number): UtilizationRatio {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (const [name, value] of samples) {
    const request = requests.get(name);
    if (request === undefined) continue;
    metricsTotal += value;
    requestsTotal += request;
    entries++;
  }
  if (requestsTotal === 0) throw new HpaCalculationError('FailedGetResourceMetric', 'no metrics returned matched known pods');
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  return { ratio: utilization / targetUtilization, utilization, rawAverageMilli: Math.trunc(metricsTotal / entries) };
}

function podRequests(pods: CalculatorPod[], resourceName: string): Map<string, number> {
  const requests = new Map<string, number>();
  for (const pod of pods) {
    if (pod.requestMilli === undefined) {
      throw new HpaCalculationError('FailedGetResourceMetric', `missing request for ${resourceName} in Pod ${pod.name}`);
    }
    requests.set(pod.name, pod.requestMilli);
  }
  return requests;
}

/** Above this many pods the fast path's pairwise name check would cost more than the maps it avoids. */
const FAST_PATH_MAX_PODS = 64;

/**
 * The common case of resourceUtilizationReplicas without its per-call Maps: no stray metrics, unique pod names,
 * every pod has a request, and no rebalancing. Sums run in the same order as the Map path (pod order), so the
 * result is bit-identical; null = not that case (or an error to report): the caller takes the general path.
 */
function fastUtilizationReplicas(input: CalculatorInput, resourceName: string, target: number, c: CalculatorConstants): CalculatorResult | null {
  const pods = input.pods;
  const n = pods.length;
  if (n === 0 || n > FAST_PATH_MAX_PODS || (input.strayMetrics !== undefined && input.strayMetrics.length > 0)) return null;
  for (let i = 1; i < n; i++) {
    const name = pods[i].name;
    for (let j = 0; j < i; j++) if (pods[j].name === name) return null;
  }
  for (let i = 0; i < n; i++) if (pods[i].requestMilli === undefined) return null;
  const groups = groupPods(pods, resourceName, {
    nowSeconds: input.nowSeconds,
    cpuInitializationPeriodSeconds: c.cpuInitializationPeriodSeconds,
    initialReadinessDelaySeconds: c.initialReadinessDelaySeconds,
    defaultMetricWindowSeconds: c.defaultMetricWindowSeconds,
  });
  if (groups.missing.size > 0) return null;
  const skip = groups.ignored.size > 0 || groups.unready.size > 0;
  let metricsTotal = 0;
  let requestsTotal = 0;
  let entries = 0;
  for (let i = 0; i < n; i++) {
    const pod = pods[i];
    const value = pod.usageMilli;
    if (value === undefined) continue;
    if (skip && (groups.ignored.has(pod.name) || groups.unready.has(pod.name))) continue;
    metricsTotal += value;
    requestsTotal += pod.requestMilli!;
    entries++;
  }
  if (entries === 0 || requestsTotal === 0) return null;
  const utilization = Math.trunc((metricsTotal * 100) / requestsTotal);
  const usageRatio = utilization / target;
  if (groups.unready.size > 0 && usageRatio > 1.0) return null;
  const rawAverageMilli = Math.trunc(metricsTotal / entries);
  if (isWithinTolerance(usageRatio, c.tolerance)) return { replicas: input.currentReplicas, utilization, rawAverageMilli };
  return { replicas: Math.ceil(usageRatio * groups.readyPodCount), utilization, rawAverageMilli };
}

function resourceUtilizationReplicas(input: CalculatorInput, resourceName: string, target: number, c: CalculatorConstants, fastPath: boolean): CalculatorResult {
  const fast = fastPath ? fastUtilizationReplicas(input, resourceName, target, c) : null;
  if (fast !== null) return fast;
  const samples = sampleMap(input);
  if (samples.size === 0) {
    throw new HpaCalculationError('FailedGetResourceMetric', `unable to get metrics for resource ${resourceName}: no metrics returned from resource metrics API`);
  }
  const groups = groupAndPrune(input, samples, resourceName, c);
  const requests = podRequests(input.pods, resourceName);
  const first = utilizationRatio(samples, requests, target);
  const current = input.currentReplicas;
  const usageRatio = first.ratio;

  const scaleUpWithUnready = groups.unready.size > 0 && usageRatio > 1.0;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (isWithinTolerance(usageRatio, c.tolerance)) return { replicas: current, utilization: first.utilization, rawAverageMilli: first.rawAverageMilli };
    return { replicas: Math.ceil(usageRatio * groups.readyPodCount), utilization: first.utilization, rawAverageMilli: first.rawAverageMilli };
  }

  // Rebalance: missing pods count as the fallback (scale-down) or 0 (scale-up); unready pods as 0 on scale-up.
  if (groups.missing.size > 0) {
    if (usageRatio < 1.0) {
      const fallbackUtilization = Math.max(100, target);
      for (const name of groups.missing) samples.set(name, Math.trunc((requests.get(name)! * fallbackUtilization) / 100));
    } else if (usageRatio > 1.0) {
      for (const name of groups.missing) samples.set(name, 0);
    }
  }
  if (scaleUpWithUnready) for (const name of groups.unready) samples.set(name, 0);

  const newUsageRatio = utilizationRatio(samples, requests, target).ratio;
  const replicas = rebalancedReplicas(usageRatio, newUsageRatio, samples.size, current, c.tolerance);
  return { replicas, utilization: first.utilization, rawAverageMilli: first.rawAverageMilli };
}

/** The shared tail of both per-pod paths: keep the current count if the rebalanced ratio flips direction. */
function rebalancedReplicas(usageRatio: number, newUsageRatio: number, sampleCount: number, current: number, tolerance: Tolerances): number {
  if (
    isWithinTolerance(newUsageRatio, tolerance) ||
    (usageRatio < 1.0 && newUsageRatio > 1.0) ||
    (usageRatio > 1.0 && newUsageRatio < 1.0)
  ) {
    return current;
  }
  const newReplicas = Math.ceil(newUsageRatio * sampleCount);
  if ((newUsageRatio < 1.0 && newReplicas > current) || (newUsageRatio > 1.0 && newReplicas < current)) return current;
  return newReplicas;
}

// --- Plain per-pod values: Pods metrics and Resource metrics with an average-value target ----------------------

function plainMetricReplicas(input: CalculatorInput, samples: Samples, target: number, resourceName: string, c: CalculatorConstants): CalculatorResult {
  const groups = groupAndPrune(input, samples, resourceName, c);
  const average = (): number => {
    let total = 0;
    for (const value of samples.values()) total += value;
    return Math.trunc(total / samples.size);
  };
  const usageMilli = average();
  const usageRatio = usageMilli / target;
  const current = input.currentReplicas;

  const scaleUpWithUnready = groups.unready.size > 0 && usageRatio > 1.0;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (isWithinTolerance(usageRatio, c.tolerance)) return { replicas: current, usageMilli };
    return { replicas: Math.ceil(usageRatio * groups.readyPodCount), usageMilli };
  }
  if (groups.missing.size > 0) {
    if (usageRatio < 1.0) for (const name of groups.missing) samples.set(name, target);
    else if (usageRatio > 1.0) for (const name of groups.missing) samples.set(name, 0);
  }
  if (scaleUpWithUnready) for (const name of groups.unready) samples.set(name, 0);
  const newUsageRatio = average() / target;
  return { replicas: rebalancedReplicas(usageRatio, newUsageRatio, samples.size, current, c.tolerance), usageMilli };
}

// --- Object and External metrics: one value for the whole workload ----------------------------------------------

function objectOrExternalReplicas(
  input: CalculatorInput,
  metric: Extract<CalculatorMetric, { valueMilli: number }>,
  tolerance: Tolerances,
): CalculatorResult {
  const value = metric.valueMilli;
  if (metric.targetValueMilli !== undefined) {
    const usageRatio = value / metric.targetValueMilli;
    return { replicas: usageRatioReplicaCount(input, usageRatio, tolerance), usageMilli: value };
  }
  // Average-value target: the status replica count divides the value (scale from zero when it is 0).
  const target = metric.targetAverageValueMilli!;
  const statusReplicas = input.currentReplicas;
  let replicas = statusReplicas;
  const usageRatio = value / (target * statusReplicas);
  if (!isWithinTolerance(usageRatio, tolerance)) replicas = capInt32(Math.ceil(value / target));
  if (statusReplicas === 0) return { replicas };
  return { replicas, usageMilli: Math.ceil(value / statusReplicas) };
}

function usageRatioReplicaCount(input: CalculatorInput, usageRatio: number, tolerance: Tolerances): number {
  const current = input.currentReplicas;
  if (current === 0) return Math.ceil(usageRatio); // scale to zero or n pods, no tolerance
  if (isWithinTolerance(usageRatio, tolerance)) return current;
  if (input.pods.length === 0) {
    const reason = input.metric.type === 'External' ? 'FailedGetExternalMetric' : 'FailedGetObjectMetric';
    throw new HpaCalculationError(reason, 'unable to calculate ready pods: no pods returned by selector while calculating replica count');
  }
  const readyPodCount = input.pods.filter((p) => p.phase === 'Running' && p.ready === true).length;
  return capInt32(Math.ceil(usageRatio * readyPodCount));
}

function capInt32(replicas: number): number {
  return replicas > MAX_INT32 ? MAX_INT32 : replicas;
}
