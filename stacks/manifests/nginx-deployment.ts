// The service under test: nginx with requests/limits (the HPA divides usage by the request), probes, and two
// sidecars Prometheus scrapes through the ServiceMonitor: nginx-prometheus-exporter (stub_status: requests, active
// connections) and prometheus-nginxlog-exporter (access log: response-time histogram, responses by status).
import type { Manifest, ScenarioSpec } from './scenario-spec.ts';
import { stackLabels } from './scenario-spec.ts';
import { LATENCY_EXPORTER_PORT, STUB_STATUS_PORT } from './nginx-config.ts';

/** Port of the exporter's /metrics. */
export const EXPORTER_PORT = 9113;

/** Selector labels of the nginx pods (also the Service's selector). */
export function appSelector(spec: ScenarioSpec): Record<string, string> {
  return { 'app.kubernetes.io/name': spec.app.name, 'scalelab.io/stack': spec.stack };
}

/** Builds the nginx Deployment. */
export function buildNginxDeployment(spec: ScenarioSpec): Manifest {
  const a = spec.app;
  const labels = { ...stackLabels(spec, 'app'), ...appSelector(spec) };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: a.name, namespace: spec.namespace, labels },
    spec: {
      replicas: a.initialReplicas,
      selector: { matchLabels: appSelector(spec) },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: a.image,
              ports: [{ name: 'http', containerPort: 80 }],
              resources: {
                requests: { cpu: `${a.cpuRequestMilli}m`, memory: `${a.memoryRequestMiB}Mi` },
                limits: { cpu: `${a.cpuLimitMilli}m`, memory: `${a.memoryLimitMiB}Mi` },
              },
              readinessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 5, failureThreshold: 2 },
              livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, initialDelaySeconds: 5, periodSeconds: 10 },
              volumeMounts: [{ name: 'conf', mountPath: '/etc/nginx/conf.d' }],
            },
            {
              name: 'exporter',
              image: a.exporterImage,
              args: [`--nginx.scrape-uri=http://127.0.0.1:${STUB_STATUS_PORT}/stub_status`],
              ports: [{ name: 'metrics', containerPort: EXPORTER_PORT }],
              resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '50m', memory: '32Mi' } },
            },
            {
              name: 'latency',
              image: a.latencyExporterImage,
              args: ['-config-file', '/etc/prometheus-nginxlog-exporter/config.yml'],
              ports: [{ name: 'latency-metrics', containerPort: LATENCY_EXPORTER_PORT }],
              resources: { requests: { cpu: '20m', memory: '16Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
              volumeMounts: [{ name: 'latency-conf', mountPath: '/etc/prometheus-nginxlog-exporter', readOnly: true }],
            },
          ],
          volumes: [
            { name: 'conf', configMap: { name: `${a.name}-conf` } },
            { name: 'latency-conf', configMap: { name: `${a.name}-latency-exporter` } },
          ],
        },
      },
    },
  };
}
