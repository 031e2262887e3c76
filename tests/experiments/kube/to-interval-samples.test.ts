import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { toIntervalSamples } from '../../../experiments/kube/to-interval-samples.ts';
import type { CollectedSeries } from '../../../experiments/kube/collect-series.ts';

const series: CollectedSeries = {
  stepSeconds: 15,
  tSeconds: [1000, 1015],
  values: {
    rps: [1, 1],
    cpuUsedCores: [0.1, NaN],
    cpuRequestedCores: [0.2, NaN],
    memoryRequestedBytes: [2 * 2 ** 30, 2 * 2 ** 30],
    readyReplicas: [2, NaN],
    desiredReplicas: [2, 3],
    allocatedReplicas: [2, 3],
    latencyP95Ms: [40, 45],
    errorRate: [0, 0],
  },
};

test('one sample per step: requests and latencies from k6, pods/CPU/cost from Prometheus, gaps hold the last value', () => {
  const k6 = { startEpochMs: 1_000_000, endEpochMs: 1_029_000, binSeconds: 15, bins: [
    { tSeconds: 0, requests: 3, failedRequests: 1, latenciesMs: [10, 300, 900], okLatenciesMs: [10, 300], vus: 0 },
  ] };
  const [a, b] = toIntervalSamples(series, k6, { slaLatencyMs: 200, podCapacityRps: 50, pricePerVcpuHourUsd: 0.04, pricePerGibHourUsd: 0.005 });
  assert.equal([a.tSeconds, a.durationSeconds, a.requests, a.failedRequests, a.slowRequests, a.latencySumMs], [0, 15, 3, 1, 1, 310]);
  assert.is(a.readyCapacityRps, 100);
  assert.is(a.demandRps, 3 / 15);
  assert.ok(Math.abs(a.cpuUsedCoreSeconds - 1.5) < 1e-12 && Math.abs(a.cpuRequestedCoreSeconds - 3) < 1e-12);
  // (0.2 vCPU × $0.04 + 2 GiB × $0.005) per hour for 15 s.
  assert.ok(Math.abs(a.costUsd - ((0.2 * 0.04 + 2 * 0.005) * 15) / 3600) < 1e-15);
  const shape = Array.from(a.latencyShape);
  assert.ok(Math.abs(shape.reduce((x, y) => x + y, 0) - 1) < 1e-12);
  // Second step: no k6 bin (no requests), missing ready/CPU-request samples hold the previous step's values.
  assert.equal([b.requests, b.readyPods, b.allocatedPods, b.desiredReplicas, b.cpuUsedCoreSeconds], [0, 2, 3, 3, 0]);
  assert.is(b.cpuRequestedCoreSeconds, 0.2 * 15);
  assert.equal(Array.from(b.latencyShape), []);
});
