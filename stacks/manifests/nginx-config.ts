// nginx serves `/`, exposes `stub_status` on a private port for the stub_status exporter, and sends one access-log
// line per request (with `$status` and `$request_time`) over syslog to the access-log exporter sidecar, which turns
// them into the response-time histogram and status counter of lib/metric-names.ts.
import type { Manifest, ScenarioSpec } from './scenario-spec.ts';
import { stackLabels } from './scenario-spec.ts';
import { LATENCY_BUCKETS_SECONDS, LATENCY_EXPORTER_NAMESPACE } from '../../lib/metric-names.ts';

/** Port nginx serves `stub_status` on, inside the pod only. */
export const STUB_STATUS_PORT = 8081;
/** UDP port the access-log exporter receives nginx's syslog lines on, inside the pod only. */
export const ACCESS_LOG_SYSLOG_PORT = 5531;
/** Port of the access-log exporter's /metrics. */
export const LATENCY_EXPORTER_PORT = 4040;

/** The access-log line, in nginx `log_format` syntax and (identically) the exporter's `format`. */
export const ACCESS_LOG_FORMAT = '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent $request_time';

/** Builds the ConfigMap holding nginx's `default.conf` (included inside nginx's `http {}` block). */
export function buildNginxConfigMap(spec: ScenarioSpec): Manifest {
  const conf = [
    `log_format scalelab '${ACCESS_LOG_FORMAT}';`,
    'server {',
    '  listen 80;',
    `  access_log syslog:server=127.0.0.1:${ACCESS_LOG_SYSLOG_PORT},tag=nginx scalelab;`,
    '  location / { root /usr/share/nginx/html; index index.html; }',
    '  location = /healthz { access_log off; return 200 "ok\\n"; }',
    '}',
    'server {',
    `  listen 127.0.0.1:${STUB_STATUS_PORT};`,
    '  location = /stub_status { stub_status; access_log off; }',
    '}',
    '',
  ].join('\n');
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${spec.app.name}-conf`, namespace: spec.namespace, labels: stackLabels(spec, 'app') },
    data: { 'default.conf': conf },
  };
}

/** Builds the ConfigMap with the access-log exporter's `config.yml` (prometheus-nginxlog-exporter's YAML format). */
export function buildLatencyExporterConfigMap(spec: ScenarioSpec): Manifest {
  const config = {
    listen: { port: LATENCY_EXPORTER_PORT, address: '0.0.0.0', metrics_endpoint: '/metrics' },
    namespaces: [
      {
        name: LATENCY_EXPORTER_NAMESPACE,
        format: ACCESS_LOG_FORMAT,
        source: { syslog: { listen_address: `udp://127.0.0.1:${ACCESS_LOG_SYSLOG_PORT}`, format: 'rfc3164', tags: ['nginx'] } },
        histogram_buckets: [...LATENCY_BUCKETS_SECONDS],
      },
    ],
  };
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `${spec.app.name}-latency-exporter`, namespace: spec.namespace, labels: stackLabels(spec, 'app') },
    // JSON is valid YAML; the exporter picks its YAML loader by the .yml extension.
    data: { 'config.yml': `${JSON.stringify(config, null, 2)}\n` },
  };
}
