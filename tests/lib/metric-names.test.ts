// One module names every metric the real stack's exporters produce (lib/metric-names.ts). These tests tie the
// exporters' configuration, the scrape setup and both query builders to it, with the upstream names of
// prometheus-nginxlog-exporter (README "Collected metrics": `<namespace>_http_response_count_total`,
// `<namespace>_http_response_time_seconds_hist`, labels method and status).
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { LATENCY_BUCKETS_SECONDS, LATENCY_EXPORTER_NAMESPACE, METRICS, SCRAPE_INTERVAL_SECONDS } from '../../lib/metric-names.ts';
import { ACCESS_LOG_FORMAT, ACCESS_LOG_SYSLOG_PORT, buildLatencyExporterConfigMap, buildNginxConfigMap, LATENCY_EXPORTER_PORT } from '../../stacks/manifests/nginx-config.ts';
import { buildNginxDeployment } from '../../stacks/manifests/nginx-deployment.ts';
import { buildNginxService, buildServiceMonitor } from '../../stacks/manifests/nginx-service.ts';
import { defaultQueries } from '../../agent/controller/controller-queries.ts';
import { collectorQueries } from '../../experiments/kube/collector-queries.ts';
import { sampleSpec } from '../stacks/helpers/sample-spec.ts';

const spec = sampleSpec('hpa');
const exporterConfig = JSON.parse((buildLatencyExporterConfigMap(spec).data as Record<string, string>)['config.yml']);
const nginxConf = (buildNginxConfigMap(spec).data as Record<string, string>)['default.conf'];

test("the latency metric names are the exporter's own names for the configured namespace", () => {
  assert.is(exporterConfig.namespaces[0].name, LATENCY_EXPORTER_NAMESPACE);
  assert.is(METRICS.responsesTotal, `${LATENCY_EXPORTER_NAMESPACE}_http_response_count_total`);
  assert.is(METRICS.responseTimeHistogram, `${LATENCY_EXPORTER_NAMESPACE}_http_response_time_seconds_hist`);
});

test('nginx logs every request with $status and $request_time, in exactly the format the exporter parses, to its syslog port', () => {
  assert.ok(nginxConf.includes(`log_format scalelab '${ACCESS_LOG_FORMAT}';`));
  assert.is(exporterConfig.namespaces[0].format, ACCESS_LOG_FORMAT);
  assert.ok(ACCESS_LOG_FORMAT.includes('$status') && ACCESS_LOG_FORMAT.includes('$request_time'));
  assert.ok(nginxConf.includes(`access_log syslog:server=127.0.0.1:${ACCESS_LOG_SYSLOG_PORT},tag=nginx scalelab;`));
  assert.equal(exporterConfig.namespaces[0].source.syslog, { listen_address: `udp://127.0.0.1:${ACCESS_LOG_SYSLOG_PORT}`, format: 'rfc3164', tags: ['nginx'] });
  // The probe endpoint stays out of the latency histogram.
  assert.match(nginxConf, /location = \/healthz \{ access_log off;/);
});

test('the histogram buckets are the documented list, increasing, with an edge at the default 200 ms SLA', () => {
  assert.equal(exporterConfig.namespaces[0].histogram_buckets, [...LATENCY_BUCKETS_SECONDS]);
  assert.ok(LATENCY_BUCKETS_SECONDS.every((b, i) => i === 0 || b > LATENCY_BUCKETS_SECONDS[i - 1]));
  assert.ok(LATENCY_BUCKETS_SECONDS.includes(0.2));
});

test('both exporters are exposed by the pod and the Service and scraped by the ServiceMonitor at the shared interval', () => {
  const containers = (buildNginxDeployment(spec).spec as any).template.spec.containers as Array<{ name: string; image: string; ports?: Array<{ name: string; containerPort: number }>; args?: string[] }>;
  const latency = containers.find((c) => c.name === 'latency')!;
  assert.is(latency.image, spec.app.latencyExporterImage);
  assert.equal(latency.ports, [{ name: 'latency-metrics', containerPort: LATENCY_EXPORTER_PORT }]);
  assert.is(exporterConfig.listen.port, LATENCY_EXPORTER_PORT);
  assert.equal(latency.args, ['-config-file', '/etc/prometheus-nginxlog-exporter/config.yml']);
  const ports = (buildNginxService(spec).spec as any).ports.map((p: { name: string }) => p.name);
  assert.equal(ports, ['http', 'metrics', 'latency-metrics']);
  const endpoints = (buildServiceMonitor(spec).spec as any).endpoints;
  assert.equal(endpoints, ['metrics', 'latency-metrics'].map((port) => ({ port, interval: `${SCRAPE_INTERVAL_SECONDS}s`, path: '/metrics' })));
});

/** Metric names a PromQL expression reads (identifiers before a `{` selector). */
const namesIn = (expr: string) => [...expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\{/g)].map((m) => m[1]);
const known = new Set<string>([...Object.values(METRICS), `${METRICS.responseTimeHistogram}_bucket`]);

test('the controller and the collector read only names of the module, with windows of at least four scrapes', () => {
  const all = { ...defaultQueries('ns', 'nginx'), ...Object.fromEntries(Object.entries(collectorQueries('ns', 'nginx', '60s')).map(([k, v]) => [`collector.${k}`, v])) };
  for (const [field, expr] of Object.entries(all)) {
    if (expr === undefined) continue;
    for (const name of namesIn(expr)) assert.ok(known.has(name), `${field} reads ${name}, which lib/metric-names.ts does not list`);
    for (const [, n, unit] of expr.matchAll(/\[(\d+)(s|m)\]/g)) assert.ok(Number(n) * (unit === 'm' ? 60 : 1) >= 4 * SCRAPE_INTERVAL_SECONDS, `${field}: window ${n}${unit}`);
  }
  const q = defaultQueries('ns', 'nginx');
  assert.is(q.latencyP95Ms, 'histogram_quantile(0.95, sum by (le) (rate(nginx_http_response_time_seconds_hist_bucket{namespace="ns"}[60s]))) * 1000');
  assert.ok(q.errorRate?.includes('status=~"5.."'));
});
