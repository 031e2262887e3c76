// The emulated cluster's Prometheus configuration: the bridge's /metrics stands in for every exporter of the real
// stack (nginx exporters, cAdvisor, kube-state-metrics), its labels kept as they are (honor_labels), and the agents'
// own /metrics come from a file the bridge keeps up to date.
import { stringify } from 'yaml';

/** prometheus.yml text. */
export function prometheusConfigYaml(o: { scrapeIntervalSeconds: number; bridgeMetricsPort: number; agentTargetsFile: string }): string {
  const interval = `${o.scrapeIntervalSeconds}s`;
  return stringify({
    global: { scrape_interval: interval, evaluation_interval: interval },
    scrape_configs: [
      { job_name: 'scalelab-data-plane', honor_labels: true, static_configs: [{ targets: [`127.0.0.1:${o.bridgeMetricsPort}`] }] },
      { job_name: 'scalelab-agents', honor_labels: true, file_sd_configs: [{ files: [o.agentTargetsFile], refresh_interval: '5s' }] },
    ],
  });
}
