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
 * What an autoscaler sees at one decision: the observation contract (DESIGN.md §2a). Every field names its real
 * source; the simulator produces it with the same semantics (sim/metrics-pipeline.ts evaluates the same PromQL on
 * its scraped samples: 15 s scrapes, `[1m]` windows, queried at now − `prometheusLagSeconds`). `undefined` means
 * "no data" (the query returned nothing or NaN): an autoscaler must hold rather than scale down on missing data.
 * The plant's true CPU cost per request, queue length and service time are simulator internals, never fields:
 * estimate CPU per request as `cpuUsageCores / rps` (same window, same lag).
 */
export interface Observation {
  /** Unix-like seconds of simulated or wall time (the controller's clock). */
  nowSeconds: number;
  /** The Deployment's desired replica count: scale subresource `spec.replicas`. */
  specReplicas: number;
  /** Pods that are Ready and serving: Deployment `status.readyReplicas` (kube_deployment_status_replicas_ready). */
  readyReplicas: number;
  /** Pods scheduled but not yet Ready (pulling, starting, readiness delay): `status.replicas − status.readyReplicas`. */
  startingReplicas: number;
  /** Pods that cannot be scheduled yet (no node capacity): pods with phase Pending and no node (PodScheduled=False). */
  pendingReplicas: number;
  /** Replica bounds the autoscaler must respect (its own configuration). */
  minReplicas: number;
  maxReplicas: number;
  /** Every pod of the Deployment with its metrics.k8s.io sample (metrics-server: 15 s resolution, lag) — for the HPA. */
  pods: PodView[];
  /** Requests/s arriving: `sum(rate(nginx_http_requests_total[1m]))`. */
  rps?: number;
  /** Mean latency of successful requests, ms: `sum(rate(nginx_http_response_time_seconds_hist_sum[1m])) / sum(rate(…_count[1m])) * 1000`
   *  (the access-log exporter's histogram; names in lib/metric-names.ts). The in-cluster controller does not query it. */
  latencyMeanMs?: number;
  /** P95 latency, ms: `histogram_quantile(0.95, sum by (le) (rate(nginx_http_response_time_seconds_hist_bucket[1m]))) * 1000` (latencyQuantileMsQuery). */
  latencyP95Ms?: number;
  /** Failed (5xx) / all responses, 0..1: `sum(rate(nginx_http_response_count_total{status=~"5.."}[1m])) / sum(rate(nginx_http_response_count_total[1m]))` (errorRateQuery). */
  errorRate?: number;
  /** CPU used / CPU requested over the Deployment's pods, fraction (> 1 when bursting above the request):
   *  `sum(rate(container_cpu_usage_seconds_total{pod=~…}[1m])) / sum(kube_pod_container_resource_requests{resource="cpu"})`. */
  cpuUtilization?: number;
  /** CPU used by the Deployment's pods, cores: `sum(rate(container_cpu_usage_seconds_total{pod=~…}[1m]))`. */
  cpuUsageCores?: number;
  /** Memory working set / memory requested, fraction: `sum(container_memory_working_set_bytes) / sum(kube_pod_container_resource_requests{resource="memory"})`. */
  memoryUtilization?: number;
  /** Requests in flight (queued or in service): Knative queue-proxy concurrency as the KPA reads it (1 s average). */
  inFlight?: number;
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
