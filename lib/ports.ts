// The ports every backend and every autoscaler meet at (DESIGN.md §2). Pure types, no behaviour.
import type { BackendName } from './backend-names.ts';

/** One pod as the API server and the metrics pipeline show it to an autoscaler. */
export interface PodView {
  name: string;
  phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed';
  /** Ready condition; undefined = the pod has no Ready condition yet. */
  ready?: boolean;
  /** The pod has a deletion timestamp (terminating). */
  deleting: boolean;
  /** Unix seconds the pod started; undefined = no start time (still Pending). */
  startTimeSeconds?: number;
  /** Unix seconds of the last Ready condition transition. */
  readyTransitionTimeSeconds?: number;
  /** CPU request of the pod, millicores. */
  cpuRequestMilli: number;
  /** CPU usage from the metrics pipeline, millicores; undefined = no metric for this pod. */
  cpuUsageMilli?: number;
  /** Unix seconds at which the usage sample was taken. */
  metricTimestampSeconds?: number;
  /** Window the usage sample averages over, seconds. */
  metricWindowSeconds?: number;
  /** Memory request, MiB. */
  memoryRequestMiB: number;
  /** Memory usage from the metrics pipeline, MiB; undefined = no metric. */
  memoryUsageMiB?: number;
}

/**
 * What an autoscaler sees at one decision. Aggregates are Prometheus-like (15 s scrape, rate over 1 m) and
 * `undefined` means "no data": an autoscaler must hold rather than scale down on missing data.
 */
export interface Observation {
  /** Unix-like seconds of simulated or wall time. */
  nowSeconds: number;
  /** The Deployment's desired replica count (scale subresource `spec.replicas`). */
  specReplicas: number;
  /** Pods that are Ready and serving. */
  readyReplicas: number;
  /** Pods scheduled but not yet Ready (pulling, starting, readiness delay). */
  startingReplicas: number;
  /** Pods that cannot be scheduled yet (no node capacity). */
  pendingReplicas: number;
  /** Replica bounds the autoscaler must respect. */
  minReplicas: number;
  maxReplicas: number;
  /** Every pod of the Deployment (for the HPA's per-pod handling). */
  pods: PodView[];
  /** Requests per second arriving at the service (rate over 1 m). */
  rps?: number;
  /** Mean and P95 latency of requests completed over the last minute, ms. */
  latencyMeanMs?: number;
  latencyP95Ms?: number;
  /** Failed requests / all requests over the last minute, 0..1. */
  errorRate?: number;
  /** Mean CPU usage / request over ready pods, fraction (can exceed 1 when limit > request). */
  cpuUtilization?: number;
  /** Mean memory usage / request over ready pods, fraction. */
  memoryUtilization?: number;
  /** Requests waiting in the backlog. */
  queueLength?: number;
  /** Requests in flight (being served or queued): the concurrency a KPA-like scaler reads. */
  inFlight?: number;
  /** CPU cost of one request, core-seconds, when the backend knows it (simulator) — for predictive scalers. */
  cpuPerRequestCoreSeconds?: number;
}

/** What an autoscaler decided and why; `reason` is a stable code (e.g. `ScaleUp`, `CooldownActive`). */
export interface Decision {
  replicas: number;
  reason: string;
}

/** Every baseline and every agent. `decide` is called every `periodSeconds` of (simulated) time. */
export interface Autoscaler {
  readonly name: string;
  readonly periodSeconds: number;
  decide(observation: Observation): Decision;
}

/**
 * The metrics every RunRecord carries, in record and CSV column order, each with its meaning and unit (exact
 * definitions in DESIGN.md §6; rates are fractions 0..1). The one list of them: the RunMetrics type, the record
 * validator, the published JSON Schema, summary.csv and the report checks all derive from it, so a metric added
 * here reaches every one of them (and a table keyed by metric, e.g. the validator's bounds, fails to compile until
 * it says what the new metric's bounds are).
 */
export const RUN_METRIC_DOCS = {
  durationSeconds: 'Length of the run, seconds.',
  requests: 'Requests that arrived, requests.',
  successfulRequests: 'Requests answered successfully, requests.',
  failedRequests: 'Requests that failed (timeout, queue full), requests.',
  slaViolatingRequests: 'Requests that failed or took longer than `slaLatencyMs`, requests.',
  slaLatencyMs: 'The SLA latency the run was judged against, ms.',
  slaViolationRateRequests: 'slaViolatingRequests / requests, fraction.',
  slaViolationRateMinutes: 'Minutes whose P95 latency exceeds the SLA / all minutes, fraction.',
  latencyMeanMs: 'Mean latency of successful requests, ms.',
  latencyP50Ms: 'Median latency over the requests of the run, ms.',
  latencyP95Ms: 'P95 latency over the requests of the run, ms.',
  latencyP99Ms: 'P99 latency over the requests of the run, ms.',
  costUsd: 'Cost of the allocated pods over the run (pod-seconds × price), USD.',
  costPerMillionRequestsUsd: 'costUsd per million successful requests, USD.',
  resourceEfficiency: 'CPU used / CPU requested, time-weighted, fraction (can exceed 1 when limit > request).',
  meanCpuUtilization: 'Mean CPU usage / request over ready pods, fraction (can exceed 1).',
  underProvisioningEpisodes: 'Episodes with demand > ready capacity, count.',
  scalingLatencyMeanSeconds: 'Mean seconds from an episode start until ready capacity ≥ demand; null when there was no episode.',
  scalingLatencyP95Seconds: 'P95 (nearest rank) of the same; null when there was no episode.',
  scalingActionsPerHour: 'Changes of desired replicas per hour.',
  oscillationsPerHour: 'Direction reversals within 5 minutes, per hour.',
  podHours: 'Allocated (ready + starting) pod-hours.',
  meanPods: 'Mean allocated pods, time-weighted.',
  maxPods: 'Most allocated pods at once.',
} as const;

/** A metric's key. */
export type RunMetricKey = keyof typeof RUN_METRIC_DOCS;

/** Every metric key, in record and CSV column order. */
export const RUN_METRIC_KEYS = Object.keys(RUN_METRIC_DOCS) as readonly RunMetricKey[];

/** The metrics that may be null by definition (no under-provisioning episode → no scaling latency). */
export const NULLABLE_METRIC_KEYS = ['scalingLatencyMeanSeconds', 'scalingLatencyP95Seconds'] as const satisfies readonly RunMetricKey[];

/** A metric that may be null. */
export type NullableMetricKey = (typeof NULLABLE_METRIC_KEYS)[number];

/** The metrics of one run (see RUN_METRIC_DOCS for each one's meaning and unit). */
export type RunMetrics = { [K in RunMetricKey]: K extends NullableMetricKey ? number | null : number };

/** Per-minute series of a run, for charts. Arrays have equal length. */
export interface RunSeries {
  tSeconds: number[];
  rps: number[];
  readyPods: number[];
  desiredReplicas: number[];
  latencyP95Ms: number[];
  cpuUtilization: number[];
}

/** One row per (experiment, scenario, autoscaler, seed); written as JSON Lines, read by every report. */
export interface RunRecord {
  schema: 'scalelab.run/v1';
  experiment: string;
  scenario: string;
  autoscaler: string;
  seed: number;
  backend: BackendName;
  metrics: RunMetrics;
  /** The resolved configuration of the cell (plant, workload, autoscaler). */
  config: Record<string, unknown>;
  series?: RunSeries;
  /** Run-level latency histogram (for CDF charts): upper bounds in ms and counts of requests. */
  latencyHistogram?: { boundsMs: number[]; counts: number[] };
  /** Reason codes counted over the run (e.g. { ScaleUp: 12, Hold: 300 }). */
  reasons?: Record<string, number>;
}

export const RUN_RECORD_SCHEMA = 'scalelab.run/v1' as const;
