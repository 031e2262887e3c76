// The RL agent as a Deployment (agent/controller is its entrypoint) and a Service + ServiceMonitor so Prometheus
// scrapes the agent's own /metrics (the alert rules read them). The policy arrives as the whole autoscaler spec
// (SCALELAB_POLICY, JSON) and its model by name (SCALELAB_MODEL): every committed model is baked into the image.
import type { Manifest, ScenarioSpec } from './scenario-spec.ts';
import { stackLabels } from './scenario-spec.ts';
import { SCRAPE_INTERVAL_SECONDS } from '../../lib/metric-names.ts';

function agentSelector(spec: ScenarioSpec): Record<string, string> {
  return { 'app.kubernetes.io/name': spec.agent.name, 'scalelab.io/stack': spec.stack };
}

/** Builds the agent Deployment: one replica, its ServiceAccount, env read by agent/controller/controller-env.ts. */
export function buildAgentDeployment(spec: ScenarioSpec): Manifest {
  const g = spec.agent;
  const labels = { ...stackLabels(spec, 'autoscaler'), ...agentSelector(spec) };
  const env: Record<string, string> = {
    SCALELAB_NAMESPACE: spec.namespace,
    SCALELAB_DEPLOYMENT: spec.app.name,
    SCALELAB_PROMETHEUS_URL: spec.monitoring.prometheusUrl,
    SCALELAB_POLICY: JSON.stringify(g.policy),
    ...(g.model === '' ? {} : { SCALELAB_MODEL: g.model }),
    SCALELAB_MIN_REPLICAS: String(g.minReplicas),
    SCALELAB_MAX_REPLICAS: String(g.maxReplicas),
    SCALELAB_INTERVAL_SECONDS: String(g.decisionIntervalSeconds),
    SCALELAB_COOLDOWN_SECONDS: String(g.cooldownSeconds),
    SCALELAB_SHADOW: String(g.shadow),
    SCALELAB_CPU_REQUEST_MILLI: String(spec.app.cpuRequestMilli),
    SCALELAB_METRICS_PORT: String(g.metricsPort),
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: g.name, namespace: spec.namespace, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: agentSelector(spec) },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: g.name,
          containers: [
            {
              name: 'agent',
              image: g.image,
              env: Object.entries(env).map(([name, value]) => ({ name, value })),
              ports: [{ name: 'metrics', containerPort: g.metricsPort }],
              resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
              readinessProbe: { httpGet: { path: '/healthz', port: 'metrics' }, periodSeconds: 10 },
              livenessProbe: { httpGet: { path: '/healthz', port: 'metrics' }, initialDelaySeconds: 10, periodSeconds: 20 },
            },
          ],
        },
      },
    },
  };
}

/** Builds the Service exposing the agent's /metrics. */
export function buildAgentService(spec: ScenarioSpec): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: spec.agent.name, namespace: spec.namespace, labels: { ...stackLabels(spec, 'autoscaler'), ...agentSelector(spec) } },
    spec: { selector: agentSelector(spec), ports: [{ name: 'metrics', port: spec.agent.metricsPort, targetPort: 'metrics' }] },
  };
}

/** Builds the ServiceMonitor for the agent's /metrics. */
export function buildAgentServiceMonitor(spec: ScenarioSpec): Manifest {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: { name: spec.agent.name, namespace: spec.namespace, labels: { ...stackLabels(spec, 'monitoring'), release: spec.monitoring.releaseLabel } },
    spec: {
      selector: { matchLabels: agentSelector(spec) },
      namespaceSelector: { matchNames: [spec.namespace] },
      endpoints: [{ port: 'metrics', interval: `${SCRAPE_INTERVAL_SECONDS}s`, path: '/metrics' }],
    },
  };
}
