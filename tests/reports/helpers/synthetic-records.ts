// Hand-made RunRecords for report tests: metric values are chosen by the test, series and histograms are
// simple closed forms so charts have something to draw.
import type { RunMetrics, RunRecord } from '../../../lib/ports.ts';

export const BASE_METRICS: RunMetrics = {
  durationSeconds: 3600,
  requests: 360000,
  successfulRequests: 359000,
  failedRequests: 1000,
  slaViolatingRequests: 7200,
  slaLatencyMs: 200,
  slaViolationRateRequests: 0.02,
  slaViolationRateMinutes: 0.05,
  latencyMeanMs: 120,
  latencyP50Ms: 100,
  latencyP95Ms: 250,
  latencyP99Ms: 400,
  costUsd: 1.5,
  costPerMillionRequestsUsd: 4.17,
  resourceEfficiency: 0.6,
  meanCpuUtilization: 0.6,
  underProvisioningEpisodes: 3,
  scalingLatencyMeanSeconds: 40,
  scalingLatencyP95Seconds: 60,
  scalingActionsPerHour: 10,
  oscillationsPerHour: 1,
  podHours: 5,
  meanPods: 5,
  maxPods: 9,
};

/** A record with the given metric overrides; series and histogram depend on the seed and a `level`. */
export function makeRecord(
  autoscaler: string,
  seed: number,
  metrics: Partial<RunMetrics> = {},
  options: { scenario?: string; experiment?: string; withSeries?: boolean; level?: number } = {},
): RunRecord {
  const level = options.level ?? 1;
  const minutes = 60;
  const t = Array.from({ length: minutes }, (_, i) => i * 60);
  const rps = t.map((_, i) => 100 + 80 * Math.sin((i / minutes) * 2 * Math.PI + seed) + (i > 30 && i < 40 ? 150 : 0));
  const ready = rps.map((r) => Math.max(1, Math.ceil((r / 50) * level)));
  const bounds = [10, 20, 50, 100, 150, 200, 300, 500, 1000, 2000];
  return {
    schema: 'scalelab.run/v1',
    experiment: options.experiment ?? 'synthetic',
    scenario: options.scenario ?? 'spike',
    autoscaler,
    seed,
    backend: 'sim',
    metrics: { ...BASE_METRICS, ...metrics },
    config: {},
    series: options.withSeries === false
      ? undefined
      : { tSeconds: t, rps, readyPods: ready, desiredReplicas: ready, latencyP95Ms: rps.map((r, i) => 80 + (r / ready[i]) * 2 / level), cpuUtilization: rps.map((r, i) => r / (ready[i] * 70)) },
    latencyHistogram: { boundsMs: bounds, counts: bounds.map((b, i) => Math.round(1000 * Math.exp(-((i - 3 - 1 / level) ** 2) / 2))) },
    reasons: { ScaleUp: 10, Hold: 100 },
  };
}
