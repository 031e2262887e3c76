// The PromQL the kube backend collects per run window with query_range (one number per step each), with the
// metric names and labels of lib/metric-names.ts (the ones the controller reads too).
import { appPodSelector, deploymentSelector, errorRateQuery, latencyQuantileMsQuery, METRICS } from '../../lib/metric-names.ts';

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
  /** P95 response time over the window, ms (the access-log exporter's histogram; what the agent observes). */
  latencyP95Ms: string;
  /** 5xx / all responses over the window, fraction. */
  errorRate: string;
}

/** Queries for `namespace`/`deployment` with rate() over `window` (≥ 4 scrapes, e.g. 60s for 15 s scrapes). */
export function collectorQueries(namespace: string, deployment: string, window: string): CollectorQueries {
  const pods = appPodSelector(namespace, deployment);
  const dep = deploymentSelector(namespace, deployment);
  return {
    rps: `sum(rate(${METRICS.nginxRequestsTotal}{namespace="${namespace}"}[${window}]))`,
    cpuUsedCores: `sum(rate(${METRICS.containerCpuSecondsTotal}{${pods}}[${window}]))`,
    cpuRequestedCores: `sum(${METRICS.podContainerResourceRequests}{${pods},resource="cpu"})`,
    memoryRequestedBytes: `sum(${METRICS.podContainerResourceRequests}{${pods},resource="memory"})`,
    readyReplicas: `sum(${METRICS.deploymentReadyReplicas}{${dep}})`,
    desiredReplicas: `sum(${METRICS.deploymentSpecReplicas}{${dep}})`,
    allocatedReplicas: `sum(${METRICS.deploymentStatusReplicas}{${dep}})`,
    latencyP95Ms: latencyQuantileMsQuery(namespace, window, 0.95),
    errorRate: errorRateQuery(namespace, window),
  };
}
