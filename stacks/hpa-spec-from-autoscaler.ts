// A cell's HPA autoscaler spec (what the simulator runs) → the autoscaling/v2 object the real cluster runs. Only
// what one HPA object can say reaches the cluster: Resource utilization targets, min/max and `behavior`. The rest
// of the simulated HPA's config are kube-controller-manager flags shared by the whole cluster, so a spec that
// changes one of them cannot run on the real path and is refused naming the parameter.
import { defaultHpaConfig, parseHpaConfig, type HpaConfig } from '../agent/hpa/index.ts';
import type { AutoscalerSpec } from '../agent/registry.ts';
import type { HpaSpec } from './manifests/scenario-spec.ts';
import { StackConfigError } from './stack-config-error.ts';

/** Controller flags (not fields of the HPA object) the cluster runs with their upstream defaults. */
const CONTROLLER_FLAGS = [
  'syncPeriodSeconds',
  'tolerance',
  'cpuInitializationPeriodSeconds',
  'initialReadinessDelaySeconds',
  'downscaleStabilizationWindowSeconds',
  'defaultMetricWindowSeconds',
  'scaleUpLimitFactor',
  'scaleUpLimitMinimum',
  'recordInitialRecommendation',
] as const satisfies readonly (keyof HpaConfig)[];

/** Use where a stack turns an `hpa` autoscaler spec into its HPA object; `min`/`max` are the plant's bounds,
 * used when the spec leaves them out (as the simulated HPA then reads them from the observation). */
export function hpaSpecFromAutoscaler(spec: AutoscalerSpec, bounds: { minReplicas: number; maxReplicas: number }): HpaSpec {
  const field = 'autoscalerSpec';
  let c: HpaConfig;
  try {
    c = parseHpaConfig(spec);
  } catch (err) {
    throw new StackConfigError(field, spec, `a valid hpa spec (${err instanceof Error ? err.message : String(err)})`);
  }
  for (const flag of CONTROLLER_FLAGS) {
    if (c[flag] !== defaultHpaConfig[flag]) {
      throw new StackConfigError(`${field}.${flag}`, c[flag], `${JSON.stringify(defaultHpaConfig[flag])}: it is a kube-controller-manager flag shared by the whole cluster, not a field of the HPA object`);
    }
  }
  const metrics = c.metrics.map((m, i) => {
    if (m.type !== 'Resource' || !('targetUtilization' in m)) {
      throw new StackConfigError(`${field}.metrics[${i}]`, m, 'a Resource metric with targetUtilization (the real stack has no custom/external metrics adapter)');
    }
    return { resource: m.name, averageUtilization: m.targetUtilization };
  });
  for (const dir of ['scaleUp', 'scaleDown'] as const) {
    if (c.behavior?.[dir]?.tolerance !== undefined) {
      throw new StackConfigError(`${field}.behavior.${dir}.tolerance`, c.behavior[dir]!.tolerance, 'no per-HPA tolerance (alpha in Kubernetes 1.33; MicroK8s 1.30 ignores it)');
    }
  }
  const minReplicas = c.minReplicas ?? bounds.minReplicas;
  if (minReplicas < 1) throw new StackConfigError(`${field}.minReplicas`, minReplicas, 'at least 1 (scale to zero is an alpha feature of the HPA)');
  return { minReplicas, maxReplicas: c.maxReplicas ?? bounds.maxReplicas, metrics, behavior: c.behavior };
}
