// Configuration of the simulated HPA: the HPA object's spec plus the controller's flags, with upstream defaults.
import type { HpaBehavior } from './behavior.ts';
import { readBehavior } from './behavior-input.ts';
import { HpaInputError, ObjectReader } from './input-schema.ts';

/** A metric the simulated HPA can read from an Observation. */
export type HpaMetricSpec =
  /** cpu in millicores; memory in MiB (targetAverageValueMilli is then MiB). */
  | { type: 'Resource'; name: 'cpu' | 'memory'; targetUtilization: number }
  | { type: 'Resource'; name: 'cpu' | 'memory'; targetAverageValueMilli: number }
  /** Observation aggregates as an External metric (value × 1000 milli-units), e.g. rps per pod. */
  | { type: 'External'; source: 'rps' | 'inFlight'; targetValueMilli?: number; targetAverageValueMilli?: number };

/** The HPA object and the kube-controller-manager flags. */
export interface HpaConfig {
  /** Sync period (`--horizontal-pod-autoscaler-sync-period`), seconds; default 15. */
  syncPeriodSeconds: number;
  /** spec.minReplicas; undefined = the Observation's minReplicas. */
  minReplicas?: number;
  /** spec.maxReplicas; undefined = the Observation's maxReplicas. */
  maxReplicas?: number;
  /** spec.metrics; default one CPU utilization target of 70 %. */
  metrics: HpaMetricSpec[];
  /** spec.behavior; null = the legacy (no-behavior) path. Default null. */
  behavior: HpaBehavior | null;
  /** `--horizontal-pod-autoscaler-tolerance`, fraction; default 0.1 (both directions). */
  tolerance: number;
  /** `--horizontal-pod-autoscaler-cpu-initialization-period`, seconds; default 300. */
  cpuInitializationPeriodSeconds: number;
  /** `--horizontal-pod-autoscaler-initial-readiness-delay`, seconds; default 30. */
  initialReadinessDelaySeconds: number;
  /** `--horizontal-pod-autoscaler-downscale-stabilization`, seconds; default 300. */
  downscaleStabilizationWindowSeconds: number;
  /** Metric window assumed when a sample has none, seconds; default 60. */
  defaultMetricWindowSeconds: number;
  /** Legacy path scale-up limit factor; default 2.0. */
  scaleUpLimitFactor: number;
  /** Legacy path scale-up limit minimum, replicas; default 4. */
  scaleUpLimitMinimum: number;
  /**
   * Upstream remembers {current replicas, now} as a recommendation the first time it sees an HPA, so a fresh
   * controller does not scale down at once; default true. false = start with an empty history.
   */
  recordInitialRecommendation: boolean;
}

/** Upstream defaults (kube-controller-manager flags, autoscaling/v2 API defaults). */
export const defaultHpaConfig: HpaConfig = {
  syncPeriodSeconds: 15,
  metrics: [{ type: 'Resource', name: 'cpu', targetUtilization: 70 }],
  behavior: null,
  tolerance: 0.1,
  cpuInitializationPeriodSeconds: 300,
  initialReadinessDelaySeconds: 30,
  downscaleStabilizationWindowSeconds: 300,
  defaultMetricWindowSeconds: 60,
  scaleUpLimitFactor: 2.0,
  scaleUpLimitMinimum: 4,
  recordInitialRecommendation: true,
};

function readMetricSpec(value: unknown, path: string): HpaMetricSpec {
  const r = new ObjectReader(value, path);
  const type = r.oneOf('type', ['Resource', 'External'] as const);
  const positive = { min: 0, exclusiveMin: true };
  if (type === 'Resource') {
    const name = r.oneOf('name', ['cpu', 'memory'] as const);
    if (r.has('targetUtilization')) return { type, name, targetUtilization: r.number('targetUtilization', { ...positive, integer: true }) };
    return { type, name, targetAverageValueMilli: r.number('targetAverageValueMilli', positive) };
  }
  const source = r.oneOf('source', ['rps', 'inFlight'] as const);
  if (r.has('targetValueMilli')) return { type, source, targetValueMilli: r.number('targetValueMilli', positive) };
  return { type, source, targetAverageValueMilli: r.number('targetAverageValueMilli', positive) };
}

/** Use where an experiment file's `{ type: "hpa", ...params }` becomes a config; throws HpaInputError naming the field. */
export function parseHpaConfig(params: Record<string, unknown>): HpaConfig {
  const r = new ObjectReader(params, '');
  const config: HpaConfig = { ...defaultHpaConfig };
  const numbers: Array<[keyof HpaConfig, { min?: number; integer?: boolean; exclusiveMin?: boolean }]> = [
    ['syncPeriodSeconds', { min: 0, exclusiveMin: true }],
    ['minReplicas', { min: 0, integer: true }],
    ['maxReplicas', { min: 1, integer: true }],
    ['tolerance', { min: 0 }],
    ['cpuInitializationPeriodSeconds', { min: 0 }],
    ['initialReadinessDelaySeconds', { min: 0 }],
    ['downscaleStabilizationWindowSeconds', { min: 0 }],
    ['defaultMetricWindowSeconds', { min: 0 }],
    ['scaleUpLimitFactor', { min: 0 }],
    ['scaleUpLimitMinimum', { min: 0 }],
  ];
  for (const [key, opts] of numbers) {
    const n = r.optionalNumber(key, opts);
    if (n !== undefined) (config as unknown as Record<string, number>)[key] = n;
  }
  if (r.has('targetCpuUtilization')) {
    config.metrics = [{ type: 'Resource', name: 'cpu', targetUtilization: r.number('targetCpuUtilization', { min: 0, exclusiveMin: true, integer: true }) }];
  }
  if (r.has('metrics')) {
    config.metrics = r.array('metrics', readMetricSpec);
    if (config.metrics.length === 0) throw new HpaInputError('metrics', [], 'at least one metric');
  }
  const initial = r.optionalBoolean('recordInitialRecommendation');
  if (initial !== undefined) config.recordInitialRecommendation = initial;
  if (r.has('behavior')) config.behavior = readBehavior(r.raw('behavior'), 'behavior');
  if (config.minReplicas !== undefined && config.maxReplicas !== undefined && config.minReplicas > config.maxReplicas) {
    throw new HpaInputError('minReplicas', config.minReplicas, `at most maxReplicas (${config.maxReplicas})`);
  }
  return config;
}
