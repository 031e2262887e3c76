// A Grafana dashboard for one scenario (load, replicas, latency, CPU, agent decisions), in a ConfigMap the
// Grafana sidecar of kube-prometheus-stack picks up by its `grafana_dashboard: "1"` label.
import type { Manifest, ScenarioSpec } from './scenario-spec.ts';
import { stackLabels } from './scenario-spec.ts';
import { APP_RANGE_WINDOW, CLUSTER_RANGE_WINDOW } from './scrape-intervals.ts';

/** One time-series panel; one query target per series drawn (legend = the series' name in the panel). */
interface Panel { title: string; targets: Array<{ expr: string; legend?: string }>; unit: string }

function panels(spec: ScenarioSpec): Panel[] {
  const ns = `namespace="${spec.namespace}"`;
  const dep = `${ns},deployment="${spec.app.name}"`;
  return [
    { title: 'Requests/s', targets: [{ expr: `sum(rate(nginx_http_requests_total{${ns}}[${APP_RANGE_WINDOW}]))` }], unit: 'reqps' },
    // Two targets: `a or b` drops b's series whenever a has one with the same labels (PromQL matches set
    // operators on labels without the metric name), so one `or` query showed only the desired count.
    {
      title: 'Replicas (desired / ready)',
      targets: [
        { expr: `sum(kube_deployment_spec_replicas{${dep}})`, legend: 'desired' },
        { expr: `sum(kube_deployment_status_replicas_ready{${dep}})`, legend: 'ready' },
      ],
      unit: 'short',
    },
    { title: 'CPU usage / request', targets: [{ expr: `sum(rate(container_cpu_usage_seconds_total{${ns},container="nginx"}[${CLUSTER_RANGE_WINDOW}])) / sum(kube_pod_container_resource_requests{${ns},container="nginx",resource="cpu"})` }], unit: 'percentunit' },
    { title: 'Active connections', targets: [{ expr: `sum(nginx_connections_active{${ns}})` }], unit: 'short' },
    { title: 'Agent decisions by reason', targets: [{ expr: `sum by (reason) (increase(scalelab_agent_decisions_total{${ns}}[5m]))`, legend: '{{reason}}' }], unit: 'short' },
    { title: 'Agent λ', targets: [{ expr: `scalelab_agent_lambda{${ns}}` }], unit: 'short' },
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
      targets: p.targets.map((t, k) => ({ refId: String.fromCharCode(65 + k), expr: t.expr, ...(t.legend ? { legendFormat: t.legend } : {}) })),
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
