// nginx serves `/` and exposes `stub_status` on a private port for the exporter sidecar.
import type { Manifest, ScenarioSpec } from './scenario-spec.ts';
import { stackLabels } from './scenario-spec.ts';

/** Port nginx serves `stub_status` on, inside the pod only. */
export const STUB_STATUS_PORT = 8081;

/** Builds the ConfigMap holding nginx's `default.conf`. */
export function buildNginxConfigMap(spec: ScenarioSpec): Manifest {
  const conf = [
    'server {',
    '  listen 80;',
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
