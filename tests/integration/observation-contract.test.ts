// The observation contract (DESIGN.md §2a, issue 8 item 1): the same minutes of metrics, once through the
// simulator's own PromQL (sim/metrics-pipeline.ts) and once through a REAL Prometheus backfilled with exactly the
// samples the simulator scraped and read by the in-cluster controller's reader (agent/controller), give the same
// encoded feature vectors at every decision — the one encoder of training, simulated runs and the controller.
import { test, before, after } from 'node:test';
import * as assert from 'uvu/assert';
import { defaultQueries } from '../../agent/controller/controller-queries.ts';
import { createPrometheusClient } from '../../agent/controller/prometheus-client.ts';
import { readObservation } from '../../agent/controller/read-observation.ts';
import { createHpaAutoscaler } from '../../agent/hpa/index.ts';
import { createObservationEncoder, defaultObservationConfig, featureNames } from '../../agent/rl/observation-encoder.ts';
import type { Observation } from '../../lib/ports.ts';
import { defaultPlantConfig } from '../../sim/config.ts';
import { DURATION_BUCKET_LE_SECONDS, type ScrapeSample } from '../../sim/metrics-pipeline.ts';
import { createPlant } from '../../sim/plant.ts';
import { buildWorkload } from '../../workloads/index.ts';
import { startPrometheus, type RunningPrometheus } from './helpers/prometheus.ts';

const NS = 'scalelab-oc';
const POD = 'nginx-5d9c7b8f4-abcde'; // the simulator's service-wide counters, exported as one pod's series
// 12 minutes of a sudden spike on the default plant, scaled by the HPA, decisions every 15 s on the scrape grid.
const config = { ...defaultPlantConfig, poissonArrivals: true };
const workload = buildWorkload({ type: 'scenario', scenario: 'sudden-spike', baseRps: 100, peakRps: 900, durationSeconds: 720 }, { seed: 4 });
const plant = createPlant(config, workload, 4);
const hpa = createHpaAutoscaler({}, 'hpa-70');
const decisions: Observation[] = [];
const samples = new Map<number, ScrapeSample>();
for (let t = 0; t < 720; t++) {
  plant.step();
  for (const s of plant.scrapeSamples()) samples.set(s.tSeconds, s);
  if ((t + 1) % 15 === 0) {
    const o = plant.observe();
    decisions.push(o);
    plant.setReplicas(hpa.decide(o).replicas);
  }
}

// Unix seconds of simulated t = 0: 2 h ago, on the 15 s grid (promtool backfills past data).
const base = Math.floor((Date.now() / 1000 - 7200) / 15) * 15;
function openMetrics(): string {
  const rows = [...samples.values()].sort((a, b) => a.tSeconds - b.tSeconds);
  const out: string[] = [];
  const pod = `namespace="${NS}",pod="${POD}",container="nginx"`;
  const series = (name: string, labels: string, value: (s: ScrapeSample) => number) => {
    for (const s of rows) out.push(`${name}{${labels}} ${String(value(s))} ${base + s.tSeconds}`);
  };
  out.push('# TYPE nginx_http_requests counter');
  series('nginx_http_requests_total', `namespace="${NS}",pod="${POD}"`, (s) => s.requestsTotal);
  out.push('# TYPE http_requests_failed counter');
  series('http_requests_failed_total', `namespace="${NS}",pod="${POD}"`, (s) => s.failedTotal);
  out.push('# TYPE http_request_duration_seconds histogram');
  DURATION_BUCKET_LE_SECONDS.forEach((le, i) => series('http_request_duration_seconds_bucket', `namespace="${NS}",pod="${POD}",le="${le === Infinity ? '+Inf' : String(le)}"`, (s) => s.durationBuckets[i]));
  series('http_request_duration_seconds_sum', `namespace="${NS}",pod="${POD}"`, (s) => s.durationSumSeconds);
  series('http_request_duration_seconds_count', `namespace="${NS}",pod="${POD}"`, (s) => s.durationCount);
  out.push('# TYPE container_cpu_usage_seconds counter');
  series('container_cpu_usage_seconds_total', pod, (s) => s.cpuSecondsTotal);
  out.push('# TYPE kube_pod_container_resource_requests gauge');
  series('kube_pod_container_resource_requests', `${pod},resource="cpu"`, (s) => s.cpuRequestCores);
  series('kube_pod_container_resource_requests', `${pod},resource="memory"`, (s) => s.memoryRequestBytes);
  out.push('# TYPE container_memory_working_set_bytes gauge');
  series('container_memory_working_set_bytes', pod, (s) => s.memoryWorkingSetBytes);
  out.push('# TYPE kube_deployment_status_replicas_ready gauge');
  series('kube_deployment_status_replicas_ready', `namespace="${NS}",deployment="nginx"`, (s) => s.readyReplicas);
  return `${out.join('\n')}\n# EOF\n`;
}

let prom: RunningPrometheus;
before(async () => {
  prom = await startPrometheus({ backfillOpenMetrics: openMetrics() });
});
after(async () => {
  await prom?.stop();
});

const queries = {
  ...defaultQueries(NS, 'nginx', { rateWindow: '1m' }),
  latencyP95Ms: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{namespace="${NS}"}[1m]))) * 1000`,
  errorRate: `sum(rate(http_requests_failed_total{namespace="${NS}"}[1m])) / sum(rate(nginx_http_requests_total{namespace="${NS}"}[1m]))`,
};

test('every decision of 12 minutes encodes to the same feature vector from the simulator and from a real Prometheus', async () => {
  const client = createPrometheusClient(prom.url, { timeoutMs: 5000 });
  const simEncoder = createObservationEncoder(defaultObservationConfig);
  const realEncoder = createObservationEncoder(defaultObservationConfig);
  const names = featureNames(defaultObservationConfig);
  let compared = 0;
  // From the second minute on (before it the HPA window is not full and the controller would hold: NoReadyPods etc.).
  for (const o of decisions.filter((d) => d.nowSeconds >= 60)) {
    const at = base + o.nowSeconds;
    const status = o.readyReplicas + o.startingReplicas + o.pendingReplicas;
    const r = await readObservation({ query: (e) => client.query(e, at), queryRange: client.queryRange }, queries, {
      scale: { specReplicas: o.specReplicas, statusReplicas: status }, nowSeconds: at, minReplicas: o.minReplicas, maxReplicas: o.maxReplicas,
      maxSampleAgeSeconds: 45, cpuRequestMilli: config.cpuRequestMilli, memoryRequestMiB: config.memoryRequestMiB,
    });
    if (!r.ok) throw new Error(`t = ${o.nowSeconds}: the controller holds (${r.reason}: ${r.detail})`);
    const real = r.observation;
    for (const k of ['rps', 'cpuUtilization', 'cpuUsageCores', 'memoryUtilization', 'latencyP95Ms', 'errorRate'] as const) {
      const a = o[k];
      const b = real[k];
      assert.ok(a === b || (a !== undefined && b !== undefined && Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a))), `t = ${o.nowSeconds} ${k}: simulator ${a}, Prometheus ${b}`);
    }
    const fs = simEncoder.encode(o);
    const fr = realEncoder.encode(real);
    names.forEach((n, i) => assert.is(fr[i], fs[i], `t = ${o.nowSeconds} feature ${n}: simulator ${fs[i]}, Prometheus ${fr[i]}`));
    compared++;
  }
  assert.is(compared, 45); // decisions at 60, 75, …, 720 s
  // The run exercised scaling and load (so the vectors were not trivially equal).
  assert.ok(Math.max(...decisions.map((d) => d.specReplicas)) >= Math.min(...decisions.map((d) => d.specReplicas)) + 3);
  assert.ok(decisions.some((d) => (d.latencyP95Ms ?? 0) > 30));
});
