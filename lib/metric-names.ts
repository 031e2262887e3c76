// Every metric name and label the real stack's exporters produce and our PromQL reads, in one place: the agent's
// queries (agent/controller/controller-queries.ts), the collector's (experiments/kube/collector-queries.ts), the
// nginx manifests that configure the exporters, and the emulated cluster's bridge (which must export exactly these
// names) all import this module. Pure constants and tiny selector helpers; no other imports.
//
// Sources (what sets each name):
// - nginx-prometheus-exporter (sidecar `exporter`, reads stub_status): `nginx_http_requests_total` (counter, every
//   request nginx accepted), `nginx_connections_active` (gauge). No latency: stub_status has no histogram.
// - prometheus-nginxlog-exporter (sidecar `latency`, reads nginx's access log over syslog, one line per request with
//   `$status` and `$request_time`): with namespace "nginx" it exports
//   `nginx_http_response_count_total{method,status}` (counter) and
//   `nginx_http_response_time_seconds_hist_{bucket,sum,count}{method,status,le}` (histogram, buckets below);
//   upstream's README "Collected metrics" and pkg/metrics/collection_init.go (v1.11.0).
// - cAdvisor via the kubelet: `container_cpu_usage_seconds_total`, `container_memory_working_set_bytes`
//   (labels namespace, pod, container).
// - kube-state-metrics: `kube_pod_container_resource_requests{namespace,pod,container,resource}` (resource "cpu" in
//   cores, "memory" in bytes), `kube_deployment_status_replicas_ready`, `kube_deployment_spec_replicas`,
//   `kube_deployment_status_replicas` (labels namespace, deployment).
// The prometheus-operator adds `namespace`, `pod`, `container`, `service`, `endpoint` target labels to what the
// ServiceMonitors scrape, so the exporters' series carry the scenario's namespace.

/** Metric names, by source. */
export const METRICS = {
  /** stub_status exporter: requests nginx accepted (counter). */
  nginxRequestsTotal: 'nginx_http_requests_total',
  /** stub_status exporter: open client connections (gauge). */
  nginxConnectionsActive: 'nginx_connections_active',
  /** access-log exporter: responses by `status` and `method` (counter). */
  responsesTotal: 'nginx_http_response_count_total',
  /** access-log exporter: response time histogram, seconds (`_bucket` with `le`, `_sum`, `_count`). */
  responseTimeHistogram: 'nginx_http_response_time_seconds_hist',
  /** cAdvisor: CPU used by a container, core-seconds (counter). */
  containerCpuSecondsTotal: 'container_cpu_usage_seconds_total',
  /** cAdvisor: memory working set of a container, bytes (gauge). */
  containerMemoryWorkingSetBytes: 'container_memory_working_set_bytes',
  /** kube-state-metrics: a container's requests; `resource` = cpu (cores) | memory (bytes). */
  podContainerResourceRequests: 'kube_pod_container_resource_requests',
  /** kube-state-metrics: Deployment replica counts. */
  deploymentReadyReplicas: 'kube_deployment_status_replicas_ready',
  deploymentSpecReplicas: 'kube_deployment_spec_replicas',
  deploymentStatusReplicas: 'kube_deployment_status_replicas',
} as const;

/** Label names the queries select and group by. */
export const LABELS = { namespace: 'namespace', pod: 'pod', container: 'container', deployment: 'deployment', resource: 'resource', status: 'status', method: 'method', le: 'le' } as const;

/** The access-log exporter's namespace (its metric-name prefix). */
export const LATENCY_EXPORTER_NAMESPACE = 'nginx';

/** Upper bounds of the response-time histogram, seconds: fine around the default 200 ms SLA so that a P95 near the
 * SLA is interpolated within a 50 ms bucket. The exporter's `histogram_buckets` is set to exactly this list. */
export const LATENCY_BUCKETS_SECONDS: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 2.5, 5, 10];

/** The container serving requests in the nginx pods (cAdvisor and kube-state-metrics `container` label). */
export const APP_CONTAINER = 'nginx';

/** Seconds between Prometheus scrapes of our ServiceMonitors (set explicitly on each endpoint). */
export const SCRAPE_INTERVAL_SECONDS = 15;

/** The range of rate()/histogram windows: four scrapes, so a window is never empty after one missed scrape. */
export function rateWindow(scrapeIntervalSeconds = SCRAPE_INTERVAL_SECONDS): string {
  return `${4 * scrapeIntervalSeconds}s`;
}

/** Selector of a Deployment's app containers (pods named `<deployment>-<replicaset hash>-<suffix>`). */
export function appPodSelector(namespace: string, deployment: string, container = APP_CONTAINER): string {
  return `${LABELS.namespace}="${namespace}",${LABELS.pod}=~"${deployment}-[a-z0-9]+-[a-z0-9]+",${LABELS.container}="${container}"`;
}

/** Selector of a Deployment's kube-state-metrics series. */
export function deploymentSelector(namespace: string, deployment: string): string {
  return `${LABELS.namespace}="${namespace}",${LABELS.deployment}="${deployment}"`;
}

/** P95 (or another quantile) of the response time over `window`, in ms, from the access-log histogram. */
export function latencyQuantileMsQuery(namespace: string, window: string, quantile = 0.95): string {
  return `histogram_quantile(${quantile}, sum by (${LABELS.le}) (rate(${METRICS.responseTimeHistogram}_bucket{${LABELS.namespace}="${namespace}"}[${window}]))) * 1000`;
}

/** Failed (5xx) / all responses over `window`, from the access-log counter. */
export function errorRateQuery(namespace: string, window: string): string {
  const sel = `${LABELS.namespace}="${namespace}"`;
  return `sum(rate(${METRICS.responsesTotal}{${sel},${LABELS.status}=~"5.."}[${window}]) or vector(0)) / sum(rate(${METRICS.responsesTotal}{${sel}}[${window}]))`;
}
