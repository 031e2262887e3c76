// Prometheus-like service metrics for the simulator: counters scraped every 15 s and aggregated over the last
// window (`rate(…[1m])`, `histogram_quantile(0.95, …)`), so an autoscaler sees what a PromQL query would return.
import { createLatencyCounts, latencyQuantileMs } from './latency-histogram.ts';

/** Rolling scrape intervals; `add` per tick, `scrape` at each scrape time, the getters over completed scrapes. */
export interface ServiceMetrics {
  /** Adds a tick; the successful requests' latencies are spread as `shape` over buckets `from + i`. */
  add(requests: number, failed: number, successful: number, latencySumMs: number, shape: ArrayLike<number>, from: number): void;
  scrape(): void;
  /** Requests/s over the window; undefined before the first scrape. */
  rps(): number | undefined;
  errorRate(): number | undefined;
  latencyMeanMs(): number | undefined;
  latencyP95Ms(): number | undefined;
}

interface Slot {
  requests: number;
  failed: number;
  successful: number;
  latencySumMs: number;
  counts: Float64Array;
}

const emptySlot = (): Slot => ({ requests: 0, failed: 0, successful: 0, latencySumMs: 0, counts: createLatencyCounts() });

/** Use one per plant: `scrapeSeconds` apart, aggregated over `windowSeconds`; aggregates are computed at scrape. */
export function createServiceMetrics(scrapeSeconds: number, windowSeconds: number): ServiceMetrics {
  const slotsInWindow = Math.max(1, Math.round(windowSeconds / scrapeSeconds));
  const ring: Slot[] = Array.from({ length: slotsInWindow }, emptySlot);
  const merged = createLatencyCounts();
  let filled = 0;
  let head = 0;
  let current = emptySlot();
  let rps: number | undefined;
  let errorRate: number | undefined;
  let latencyMeanMs: number | undefined;
  let latencyP95Ms: number | undefined;
  return {
    add(requests, failed, successful, latencySumMs, shape, from) {
      current.requests += requests;
      current.failed += failed;
      current.successful += successful;
      current.latencySumMs += latencySumMs;
      const c = current.counts;
      for (let i = 0; i < shape.length; i++) c[from + i] += successful * shape[i];
    },
    scrape() {
      const old = ring[head];
      ring[head] = current;
      head = (head + 1) % slotsInWindow;
      if (filled < slotsInWindow) filled++;
      old.requests = old.failed = old.successful = old.latencySumMs = 0;
      old.counts.fill(0);
      current = old;
      let requests = 0, failed = 0, successful = 0, latencySum = 0;
      merged.fill(0);
      for (let i = 0; i < filled; i++) {
        const slot = ring[(head - 1 - i + slotsInWindow) % slotsInWindow];
        requests += slot.requests;
        failed += slot.failed;
        successful += slot.successful;
        latencySum += slot.latencySumMs;
        for (let k = 0; k < merged.length; k++) merged[k] += slot.counts[k];
      }
      rps = requests / (filled * scrapeSeconds);
      errorRate = requests > 0 ? failed / requests : undefined;
      latencyMeanMs = successful > 0 ? latencySum / successful : undefined;
      const q = latencyQuantileMs(merged, 0.95);
      latencyP95Ms = Number.isNaN(q) ? undefined : q;
    },
    rps: () => rps,
    errorRate: () => errorRate,
    latencyMeanMs: () => latencyMeanMs,
    latencyP95Ms: () => latencyP95Ms,
  };
}
