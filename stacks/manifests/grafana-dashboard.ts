// A Grafana dashboard for one scenario (load, replicas, latency, CPU, agent decisions), in a ConfigMap the
// Grafana sidecar of kube-prometheus-stack picks up by its `grafana_dashboard: "1"` label.
import type { Manifest, ScenarioSpec } from './scenario-spec.ts';
import { stackLabels } from './scenario-spec.ts';

interface Panel { title: string; expr: string; unit: string }

function panels(spec: ScenarioSpec): Panel[] {
  const ns = `namespace="${spec.namespace}"`;
  const dep = `${ns},deployment="${spec.app.name}"`;
  return [
    { title: 'Requests/s', expr: `sum(rate(nginx_http_requests_total{${ns}}[1m]))`, unit: 'reqps' },
    { title: 'Replicas (desired / ready)', expr: `kube_deployment_spec_replicas{${dep}} or kube_deployment_status_replicas_ready{${dep}}`, unit: 'short' },
    { title: 'CPU usage / request', expr: `sum(rate(container_cpu_usage_seconds_total{${ns},container="nginx"}[1m])) / sum(kube_pod_container_resource_requests{${ns},container="nginx",resource="cpu"})`, unit: 'percentunit' },
    { title: 'Active connections', expr: `sum(nginx_connections_active{${ns}})`, unit: 'short' },
    { title: 'Agent decisions by reason', expr: `sum by (reason) (increase(scalelab_agent_decisions_total{${ns}}[5m]))`, unit: 'short' },
    { title: 'Agent λ', expr: `scalelab_agent_lambda{${ns}}`, unit: 'short' },
  ];
}

/** The dashboard JSON model (Grafana schema 39). */
export function dashboardJson(spec: ScenarioSpec): Record<string, unknown> {
  return {
    title: `scalelab ${spec.stack}`,
    uid: `scalelab-${spec.stack}`.slice(0, 40),
    schemaVersion: 39,
    time: { from: 'now-1h', to: 'now' },
    refresh: '15s',
    tags: ['scalelab'],
    panels: panels(spec).map((p, i) => ({
      id: i + 1,
      type: 'timeseries',
      title: p.title,
      gridPos: { x: (i % 2) * 12, y: Math.floor(i / 2) * 8, w: 12, h: 8 },
      fieldConfig: { defaults: { unit: p.unit }, overrides: [] },
      targets: [{ refId: 'A', expr: p.expr }],
    })),
  };
}

/** Builds the labelled dashboard ConfigMap (in the monitoring namespace, where the sidecar looks). */
export function buildGrafanaDashboardConfigMap(spec: ScenarioSpec): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `scalelab-${spec.stack}-dashboard`, namespace: spec.monitoring.namespace, labels: { ...stackLabels(spec, 'dashboard'), grafana_dashboard: '1' } },
    data: { [`scalelab-${spec.stack}.json`]: JSON.stringify(dashboardJson(spec), null, 2) },
  };
}
