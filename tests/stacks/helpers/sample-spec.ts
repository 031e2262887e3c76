// A hand-written ScenarioSpec for builder tests (values chosen so expectations are easy to read).
import type { ScenarioSpec } from '../../../stacks/manifests/scenario-spec.ts';

export function sampleSpec(autoscaler: 'hpa' | 'rl'): ScenarioSpec {
  return {
    stack: `${autoscaler}-test`,
    namespace: `scalelab-${autoscaler}-test`,
    autoscaler,
    app: { name: 'nginx', image: 'nginx:1.27-alpine', exporterImage: 'nginx/nginx-prometheus-exporter:1.3.0', latencyExporterImage: 'quay.io/martinhelmich/prometheus-nginxlog-exporter:v1.11.0', initialReplicas: 2, cpuRequestMilli: 100, cpuLimitMilli: 200, memoryRequestMiB: 64, memoryLimitMiB: 128 },
    hpa: { minReplicas: 1, maxReplicas: 10, metrics: [{ resource: 'cpu', averageUtilization: 70 }], behavior: { scaleDown: { stabilizationWindowSeconds: 300 } } },
    agent: { name: 'scalelab-agent', image: 'example/agent:1', policy: { name: 'hybrid', type: 'hybrid' }, model: 'hybrid', minReplicas: 1, maxReplicas: 10, decisionIntervalSeconds: 15, cooldownSeconds: 60, shadow: false, metricsPort: 9464 },
    monitoring: { namespace: 'observability', prometheusUrl: 'http://prom.observability.svc:9090', releaseLabel: 'kube-prom-stack' },
    k6: { image: 'grafana/k6:0.54.0', script: 'export default function () {}\n' },
  };
}
