// Prometheus-like service metrics for the simulator: counters scraped every 15 s and aggregated over the last
// window (`rate(…[1m])`, `histogram_quantile(0.95, …)`), so an autoscaler sees what a PromQL query would return.
import { LATENCY_BUCKET_COUNT, createLatencyCounts, latencyQuantileMs } from './latency-histogram.ts';

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
  /** Touched bucket range [lo, hi). */
  lo: number;
  hi: number;
}

const emptySlot = (): Slot => ({ requests: 0, failed: 0, successful: 0, latencySumMs: 0, counts: createLatencyCounts(), lo: 0, hi: 0 });

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
  let p95Stale = false;
  let mergedLo = 0;
  let mergedHi = 0;
  // Consecutive ticks often share one cached shape: add their weights and spread them once.
  let pendingShape: ArrayLike<number> | null = null;
  const pending = { from: 0, weight: 0 }; // object fields update in place; closure `let`s would box
  function flush(): void {
    if (pendingShape !== null && pending.weight !== 0) {
      const c = current.counts;
      const from = pending.from;
      const to = from + pendingShape.length;
      for (let i = 0; i < pendingShape.length; i++) c[from + i] += pending.weight * pendingShape[i];
      if (current.hi === current.lo) {
        current.lo = from;
        current.hi = to;
      } else {
        if (from < current.lo) current.lo = from;
        if (to > current.hi) current.hi = to;
      }
    }
    pendingShape = null;
    pending.weight = 0;
  }
  return {
    add(requests, failed, successful, latencySumMs, shape, from) {
      current.requests += requests;
      current.failed += failed;
      current.successful += successful;
      current.latencySumMs += latencySumMs;
      if (shape !== pendingShape || from !== pending.from) {
        flush();
        pendingShape = shape;
        pending.from = from;
      }
      pending.weight += successful;
    },
    scrape() {
      flush();
      const old = ring[head];
      ring[head] = current;
      head = (head + 1) % slotsInWindow;
      if (filled < slotsInWindow) filled++;
      old.requests = old.failed = old.successful = old.latencySumMs = 0;
      old.counts.fill(0, old.lo, old.hi);
      old.lo = old.hi = 0;
      current = old;
      let requests = 0, failed = 0, successful = 0, latencySum = 0;
      merged.fill(0, mergedLo, mergedHi);
      mergedLo = LATENCY_BUCKET_COUNT;
      mergedHi = 0;
      for (let i = 0; i < filled; i++) {
        const slot = ring[i];
        requests += slot.requests;
        failed += slot.failed;
        successful += slot.successful;
        latencySum += slot.latencySumMs;
        if (slot.hi > slot.lo) {
          for (let k = slot.lo; k < slot.hi; k++) merged[k] += slot.counts[k];
          if (slot.lo < mergedLo) mergedLo = slot.lo;
          if (slot.hi > mergedHi) mergedHi = slot.hi;
        }
      }
      rps = requests / (filled * scrapeSeconds);
      errorRate = requests > 0 ? failed / requests : undefined;
      latencyMeanMs = successful > 0 ? latencySum / successful : undefined;
      p95Stale = true;
    },
    rps: () => rps,
    errorRate: () => errorRate,
    latencyMeanMs: () => latencyMeanMs,
    latencyP95Ms() {
      if (p95Stale) {
        const q = latencyQuantileMs(merged, 0.95);
        latencyP95Ms = Number.isNaN(q) ? undefined : q;
        p95Stale = false;
      }
      return latencyP95Ms;
    },
  };
}
