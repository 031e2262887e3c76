// The realistic plant's parameters in one place, with units (DESIGN.md §3). Every default describes a small,
// plausible stateless web service (an nginx/Node-style API behind a Service) on a modest cluster.

/** Optional node capacity: pods beyond `nodes × podsPerNode` stay Pending until a new node is provisioned. */
export interface NodePoolConfig {
  /** Pods that fit on one node (from the node's allocatable CPU/memory and the pod requests), pods. */
  podsPerNode: number;
  /** Nodes present at the start, nodes. */
  initialNodes: number;
  /** Upper bound on nodes (cluster-autoscaler max), nodes. Nodes are never removed (no node scale-down). */
  maxNodes: number;
  /** Time from "pods are Pending" to the new node accepting pods (cloud VM boot + kubelet join), seconds. */
  provisioningSeconds: number;
  /**
   * Allocatable CPU of one node, millicores; pods burst above their request only into CPU no pod on the node
   * requested (pods spread evenly: each gets min(limit, max(request, nodes × this / pods))). Absent or null =
   * every pod bursts to its limit.
   */
  nodeCpuMilli?: number | null;
}

/** Everything the simulated cluster needs; see `defaultPlantConfig` for the values and their justification. */
export interface PlantConfig {
  /** Simulation tick, seconds. Must divide `metricsResolutionSeconds`. */
  tickSeconds: number;
  /** CPU request per pod, millicores (what the HPA divides usage by and what cost is charged on). */
  cpuRequestMilli: number;
  /** CPU limit per pod, millicores (the CFS quota that bounds a pod's throughput). */
  cpuLimitMilli: number;
  /** CPU consumed by one request, core-seconds. Capacity per pod = limit / this. */
  cpuPerRequestCoreSeconds: number;
  /**
   * Response time of one request on an idle pod, ms: the CPU time at the limit (1000·cost/limit) plus I/O and
   * network. Must be ≥ the CPU part; the CPU part is exponentially distributed, the rest is a fixed delay.
   */
  baseServiceTimeMs: number;
  /** CPU a pod burns while started but not yet Ready (runtime warm-up, cache fill), millicores. */
  startupCpuMilli: number;
  /** Memory request per pod, MiB (charged in cost). */
  memoryRequestMiB: number;
  /** Memory a pod uses at rest, MiB. */
  memoryBaseMiB: number;
  /** Extra memory per in-flight request on the pod, MiB. */
  memoryPerInFlightMiB: number;
  /** Delay from pod creation to the kubelet starting it (scheduling + binding), seconds. */
  schedulingDelaySeconds: number;
  /** Median of the log-normal image-pull + container-start time, seconds. */
  startupMedianSeconds: number;
  /** Log-normal shape (σ of the log) of the start time; 0 = always the median. */
  startupSigma: number;
  /** Readiness probe delay after the container starts (initialDelaySeconds + one period), seconds. */
  readinessDelaySeconds: number;
  /** Client/proxy timeout: a request that would wait longer than this fails, seconds. */
  requestTimeoutSeconds: number;
  /** Backlog each Ready pod can hold (accept queue); arrivals beyond `pods × this` are rejected, requests. */
  queueCapacityPerPod: number;
  /** Replica bounds handed to every autoscaler, pods. */
  minReplicas: number;
  maxReplicas: number;
  /** Pods Ready at t = 0; null = just enough for the workload's initial load at 60 % of capacity. */
  initialReplicas: number | null;
  /** Price of one requested vCPU for one hour, USD. */
  pricePerVcpuHourUsd: number;
  /** Price of one requested GiB of memory for one hour, USD. */
  pricePerGibHourUsd: number;
  /** metrics-server resolution: per-pod CPU is an average over this window, sampled this often, seconds. */
  metricsResolutionSeconds: number;
  /** Delay from a metrics-server sample to the HPA seeing it, seconds (< resolution). */
  metricsLagSeconds: number;
  /** Prometheus scrape interval, seconds; `rate(…[1m])`-style aggregates use whole scrapes. */
  prometheusScrapeSeconds: number;
  /** Window of the Prometheus-style aggregates (rps, latency, error rate), seconds. */
  prometheusWindowSeconds: number;
  /**
   * Age of the data an autoscaler's PromQL sees, seconds: queries are evaluated at now − this (the scrape phase
   * and exporter delay of a real cluster; 0 = the query runs right at a scrape). < prometheusWindowSeconds.
   */
  prometheusLagSeconds: number;
  /** SLA latency: a request slower than this (or failed) violates the SLA, ms. */
  slaLatencyMs: number;
  /** Draw per-tick arrivals from a Poisson distribution instead of using expected counts. */
  poissonArrivals: boolean;
  /** Node capacity; null = unlimited nodes (every replica schedules at once). */
  nodes: NodePoolConfig | null;
}

/**
 * The defaults: a pod requests 250m and may burst to 500m; one request costs 5 ms of CPU, so a pod serves
 * 100 req/s at its limit and 20 replicas serve 2 000 req/s. Idle response time 25 ms (10 ms CPU + 15 ms I/O).
 * Start-up: ~1 s scheduling, log-normal pull+start around 8 s, 5 s readiness delay (≈ 15 s to Ready).
 * Prices are round figures of the order of public on-demand container prices ($0.04 per vCPU-hour,
 * $0.005 per GiB-hour), not any provider's exact list price.
 */
export const defaultPlantConfig: PlantConfig = Object.freeze({
  tickSeconds: 1,
  cpuRequestMilli: 250,
  cpuLimitMilli: 500,
  cpuPerRequestCoreSeconds: 0.005,
  baseServiceTimeMs: 25,
  startupCpuMilli: 100,
  memoryRequestMiB: 256,
  memoryBaseMiB: 120,
  memoryPerInFlightMiB: 0.5,
  schedulingDelaySeconds: 1,
  startupMedianSeconds: 8,
  startupSigma: 0.35,
  readinessDelaySeconds: 5,
  requestTimeoutSeconds: 10,
  queueCapacityPerPod: 200,
  minReplicas: 1,
  maxReplicas: 20,
  initialReplicas: null,
  pricePerVcpuHourUsd: 0.04,
  pricePerGibHourUsd: 0.005,
  metricsResolutionSeconds: 15,
  metricsLagSeconds: 5,
  prometheusScrapeSeconds: 15,
  prometheusWindowSeconds: 60,
  prometheusLagSeconds: 0,
  slaLatencyMs: 200,
  poissonArrivals: false,
  nodes: null,
}) as PlantConfig;

/** Requests/s one Ready pod serves at its CPU limit (the M/M/c service rate μ). */
export function podCapacityRps(config: PlantConfig): number {
  return config.cpuLimitMilli / 1000 / config.cpuPerRequestCoreSeconds;
}

/** Requests/s the service can serve at max replicas: scale workloads below this so scenarios stay feasible. */
export function maxCapacityRps(config: PlantConfig): number {
  return config.maxReplicas * podCapacityRps(config);
}

/** USD one allocated pod costs per second, from its requested CPU and memory. */
export function podCostPerSecondUsd(config: PlantConfig): number {
  const perHour =
    (config.cpuRequestMilli / 1000) * config.pricePerVcpuHourUsd + (config.memoryRequestMiB / 1024) * config.pricePerGibHourUsd;
  return perHour / 3600;
}
