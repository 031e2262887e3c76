// The PromQL the controller reads its observation from, for the MicroK8s observability stack (kube-state-metrics,
// cAdvisor via the kubelet, the nginx exporter sidecar). Every query returns one number.

/** One query per observation field; the first three are required (missing → hold), the rest optional. */
export interface ControllerQueries {
  /** Mean CPU usage / request over the Deployment's pods, fraction. */
  cpuUtilization: string;
  /** Ready replicas of the Deployment. */
  readyReplicas: string;
  /** Age of the newest scraped sample of the app, seconds (staleness check). */
  freshnessAgeSeconds: string;
  /** Requests/s arriving at nginx. */
  rps?: string;
  /** CPU used by the Deployment's pods, cores (agents estimate CPU per request as this / rps). */
  cpuUsageCores?: string;
  /** P95 latency, ms (needs a latency histogram source; none by default with the stub_status exporter). */
  latencyP95Ms?: string;
  /** Failed / all requests, fraction. */
  errorRate?: string;
  /** Mean memory usage / request, fraction. */
  memoryUtilization?: string;
}

/** Queries for one namespace/Deployment/container, as the scenario stacks label things. `rateWindow` is the
 * PromQL range of rate() (default 1m: four 15 s scrapes; rate() divides by the whole window, so it is accurate only
 * once the series is at least that old). */
export function defaultQueries(namespace: string, deployment: string, o: { container?: string; rateWindow?: string } = {}): ControllerQueries {
  const container = o.container ?? 'nginx';
  const w = o.rateWindow ?? '1m';
  const pods = `namespace="${namespace}",pod=~"${deployment}-[a-z0-9]+-[a-z0-9]+",container="${container}"`;
  return {
    cpuUtilization: `sum(rate(container_cpu_usage_seconds_total{${pods}}[${w}])) / sum(kube_pod_container_resource_requests{${pods},resource="cpu"})`,
    readyReplicas: `sum(kube_deployment_status_replicas_ready{namespace="${namespace}",deployment="${deployment}"})`,
    freshnessAgeSeconds: `time() - max(timestamp(nginx_http_requests_total{namespace="${namespace}"}))`,
    rps: `sum(rate(nginx_http_requests_total{namespace="${namespace}"}[${w}]))`,
    cpuUsageCores: `sum(rate(container_cpu_usage_seconds_total{${pods}}[${w}]))`,
    memoryUtilization: `sum(container_memory_working_set_bytes{${pods}}) / sum(kube_pod_container_resource_requests{${pods},resource="memory"})`,
  };
}
