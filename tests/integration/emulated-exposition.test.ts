// The bridge's /metrics must be valid Prometheus exposition (checked by the real promtool) with cumulative
// histogram buckets, so the real Prometheus of the emulated cluster ingests exactly what the queries expect.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { renderExposition } from '../../emulated/bridge/exposition.ts';
import { LATENCY_BUCKETS_SECONDS } from '../../lib/metric-names.ts';
import type { ClusterView } from '../../emulated/bridge/cluster-view.ts';

const view: ClusterView = {
  pods: [{ namespace: 'hpa-spike', name: 'nginx-7d9f-abcde', labels: { app: 'nginx' }, annotations: {}, ready: true, starting: false, phase: 'Running', nodeName: 'scalelab-0', deleting: false, volumes: [],
    containers: [{ name: 'nginx', image: 'nginx:1.27', cpuRequestCores: 0.25, memoryRequestBytes: 256 * 2 ** 20, env: {} }, { name: 'exporter', image: 'exporter', cpuRequestCores: 0.01, memoryRequestBytes: 16 * 2 ** 20, env: {} }] }],
  services: [{ namespace: 'hpa-spike', name: 'nginx', selector: { app: 'nginx' }, nodePort: 31000 }],
  deployments: [{ namespace: 'hpa-spike', name: 'nginx', specReplicas: 2, replicas: 2, readyReplicas: 1, selector: { app: 'nginx' } }],
  hpas: [{ namespace: 'hpa-spike', name: 'nginx', desiredReplicas: 2, currentReplicas: 1 }],
};
// 10 requests: 4 at 5 ms, 3 at 120 ms, 3 at 3 s → cumulative buckets.
const buckets = LATENCY_BUCKETS_SECONDS.map((le) => (le >= 3 ? 10 : le >= 0.15 ? 7 : le >= 0.005 ? 4 : 0));
const text = renderExposition(view, [{ namespace: 'hpa-spike', pod: 'nginx-7d9f-abcde', service: 'nginx', requests: 10, cpuCoreSeconds: 1.5, memoryBytes: 130e6, startedMs: 0 }],
  [{ namespace: 'hpa-spike', service: 'nginx', requests: 10, byStatus: { 200: { buckets, sumSeconds: 4 * 0.005 + 3 * 0.12 + 3 * 3, count: 10 } }, inFlight: 1 }]);

test('promtool accepts the exposition (format and lint)', () => {
  const out = execFileSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
  assert.is(out.trim(), '');
});

test('the series carry the labels the real exporters use (namespace/pod/container; deployment; resource/unit)', () => {
  assert.match(text, /container_cpu_usage_seconds_total\{namespace="hpa-spike",pod="nginx-7d9f-abcde",container="nginx"\} 1\.5/);
  assert.match(text, /kube_pod_container_resource_requests\{namespace="hpa-spike",pod="nginx-7d9f-abcde",container="nginx",node="scalelab-0",resource="cpu",unit="core"\} 0\.25/);
  assert.match(text, /kube_deployment_status_replicas_ready\{namespace="hpa-spike",deployment="nginx"\} 1/);
  assert.match(text, /nginx_http_response_time_seconds_hist_bucket\{namespace="hpa-spike",service="nginx",method="GET",status="200",le="\+Inf"\} 10/);
  assert.match(text, /nginx_http_response_time_seconds_hist_bucket\{namespace="hpa-spike",service="nginx",method="GET",status="200",le="0.2"\} 7/);
});
