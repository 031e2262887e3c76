// Prometheus series + k6's per-request points → the simulator's IntervalSample, one per step, so sim/run-recorder
// computes the metrics of DESIGN.md §6 exactly as for the simulator. Requests, failures and latencies come from
// k6 (every request, binned per step); pods, CPU and replicas from Prometheus. Capacity ("demand > ready
// capacity" for scaling latency) is estimated from the plant config (limit / CPU per request), as in the sim.
import type { IntervalSample } from '../../sim/interval-sample.ts';
import { LATENCY_BUCKET_COUNT } from '../../sim/latency-histogram.ts';
import type { K6Points } from '../../k6/parse-ndjson.ts';
import type { CollectedSeries } from './collect-series.ts';

/** Per-pod facts and prices the converter needs (from the cell's plant config). */
export interface ConversionParams {
  slaLatencyMs: number;
  /** Requests/s one Ready pod serves at its CPU limit. */
  podCapacityRps: number;
  pricePerVcpuHourUsd: number;
  pricePerGibHourUsd: number;
}

const last = (xs: number[], i: number): number => {
  for (let j = i; j >= 0; j--) if (Number.isFinite(xs[j])) return xs[j];
  return 0;
};

/** One sample per step of `series`; k6 bins must use the same step and start at series.tSeconds[0] (and be
 * counted with the same SLA: slow requests are counted exactly while the points are read). */
export function toIntervalSamples(series: CollectedSeries, k6: K6Points, p: ConversionParams): IntervalSample[] {
  const dt = series.stepSeconds;
  const v = series.values;
  return series.tSeconds.map((t, i) => {
    const bin = k6.bins[i];
    const requests = bin?.requests ?? 0;
    const failed = bin?.failedRequests ?? 0;
    const okN = bin?.okRequests ?? 0;
    const shape = new Float64Array(LATENCY_BUCKET_COUNT);
    if (bin) for (let j = 0; j < shape.length; j++) shape[j] = bin.okLatencyCounts[j] / okN;
    const ready = last(v.readyReplicas, i);
    const allocated = Math.max(ready, last(v.allocatedReplicas, i));
    const cpuUsed = Number.isFinite(v.cpuUsedCores[i]) ? v.cpuUsedCores[i] : 0;
    const cpuRequested = last(v.cpuRequestedCores, i);
    const memGiB = last(v.memoryRequestedBytes, i) / 2 ** 30;
    const readyShare = allocated > 0 ? ready / allocated : 0;
    return {
      tSeconds: t - series.tSeconds[0],
      durationSeconds: dt,
      requests,
      failedRequests: failed,
      slowRequests: bin?.okSlowRequests ?? 0,
      latencySumMs: bin?.okLatencySumMs ?? 0,
      latencyShape: okN > 0 ? shape : [],
      latencyShapeFrom: 0,
      demandRps: requests / dt,
      readyCapacityRps: ready * p.podCapacityRps,
      readyPods: ready,
      allocatedPods: allocated,
      desiredReplicas: last(v.desiredReplicas, i),
      cpuUsedCoreSeconds: cpuUsed * dt,
      cpuRequestedCoreSeconds: cpuRequested * dt,
      readyCpuUsedCoreSeconds: cpuUsed * readyShare * dt,
      readyCpuRequestedCoreSeconds: cpuRequested * readyShare * dt,
      costUsd: ((cpuRequested * p.pricePerVcpuHourUsd + memGiB * p.pricePerGibHourUsd) * dt) / 3600,
    };
  });
}
