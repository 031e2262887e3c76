// A minimal valid RunRecord for records-file and summary tests (hand-written, not produced by the runner).
import type { RunMetrics, RunRecord } from '../../../lib/ports.ts';

export function metrics(over: Partial<RunMetrics> = {}): RunMetrics {
  return {
    durationSeconds: 60, requests: 1000, successfulRequests: 990, failedRequests: 10, slaViolatingRequests: 20, slaLatencyMs: 200,
    slaViolationRateRequests: 0.02, slaViolationRateMinutes: 0, latencyMeanMs: 30, latencyP50Ms: 25, latencyP95Ms: 80, latencyP99Ms: 150,
    costUsd: 0.01, costPerMillionRequestsUsd: 10.1, resourceEfficiency: 0.6, meanCpuUtilization: 0.6, underProvisioningEpisodes: 0,
    scalingLatencyMeanSeconds: null, scalingLatencyP95Seconds: null, scalingActionsPerHour: 0, oscillationsPerHour: 0, podHours: 0.05,
    meanPods: 3, maxPods: 3, ...over,
  };
}

export function record(over: Partial<RunRecord> = {}, metricOver: Partial<RunMetrics> = {}): RunRecord {
  return {
    schema: 'scalelab.run/v1', experiment: 'e', scenario: 's', autoscaler: 'a', seed: 1, backend: 'sim',
    metrics: metrics(metricOver), config: { hash: 'x' }, reasons: { Hold: 4 }, ...over,
  };
}
