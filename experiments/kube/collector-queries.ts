// The PromQL the kube backend collects per run window with query_range (one number per step each).

/** Series of one scenario namespace; units in names. */
export interface CollectorQueries {
  /** Requests/s nginx served. */
  rps: string;
  /** CPU used by the nginx containers, cores. */
  cpuUsedCores: string;
  /** CPU requested by the nginx containers of existing pods, cores. */
  cpuRequestedCores: string;
  /** Memory requested by the nginx containers, bytes. */
  memoryRequestedBytes: string;
  readyReplicas: string;
  desiredReplicas: string;
  /** All pods of the Deployment (ready + starting). */
  allocatedReplicas: string;
}

/** Queries for `namespace`/`deployment` with rate() over `window` (e.g. 1m). */
export function collectorQueries(namespace: string, deployment: string, window: string): CollectorQueries {
  const pods = `namespace="${namespace}",pod=~"${deployment}-[a-z0-9]+-[a-z0-9]+",container="nginx"`;
  const dep = `namespace="${namespace}",deployment="${deployment}"`;
  return {
    rps: `sum(rate(nginx_http_requests_total{namespace="${namespace}"}[${window}]))`,
    cpuUsedCores: `sum(rate(container_cpu_usage_seconds_total{${pods}}[${window}]))`,
    cpuRequestedCores: `sum(kube_pod_container_resource_requests{${pods},resource="cpu"})`,
    memoryRequestedBytes: `sum(kube_pod_container_resource_requests{${pods},resource="memory"})`,
    readyReplicas: `sum(kube_deployment_status_replicas_ready{${dep}})`,
    desiredReplicas: `sum(kube_deployment_spec_replicas{${dep}})`,
    allocatedReplicas: `sum(kube_deployment_status_replicas{${dep}})`,
  };
}
