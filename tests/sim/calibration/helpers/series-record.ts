// Hand-made records for calibration tests: only what calibration reads (series, config.plant, the SLA) is chosen.
import type { RunRecord } from '../../../../lib/ports.ts';
import { defaultPlantConfig } from '../../../../sim/config.ts';

/** Per-minute values; cores become cpuUtilization through the plant's CPU request. */
export interface MinuteSpec {
  rps: number[];
  readyPods: number[];
  desiredReplicas?: number[];
  latencyP95Ms?: number[];
  cores?: number[];
}

/** A sim record over `spec.rps.length` minutes on `plant` (defaults + overrides). */
export function seriesRecord(spec: MinuteSpec, plant: Record<string, unknown> = {}, seed = 1): RunRecord {
  const p = { ...defaultPlantConfig, ...plant };
  const n = spec.rps.length;
  const cores = spec.cores ?? spec.rps.map((r) => r * p.cpuPerRequestCoreSeconds);
  return {
    schema: 'scalelab.run/v1', experiment: 'hand', scenario: 's', autoscaler: 'a', seed, backend: 'sim',
    metrics: { durationSeconds: n * 60, slaLatencyMs: p.slaLatencyMs } as RunRecord['metrics'],
    config: { plant: p },
    series: {
      tSeconds: spec.rps.map((_, i) => i * 60), rps: spec.rps, readyPods: spec.readyPods,
      desiredReplicas: spec.desiredReplicas ?? spec.readyPods, latencyP95Ms: spec.latencyP95Ms ?? spec.rps.map(() => 50),
      cpuUtilization: cores.map((c, i) => (spec.readyPods[i] > 0 ? c / ((spec.readyPods[i] * p.cpuRequestMilli) / 1000) : 0)),
    },
  };
}
