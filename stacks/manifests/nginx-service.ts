// The Service k6 targets, and the ServiceMonitor that makes Prometheus scrape the exporter sidecar.
import type { Manifest, ScenarioSpec } from './scenario-spec.ts';
import { stackLabels } from './scenario-spec.ts';
import { appSelector, EXPORTER_PORT } from './nginx-deployment.ts';
import { LATENCY_EXPORTER_PORT } from './nginx-config.ts';
import { SCRAPE_INTERVAL_SECONDS } from '../../lib/metric-names.ts';

/** Builds the NodePort Service in front of nginx (port 80 http, 9113 stub_status metrics, 4040 latency metrics): NodePort so that a k6 on the
 * user's machine reaches it at <node IP>:<allocated port> (the scenario stack exports the port). */
export function buildNginxService(spec: ScenarioSpec): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: spec.app.name, namespace: spec.namespace, labels: { ...stackLabels(spec, 'app'), ...appSelector(spec) } },
    spec: {
      type: 'NodePort',
      selector: appSelector(spec),
      ports: [
        { name: 'http', port: 80, targetPort: 'http' },
        { name: 'metrics', port: EXPORTER_PORT, targetPort: 'metrics' },
        { name: 'latency-metrics', port: LATENCY_EXPORTER_PORT, targetPort: 'latency-metrics' },
      ],
    },
  };
}

/** In-cluster URL k6 sends its requests to. */
export function serviceUrl(spec: ScenarioSpec): string {
  return `http://${spec.app.name}.${spec.namespace}.svc.cluster.local/`;
}

/** Builds the ServiceMonitor (prometheus-operator CRD) scraping both exporters every SCRAPE_INTERVAL_SECONDS. */
export function buildServiceMonitor(spec: ScenarioSpec): Manifest {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: {
      name: spec.app.name,
      namespace: spec.namespace,
      labels: { ...stackLabels(spec, 'monitoring'), release: spec.monitoring.releaseLabel },
    },
    spec: {
      selector: { matchLabels: appSelector(spec) },
      namespaceSelector: { matchNames: [spec.namespace] },
      endpoints: ['metrics', 'latency-metrics'].map((port) => ({ port, interval: `${SCRAPE_INTERVAL_SECONDS}s`, path: '/metrics' })),
    },
  };
}
