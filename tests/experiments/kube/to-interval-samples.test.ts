import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { toIntervalSamples } from '../../../experiments/kube/to-interval-samples.ts';
import type { CollectedSeries } from '../../../experiments/kube/collect-series.ts';
import { parseK6Ndjson } from '../../../k6/parse-ndjson.ts';

const series: CollectedSeries = {
  stepSeconds: 15,
  tSeconds: [990, 1005],
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
  // Three requests in the first step, the 900 ms one failed; the points are read as the backend reads them.
  const ndjson = [[990_100, 10, 200], [991_000, 300, 200], [992_000, 900, 503]]
    .flatMap(([t, ms, status]) => [
      JSON.stringify({ metric: 'http_req_duration', type: 'Point', data: { time: new Date(t).toISOString(), value: ms, tags: { expected_response: String(status === 200), status: String(status) } } }),
      JSON.stringify({ metric: 'http_req_failed', type: 'Point', data: { time: new Date(t).toISOString(), value: status === 200 ? 0 : 1, tags: { status: String(status) } } }),
    ]).join('\n');
  const k6 = parseK6Ndjson(ndjson, 15, 990_000, 200);
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
