// The baseline autoscaler: an autoscaling/v2 HPA with the metrics and behavior of the cell's HPA spec (no behavior
// = the controller's legacy path, which is what the simulated HPA runs without one).
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
      metrics: h.metrics.map((m) => ({ type: 'Resource', resource: { name: m.resource, target: { type: 'Utilization', averageUtilization: m.averageUtilization } } })),
      ...(h.behavior === null ? {} : { behavior: structuredClone(h.behavior) }),
    },
  };
}
