// The PromQL the controller reads its observation from, for the MicroK8s observability stack (kube-state-metrics,
// cAdvisor via the kubelet, the nginx exporter sidecars). Every query returns one number.
import { appPodSelector, deploymentSelector, errorRateQuery, latencyQuantileMsQuery, METRICS, rateWindow } from '../../lib/metric-names.ts';

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
  /** P95 latency, ms (the access-log exporter's response-time histogram). */
  latencyP95Ms?: string;
  /** Failed / all requests, fraction. */
  errorRate?: string;
  /** Mean memory usage / request, fraction. */
  memoryUtilization?: string;
}

/** Queries for one namespace/Deployment/container, with the names and labels of lib/metric-names.ts. `rateWindow`
 * is the PromQL range of rate() (default four 15 s scrapes; rate() divides by the whole window, so it is accurate
 * only once the series is at least that old). The P95 comes from the access-log exporter's histogram. */
export function defaultQueries(namespace: string, deployment: string, o: { container?: string; rateWindow?: string } = {}): ControllerQueries {
  const w = o.rateWindow ?? rateWindow();
  const pods = appPodSelector(namespace, deployment, o.container);
  const ns = `namespace="${namespace}"`;
  return {
    cpuUtilization: `sum(rate(${METRICS.containerCpuSecondsTotal}{${pods}}[${w}])) / sum(${METRICS.podContainerResourceRequests}{${pods},resource="cpu"})`,
    readyReplicas: `sum(${METRICS.deploymentReadyReplicas}{${deploymentSelector(namespace, deployment)}})`,
    freshnessAgeSeconds: `time() - max(timestamp(${METRICS.nginxRequestsTotal}{${ns}}))`,
    rps: `sum(rate(${METRICS.nginxRequestsTotal}{${ns}}[${w}]))`,
    latencyP95Ms: latencyQuantileMsQuery(namespace, w, 0.95),
    errorRate: errorRateQuery(namespace, w),
    memoryUtilization: `sum(${METRICS.containerMemoryWorkingSetBytes}{${pods}}) / sum(${METRICS.podContainerResourceRequests}{${pods},resource="memory"})`,
  };
}
