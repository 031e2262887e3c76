// Prometheus as the simulator's autoscalers see it (DESIGN.md §2a): the service's counters and gauges are
// "scraped" every `scrapeSeconds` into a short history, and every aggregate an Observation carries is the PromQL
// the in-cluster controller runs, evaluated on those samples with sim/promql.ts (`rate(…[window])`,
// `histogram_quantile(0.95, …)`), at the query time minus the metrics lag. `scrapeSamples` exposes the samples so
// a test can backfill a real Prometheus with them and compare (tests/integration/observation-contract.test.ts).
import { LATENCY_BOUNDS_MS, LATENCY_BUCKET_COUNT } from './latency-histogram.ts';
import { histogramQuantileOf, promRateOf } from './promql.ts';

/** What one scrape records: cumulative counters since the start, and gauges at the scrape. */
export interface ScrapeSample {
  tSeconds: number;
  /** nginx_http_requests_total: all requests that arrived. */
  requestsTotal: number;
  /** http_requests_failed_total: requests that failed (rejected, timed out). */
  failedTotal: number;
  /** http_request_duration_seconds_count / _sum: successful requests and their latency, seconds. */
  durationCount: number;
  durationSumSeconds: number;
  /** http_request_duration_seconds_bucket{le}: successful requests with latency ≤ le, one per LATENCY_BOUNDS_MS + +Inf. */
  durationBuckets: Float64Array;
  /** container_cpu_usage_seconds_total summed over the Deployment's pods, core-seconds. */
  cpuSecondsTotal: number;
  /** kube_pod_container_resource_requests{resource="cpu"} summed over the Deployment's pods, cores. */
  cpuRequestCores: number;
  /** container_memory_working_set_bytes and the memory requests summed over the pods, bytes. */
  memoryWorkingSetBytes: number;
  memoryRequestBytes: number;
  /** kube_deployment_status_replicas_ready at the scrape. */
  readyReplicas: number;
}

/** The Observation's Prometheus fields at one query time (undefined = the query returns no value or NaN). */
export interface PromAggregates {
  rps?: number;
  errorRate?: number;
  latencyMeanMs?: number;
  latencyP95Ms?: number;
  cpuUsageCores?: number;
  cpuUtilization?: number;
  memoryUtilization?: number;
}

/** Gauges of the Deployment at a scrape (from the plant). */
export interface ScrapeGauges {
  cpuRequestCores: number;
  memoryWorkingSetBytes: number;
  memoryRequestBytes: number;
  readyReplicas: number;
}

/** Rolling scrape history; `add` per tick, `scrape` at each scrape time, `query` at decision time. */
export interface ServiceMetrics {
  /** Adds a tick; the successful requests' latencies are spread as `shape` over buckets `from + i`. */
  add(requests: number, failed: number, successful: number, latencySumMs: number, shape: ArrayLike<number>, from: number, cpuCoreSeconds: number): void;
  scrape(tSeconds: number, gauges: ScrapeGauges): void;
  /** The aggregates Prometheus would answer at `atSeconds` (only samples at or before it count). */
  query(atSeconds: number): PromAggregates;
  /** The kept samples, oldest first (copies). */
  scrapeSamples(): ScrapeSample[];
}

/** le bounds of the latency buckets in seconds, as an exporter writes them (last +Inf). */
export const DURATION_BUCKET_LE_SECONDS: Float64Array = Float64Array.from([...Array.from(LATENCY_BOUNDS_MS, (b) => b / 1000), Infinity]);

const defined = (x: number): number | undefined => (Number.isFinite(x) ? x : undefined);

/**
 * Use one per plant: scrapes `scrapeSeconds` apart, rates over `windowSeconds`, history long enough for
 * `maxLagSeconds` of lag.
 */
export function createServiceMetrics(scrapeSeconds: number, windowSeconds: number, maxLagSeconds = 0): ServiceMetrics {
  const keep = Math.ceil((windowSeconds + maxLagSeconds) / scrapeSeconds) + 2;
  const ring: ScrapeSample[] = [];
  const perBucket = new Float64Array(LATENCY_BUCKET_COUNT); // cumulative successful requests per bucket
  const cur = { requests: 0, failed: 0, successful: 0, latencySumSeconds: 0, cpu: 0 };
  const ts = new Float64Array(keep);
  const vs = new Float64Array(keep);
  // Consecutive ticks often share one cached shape: add their weights and spread them once.
  let pendingShape: ArrayLike<number> | null = null;
  const pending = { from: 0, weight: 0 };
  function flush(): void {
    if (pendingShape !== null && pending.weight !== 0) {
      for (let i = 0; i < pendingShape.length; i++) perBucket[pending.from + i] += pending.weight * pendingShape[i];
    }
    pendingShape = null;
    pending.weight = 0;
  }
  function rateOf(n: number, at: number, pick: (s: ScrapeSample) => number): number {
    for (let i = 0; i < n; i++) vs[i] = pick(ring[i]);
    return promRateOf(ts, vs, n, at, windowSeconds);
  }
  function bucketRate(n: number, at: number, k: number): number {
    for (let i = 0; i < n; i++) vs[i] = ring[i].durationBuckets[k];
    return promRateOf(ts, vs, n, at, windowSeconds);
  }
  return {
    add(requests, failed, successful, latencySumMs, shape, from, cpuCoreSeconds) {
      cur.requests += requests;
      cur.failed += failed;
      cur.successful += successful;
      cur.latencySumSeconds += latencySumMs / 1000;
      cur.cpu += cpuCoreSeconds;
      if (shape !== pendingShape || from !== pending.from) {
        flush();
        pendingShape = shape;
        pending.from = from;
      }
      pending.weight += successful;
    },
    scrape(tSeconds, gauges) {
      flush();
      const s: ScrapeSample = ring.length >= keep ? ring.shift()! : { durationBuckets: new Float64Array(LATENCY_BUCKET_COUNT) } as ScrapeSample;
      s.tSeconds = tSeconds;
      s.requestsTotal = cur.requests;
      s.failedTotal = cur.failed;
      s.durationCount = cur.successful;
      s.durationSumSeconds = cur.latencySumSeconds;
      let c = 0;
      for (let i = 0; i < LATENCY_BUCKET_COUNT; i++) s.durationBuckets[i] = c += perBucket[i];
      s.durationBuckets[LATENCY_BUCKET_COUNT - 1] = cur.successful; // +Inf = _count, as client libraries write it
      s.cpuSecondsTotal = cur.cpu;
      s.cpuRequestCores = gauges.cpuRequestCores;
      s.memoryWorkingSetBytes = gauges.memoryWorkingSetBytes;
      s.memoryRequestBytes = gauges.memoryRequestBytes;
      s.readyReplicas = gauges.readyReplicas;
      ring.push(s);
    },
    query(at) {
      let n = 0;
      while (n < ring.length && ring[n].tSeconds <= at) n++;
      if (n === 0) return {};
      const last = ring[n - 1];
      for (let i = 0; i < n; i++) ts[i] = ring[i].tSeconds;
      const rps = rateOf(n, at, (s) => s.requestsTotal);
      const failed = rateOf(n, at, (s) => s.failedTotal);
      const count = rateOf(n, at, (s) => s.durationCount);
      const sum = rateOf(n, at, (s) => s.durationSumSeconds);
      const cpu = rateOf(n, at, (s) => s.cpuSecondsTotal);
      const p95 = Number.isNaN(count) ? Number.NaN : histogramQuantileOf(0.95, DURATION_BUCKET_LE_SECONDS, (k) => bucketRate(n, at, k));
      return {
        rps: defined(rps),
        errorRate: defined(failed / rps),
        latencyMeanMs: defined((sum / count) * 1000),
        latencyP95Ms: defined(p95 * 1000),
        cpuUsageCores: defined(cpu),
        cpuUtilization: defined(cpu / last.cpuRequestCores),
        memoryUtilization: defined(last.memoryWorkingSetBytes / last.memoryRequestBytes),
      };
    },
    scrapeSamples: () => ring.map((s) => ({ ...s, durationBuckets: s.durationBuckets.slice() })),
  };
}
