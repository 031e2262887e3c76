// How often Prometheus scrapes each series the real path reads, and the range windows that follow from it. Our
// ServiceMonitors (nginx exporter, agent) set their interval explicitly; cAdvisor (kubelet) and kube-state-metrics
// are scraped by MicroK8s's observability addon (kube-prometheus-stack 45.5.0), whose ServiceMonitors leave the
// interval empty, so Prometheus's global default applies: 30 s. A rate() over a window holding fewer than about
// four scrapes is often empty or a single difference (the agent holds, the collector reads 0), so every window the
// real path queries is at least MIN_SCRAPES_PER_WINDOW scrapes of the slowest series in it.
import { SCRAPE_INTERVAL_SECONDS } from '../../lib/metric-names.ts';

/** Interval our ServiceMonitors ask for, seconds (`endpoints[].interval`): the one in lib/metric-names.ts. */
export const SERVICE_MONITOR_INTERVAL_SECONDS = SCRAPE_INTERVAL_SECONDS;

/** The addon's scrape interval for cAdvisor and kube-state-metrics (Prometheus's default), seconds. */
export const ADDON_SCRAPE_INTERVAL_SECONDS = 30;

/** Fewest scrapes a range window must span. */
export const MIN_SCRAPES_PER_WINDOW = 4;

/** `interval` of our ServiceMonitor endpoints, as a Prometheus duration. */
export const SERVICE_MONITOR_INTERVAL = `${SERVICE_MONITOR_INTERVAL_SECONDS}s`;

/** The smallest window (seconds) holding MIN_SCRAPES_PER_WINDOW scrapes of every interval given. */
export function rangeWindowSeconds(...scrapeIntervalsSeconds: number[]): number {
  return MIN_SCRAPES_PER_WINDOW * Math.max(...scrapeIntervalsSeconds);
}

/** Window for queries mixing our series with cAdvisor / kube-state-metrics ones: 2m. */
export const CLUSTER_RANGE_WINDOW = `${rangeWindowSeconds(SERVICE_MONITOR_INTERVAL_SECONDS, ADDON_SCRAPE_INTERVAL_SECONDS)}s`;

/** Window for queries over our own ServiceMonitors' series only: 1m. */
export const APP_RANGE_WINDOW = `${rangeWindowSeconds(SERVICE_MONITOR_INTERVAL_SECONDS)}s`;
