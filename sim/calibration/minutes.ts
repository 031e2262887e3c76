// The per-minute points of run records that calibration fits to, with the plant settings needed to read them
// (CPU request and limit, SLA): taken from each record's `config.plant`, else from the defaults (and said so).
import type { RunRecord } from '../../lib/ports.ts';
import { defaultPlantConfig } from '../config.ts';

/** One minute of one run, with the per-record settings that turn utilization into cores. */
export interface MinutePoint {
  /** Index of the run in the records given to calibrate. */
  run: number;
  minute: number;
  rps: number;
  readyPods: number;
  /** spec.replicas at the end of the minute. */
  desiredReplicas: number;
  latencyP95Ms: number;
  /** CPU used by the Ready pods, cores: cpuUtilization × readyPods × cpuRequest. */
  cores: number;
}

/** What calibration needs to know about one run. */
export interface RunSeriesView {
  run: number;
  points: MinutePoint[];
  cpuRequestMilli: number;
  cpuLimitMilli: number;
  slaLatencyMs: number;
  /** Per-tick arrivals of the records' plant (simulator: Poisson counts per tick when poissonArrivals). */
  arrivals: { poisson: boolean; tickSeconds: number };
  /** The run's resolved plant config as recorded (sim and cluster backends record it), or null. */
  recordedPlant: Record<string, unknown> | null;
}

const num = (o: Record<string, unknown> | null, key: string, fallback: number): number => {
  const v = o?.[key];
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
};

/** Use first: the runs that have per-minute series, as points; records without series are counted by the caller. */
export function runViews(records: readonly RunRecord[]): RunSeriesView[] {
  const views: RunSeriesView[] = [];
  records.forEach((r, run) => {
    const s = r.series;
    if (!s || s.tSeconds.length === 0) return;
    const p = r.config?.plant;
    const plant = typeof p === 'object' && p !== null && !Array.isArray(p) ? (p as Record<string, unknown>) : null;
    const cpuRequestMilli = num(plant, 'cpuRequestMilli', defaultPlantConfig.cpuRequestMilli);
    const points = s.tSeconds.map((_, m) => ({
      run, minute: m, rps: s.rps[m], readyPods: s.readyPods[m], desiredReplicas: s.desiredReplicas[m], latencyP95Ms: s.latencyP95Ms[m],
      cores: (s.cpuUtilization[m] * s.readyPods[m] * cpuRequestMilli) / 1000,
    }));
    views.push({
      run, points, cpuRequestMilli, recordedPlant: plant,
      arrivals: { poisson: plant?.poissonArrivals === true, tickSeconds: num(plant, 'tickSeconds', defaultPlantConfig.tickSeconds) },
      cpuLimitMilli: num(plant, 'cpuLimitMilli', defaultPlantConfig.cpuLimitMilli),
      slaLatencyMs: num(plant, 'slaLatencyMs', r.metrics.slaLatencyMs > 0 ? r.metrics.slaLatencyMs : defaultPlantConfig.slaLatencyMs),
    });
  });
  return views;
}
