// ScenarioConfig → ScenarioSpec: names, images and the generated k6 script. Used by the Pulumi program and by
// `scalelab stacks render`, so both describe the same objects. The autoscaler part is the cell's whole autoscaler
// spec: the HPA object for `hpa`, the agent's SCALELAB_POLICY (+ the committed model it loads) for `rl`.
import { parseStrictJson } from '../lib/strict-json.ts';
import type { ScenarioConfig } from './scenario-config.ts';
import type { ScenarioSpec } from './manifests/scenario-spec.ts';
import { buildWorkload, thesisScenario, type TraceLoader } from '../workloads/index.ts';
import { generateK6Script } from '../k6/generate-script.ts';
import { hpaSpecFromAutoscaler } from './hpa-spec-from-autoscaler.ts';

/** Images of the service under test (pinned, so a rerun applies the same thing). */
export const NGINX_IMAGE = 'nginx:1.27-alpine';
export const NGINX_EXPORTER_IMAGE = 'nginx/nginx-prometheus-exporter:1.3.0';
/** prometheus-nginxlog-exporter (github.com/martin-helmich/prometheus-nginxlog-exporter), published on quay.io. */
export const NGINX_LATENCY_EXPORTER_IMAGE = 'quay.io/martinhelmich/prometheus-nginxlog-exporter:v1.11.0';

/** Builds the spec of a scenario; `loadTrace` reads trace files named by a `workloadSpec`. Throws StackConfigError
 * for an HPA spec the real HPA object cannot express. */
export function scenarioSpecFromConfig(c: ScenarioConfig, loadTrace?: TraceLoader): ScenarioSpec {
  const bounds = { minReplicas: c.minReplicas, maxReplicas: c.maxReplicas };
  // The HPA is built (and checked) only for an HPA scenario; an agent scenario's HPA section is unused.
  const hpa = c.autoscaler === 'hpa' ? hpaSpecFromAutoscaler(c.autoscalerSpec, bounds) : { ...bounds, metrics: [], behavior: null };
  const workload =
    c.workloadSpec !== ''
      ? buildWorkload(parseStrictJson(c.workloadSpec), { seed: c.seed, loadTrace })
      : thesisScenario(c.workload, { baseRps: c.baseRps, peakRps: c.peakRps, durationSeconds: c.durationSeconds });
  return {
    stack: c.stack,
    namespace: c.namespace,
    autoscaler: c.autoscaler,
    app: {
      name: 'nginx',
      image: NGINX_IMAGE,
      exporterImage: NGINX_EXPORTER_IMAGE,
      latencyExporterImage: NGINX_LATENCY_EXPORTER_IMAGE,
      initialReplicas: c.minReplicas,
      cpuRequestMilli: c.cpuRequestMilli,
      cpuLimitMilli: c.cpuLimitMilli,
      memoryRequestMiB: c.memoryRequestMiB,
      memoryLimitMiB: c.memoryLimitMiB,
    },
    hpa,
    agent: {
      name: 'scalelab-agent',
      image: c.agentImage,
      policy: c.autoscalerSpec,
      model: c.agentModel,
      minReplicas: c.minReplicas,
      maxReplicas: c.maxReplicas,
      decisionIntervalSeconds: c.decisionIntervalSeconds,
      cooldownSeconds: c.cooldownSeconds,
      shadow: c.shadow,
      metricsPort: 9464,
    },
    monitoring: { namespace: c.monitoringNamespace, prometheusUrl: c.prometheusUrl, releaseLabel: 'kube-prom-stack' },
    k6: { image: c.k6Image, script: generateK6Script(workload, { slaLatencyMs: c.slaLatencyMs }) },
  };
}
