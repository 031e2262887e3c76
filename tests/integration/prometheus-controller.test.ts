// The controller against a REAL Prometheus (Debian package) scraping a test exporter that imitates
// kube-state-metrics, cAdvisor and the nginx exporter for one namespace, and a node:http fake of the Kubernetes
// API. One Prometheus is shared by the tests, which run in order (the last ones take the exporter and then
// Prometheus away). A second Prometheus is backfilled with promtool to serve minutes-old data.
import { after, before, test } from 'node:test';
import * as assert from 'uvu/assert';
import { createController, DEFAULT_CONTROLLER_CONFIG, type Controller } from '../../agent/controller/controller-loop.ts';
import { createControllerMetrics } from '../../agent/controller/controller-metrics.ts';
import { defaultQueries } from '../../agent/controller/controller-queries.ts';
import { createPrometheusClient, type PrometheusClient } from '../../agent/controller/prometheus-client.ts';
import { createScaleClient } from '../../agent/controller/scale-client.ts';
import type { Autoscaler, Observation } from '../../lib/ports.ts';
import { startFakeKubeApi, type FakeKubeApi } from '../agent/controller/helpers/fake-kube-api.ts';
import { startPrometheus, startTestExporter, waitFor, type RunningPrometheus } from './helpers/prometheus.ts';
import { LATENCY_BUCKETS_SECONDS, METRICS } from '../../lib/metric-names.ts';

const NS = 'scalelab-it';
const QUERIES = defaultQueries(NS, 'nginx', { rateWindow: '10s' });

// Two ready pods, each using 0.09 CPU-seconds per second against a 100m request (90 %), 20 requests/s each.
function exporter(startMs: number) {
  return () => {
    const s = (Date.now() - startMs) / 1000;
    const lines: string[] = [];
    for (const pod of ['nginx-5d9c7b8f4-abcde', 'nginx-5d9c7b8f4-fghij']) {
      lines.push(`container_cpu_usage_seconds_total{namespace="${NS}",pod="${pod}",container="nginx"} ${(0.09 * s).toFixed(6)}`);
      lines.push(`kube_pod_container_resource_requests{namespace="${NS}",pod="${pod}",container="nginx",resource="cpu"} 0.1`);
      lines.push(`kube_pod_container_resource_requests{namespace="${NS}",pod="${pod}",container="nginx",resource="memory"} 67108864`);
      lines.push(`container_memory_working_set_bytes{namespace="${NS}",pod="${pod}",container="nginx"} 33554432`);
      lines.push(`nginx_http_requests_total{namespace="${NS}",pod="${pod}"} ${(20 * s).toFixed(3)}`);
      // The access-log exporter (lib/metric-names.ts): per pod 18 req/s answered 200 within 50 ms, 1 req/s 200 in
      // (100, 150] ms and 1 req/s 503 in (100, 150] ms — cumulative buckets, as prometheus-nginxlog-exporter exports them.
      for (const [status, fast, slow] of [['200', 18, 1], ['503', 0, 1]] as const) {
        const l = `namespace="${NS}",pod="${pod}",method="GET",status="${status}"`;
        for (const le of LATENCY_BUCKETS_SECONDS) lines.push(`${METRICS.responseTimeHistogram}_bucket{${l},le="${le}"} ${((le >= 0.05 ? fast : 0) + (le >= 0.15 ? slow : 0)) * s}`);
        lines.push(`${METRICS.responseTimeHistogram}_bucket{${l},le="+Inf"} ${(fast + slow) * s}`);
        lines.push(`${METRICS.responsesTotal}{${l}} ${(fast + slow) * s}`);
      }
    }
    lines.push(`kube_deployment_status_replicas_ready{namespace="${NS}",deployment="nginx"} 2`);
    return `${lines.join('\n')}\n`;
  };
}

let wants: (o: Observation) => number = () => 2;
const seen: Observation[] = [];
const policy: Autoscaler = { name: 'test', periodSeconds: 15, decide: (o) => (seen.push(o), { replicas: wants(o), reason: 'Test' }) };

let exp: Awaited<ReturnType<typeof startTestExporter>>;
let prom: RunningPrometheus;
let api: FakeKubeApi;
let client: PrometheusClient;
let controller: Controller;
const patches = () => api.requests.filter((q) => q.method === 'PATCH').length;

before(async () => {
  exp = await startTestExporter(exporter(Date.now()));
  prom = await startPrometheus({ targets: [exp.target], scrapeIntervalSeconds: 1 });
  api = await startFakeKubeApi(NS, 'nginx', 2);
  client = createPrometheusClient(prom.url, { timeoutMs: 2000 });
  controller = createController(
    { ...DEFAULT_CONTROLLER_CONFIG, apiRetries: 0, cooldownSeconds: 0, maxSampleAgeSeconds: 30 },
    { prometheus: client, scale: createScaleClient({ apiServerUrl: api.url, namespace: NS, deployment: 'nginx' }), queries: QUERIES, policy, clock: { nowSeconds: () => Date.now() / 1000, sleep: async () => {} }, metrics: createControllerMetrics() },
  );
  // rate() divides by the whole window: wait until the 10 s window is full of 1 s scrapes.
  await waitFor('a full 10 s window of scrapes', async () => (await client.query('count_over_time(nginx_http_requests_total[10s])'))[0]?.value >= 10, 40000);
});

after(async () => {
  await prom?.stop();
  await exp?.close().catch(() => {});
  await api?.close();
});

test('the default queries read CPU utilization 0.9, 2 ready pods, 40 req/s and memory 0.5 from a real Prometheus', async () => {
  wants = () => 2;
  const r = await controller.tick();
  assert.is(r.action, 'hold');
  const o = seen.at(-1)!;
  assert.ok(Math.abs(o.cpuUtilization! - 0.9) < 0.05, `cpu ${o.cpuUtilization}`);
  assert.is(o.readyReplicas, 2);
  assert.ok(Math.abs(o.rps! - 40) < 3, `rps ${o.rps}`);
  assert.ok(Math.abs(o.memoryUtilization! - 0.5) < 1e-9, `mem ${o.memoryUtilization}`);
});

test('the P95 latency and the error rate come from the access-log histogram and counter', async () => {
  wants = () => 2;
  await controller.tick();
  const o = seen.at(-1)!;
  // 40 req/s in all: 36 within 50 ms, 4 in (100, 150] ms. Rank 0.95 × 40 = 38 → 2 of the 4 in that bucket, linear
  // interpolation as histogram_quantile does: 100 + (38 − 36) / 4 × 50 = 125 ms. Errors: 2 of 40 = 0.05.
  assert.ok(Math.abs(o.latencyP95Ms! - 125) < 1, `p95 ${o.latencyP95Ms}`);
  assert.ok(Math.abs(o.errorRate! - 0.05) < 1e-6, `errorRate ${o.errorRate}`);
});

test('with fresh data the decision is applied through the scale subresource', async () => {
  // HPA arithmetic by hand: ceil(2 × 0.9 / 0.5) = 4.
  wants = (o) => Math.ceil(o.readyReplicas * (o.cpuUtilization! / 0.5));
  const r = await controller.tick();
  assert.equal([r.action, r.toReplicas], ['scale', 4]);
  assert.is(api.state.specReplicas, 4);
  api.state.specReplicas = 2;
});

test('the exporter disappears: Prometheus marks the series stale and the controller holds instead of scaling down', async () => {
  wants = () => 1;
  const before = patches();
  await exp.close();
  await waitFor('staleness markers', async () => (await client.query(`nginx_http_requests_total{namespace="${NS}"}`)).length === 0);
  const r = await controller.tick();
  assert.equal([r.action, r.reason], ['hold', 'MetricsMissing']);
  assert.is(patches(), before);
  assert.is(api.state.specReplicas, 2);
});

test('Prometheus killed mid-run: every tick holds (MetricsMissing), never scales down, and the loop survives', async () => {
  wants = () => 1;
  const before = patches();
  prom.kill();
  await new Promise((r) => prom.process.once('exit', r));
  for (let i = 0; i < 3; i++) {
    const r = await controller.tick();
    assert.equal([r.action, r.reason], ['hold', 'MetricsMissing'], `tick ${i}`);
  }
  assert.is(api.state.specReplicas, 2);
  assert.is(patches(), before);
});

test('minutes-old data (backfilled with promtool, last sample 3 min ago) → MetricsStale, no scale-down', async () => {
  const now = Math.floor(Date.now() / 1000);
  const lines = ['# TYPE kube_deployment_status_replicas_ready gauge', '# TYPE nginx_http_requests counter'];
  for (let t = now - 600; t <= now - 180; t += 15) {
    lines.push(`kube_deployment_status_replicas_ready{namespace="${NS}",deployment="nginx"} 2 ${t}`);
  }
  for (let t = now - 600; t <= now - 180; t += 15) lines.push(`nginx_http_requests_total{namespace="${NS}",pod="nginx-5d9c7b8f4-abcde"} ${(t - now + 600) * 20} ${t}`);
  const old = await startPrometheus({ backfillOpenMetrics: `${lines.join('\n')}\n# EOF\n` });
  const oldApi = await startFakeKubeApi(NS, 'nginx', 2);
  try {
    const oldClient = createPrometheusClient(old.url);
    const age = (await oldClient.query(QUERIES.freshnessAgeSeconds))[0]?.value;
    assert.ok(age !== undefined && Math.abs(age - 180) < 5, `age ${age}`);
    const c = createController(
      { ...DEFAULT_CONTROLLER_CONFIG, apiRetries: 0, maxSampleAgeSeconds: 60 },
      { prometheus: oldClient, scale: createScaleClient({ apiServerUrl: oldApi.url, namespace: NS, deployment: 'nginx' }), queries: QUERIES, policy, clock: { nowSeconds: () => Date.now() / 1000, sleep: async () => {} }, metrics: createControllerMetrics() },
    );
    const r = await c.tick();
    assert.equal([r.action, r.reason], ['hold', 'MetricsStale']);
    assert.is(oldApi.requests.filter((q) => q.method === 'PATCH').length, 0);
  } finally {
    await old.stop();
    await oldApi.close();
  }
});
