// The plain per-interval sample the run recorder consumes. The simulator emits one per tick; a real-cluster backend
// can build one per Prometheus step (e.g. 15 s) from `increase(...)` of counters and re-binned histogram buckets.

/** What happened in one interval [tSeconds, tSeconds + durationSeconds). Counts may be fractional (expected values). */
export interface IntervalSample {
  /** Start of the interval, seconds since the run began. */
  tSeconds: number;
  /** Length of the interval, seconds. */
  durationSeconds: number;
  /** Requests that arrived (offered), requests. */
  requests: number;
  /** Requests that failed (timed out, rejected, no endpoints), requests. */
  failedRequests: number;
  /** Successful requests slower than the SLA latency, requests. */
  slowRequests: number;
  /** Sum of the latencies of the successful requests, ms. */
  latencySumMs: number;
  /**
   * How the successful requests' latencies spread over the standard buckets (`LATENCY_BOUNDS_MS` + overflow):
   * the fraction in bucket `latencyShapeFrom + i` is `latencyShape[i]`; fractions sum to 1 (empty array when
   * nothing succeeded). A real backend passes its re-binned bucket counts divided by their total, from 0.
   */
  latencyShape: ArrayLike<number>;
  latencyShapeFrom: number;
  /** Load the service is asked to carry (open: arrival rate; closed: VUs / (think + idle response)), req/s. */
  demandRps: number;
  /** What the Ready pods can serve at their CPU limit, req/s. */
  readyCapacityRps: number;
  /** Ready pods during the interval. */
  readyPods: number;
  /** Allocated pods (Ready + starting), the pods that cost money. */
  allocatedPods: number;
  /** The Deployment's desired replicas (spec.replicas) during the interval. */
  desiredReplicas: number;
  /** CPU used by allocated pods, core-seconds. */
  cpuUsedCoreSeconds: number;
  /** CPU requested by allocated pods, core-seconds. */
  cpuRequestedCoreSeconds: number;
  /** CPU used and requested by Ready pods only (for mean CPU utilization), core-seconds. */
  readyCpuUsedCoreSeconds: number;
  readyCpuRequestedCoreSeconds: number;
  /** Cost of the allocated pods over the interval, USD. */
  costUsd: number;
}
