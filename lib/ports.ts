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

/** The metrics of one run, exact definitions in DESIGN.md §6. Rates are fractions 0..1. */
export interface RunMetrics {
  durationSeconds: number;
  requests: number;
  successfulRequests: number;
  failedRequests: number;
  /** Requests that failed or took longer than `slaLatencyMs`. */
  slaViolatingRequests: number;
  slaLatencyMs: number;
  slaViolationRateRequests: number;
  /** Minutes whose P95 latency exceeds the SLA / all minutes. */
  slaViolationRateMinutes: number;
  latencyMeanMs: number;
  latencyP50Ms: number;
  latencyP95Ms: number;
  latencyP99Ms: number;
  costUsd: number;
  costPerMillionRequestsUsd: number;
  /** CPU used / CPU requested, time-weighted, fraction. */
  resourceEfficiency: number;
  meanCpuUtilization: number;
  underProvisioningEpisodes: number;
  /** null when there was no under-provisioning episode. */
  scalingLatencyMeanSeconds: number | null;
  scalingLatencyP95Seconds: number | null;
  scalingActionsPerHour: number;
  oscillationsPerHour: number;
  podHours: number;
  meanPods: number;
  maxPods: number;
}

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
