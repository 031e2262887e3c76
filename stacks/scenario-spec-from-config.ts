// ScenarioConfig → ScenarioSpec: names, images and the generated k6 script. Used by the Pulumi program and by
// `scalelab stacks render`, so both describe the same objects. Model files are passed in (the caller reads them).
import type { ScenarioConfig } from './scenario-config.ts';
import type { ScenarioSpec } from './manifests/scenario-spec.ts';
import { buildWorkload, thesisScenario, type TraceLoader } from '../workloads/index.ts';
import { generateK6Script } from '../k6/generate-script.ts';

/** Images of the service under test (pinned, so a rerun applies the same thing). */
export const NGINX_IMAGE = 'nginx:1.27-alpine';
export const NGINX_EXPORTER_IMAGE = 'nginx/nginx-prometheus-exporter:1.3.0';

/** Builds the spec of a scenario; `modelFilesBase64` is the content of `modelDir` (empty when none); `loadTrace`
 * reads trace files named by a `workloadSpec`. */
export function scenarioSpecFromConfig(c: ScenarioConfig, modelFilesBase64: Record<string, string> = {}, loadTrace?: TraceLoader): ScenarioSpec {
  const workload =
    c.workloadSpec !== ''
      ? buildWorkload(JSON.parse(c.workloadSpec), { seed: c.seed, loadTrace })
      : thesisScenario(c.workload, { baseRps: c.baseRps, peakRps: c.peakRps, durationSeconds: c.durationSeconds });
  return {
    stack: c.stack,
    namespace: c.namespace,
    autoscaler: c.autoscaler,
    app: {
      name: 'nginx',
      image: NGINX_IMAGE,
      exporterImage: NGINX_EXPORTER_IMAGE,
      initialReplicas: c.minReplicas,
      cpuRequestMilli: c.cpuRequestMilli,
      cpuLimitMilli: c.cpuLimitMilli,
      memoryRequestMiB: c.memoryRequestMiB,
      memoryLimitMiB: c.memoryLimitMiB,
    },
    hpa: {
      minReplicas: c.minReplicas,
      maxReplicas: c.maxReplicas,
      targetCpuUtilizationPercent: c.targetCpuUtilizationPercent,
      scaleUpStabilizationSeconds: 0,
      scaleDownStabilizationSeconds: c.scaleDownStabilizationSeconds,
    },
    agent: {
      name: 'scalelab-agent',
      image: c.agentImage,
      policy: c.agentPolicy,
      minReplicas: c.minReplicas,
      maxReplicas: c.maxReplicas,
      decisionIntervalSeconds: c.decisionIntervalSeconds,
      cooldownSeconds: c.cooldownSeconds,
      shadow: c.shadow,
      modelFilesBase64,
      metricsPort: 9464,
    },
    monitoring: { namespace: c.monitoringNamespace, prometheusUrl: c.prometheusUrl, releaseLabel: 'kube-prom-stack' },
    k6: { image: c.k6Image, script: generateK6Script(workload, { slaLatencyMs: c.slaLatencyMs }) },
  };
}
