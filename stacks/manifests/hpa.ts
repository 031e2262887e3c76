// The baseline autoscaler: an autoscaling/v2 HPA on CPU utilization with explicit behavior.
import type { Manifest, ScenarioSpec } from './scenario-spec.ts';
import { stackLabels } from './scenario-spec.ts';

/** Builds the HorizontalPodAutoscaler targeting the nginx Deployment. */
export function buildHpa(spec: ScenarioSpec): Manifest {
  const h = spec.hpa;
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: spec.app.name, namespace: spec.namespace, labels: stackLabels(spec, 'autoscaler') },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: spec.app.name },
      minReplicas: h.minReplicas,
      maxReplicas: h.maxReplicas,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: h.targetCpuUtilizationPercent } } }],
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: h.scaleUpStabilizationSeconds,
          selectPolicy: 'Max',
          policies: [
            { type: 'Percent', value: 100, periodSeconds: 15 },
            { type: 'Pods', value: 4, periodSeconds: 15 },
          ],
        },
        scaleDown: {
          stabilizationWindowSeconds: h.scaleDownStabilizationSeconds,
          selectPolicy: 'Max',
          policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
        },
      },
    },
  };
}
