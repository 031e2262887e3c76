// Pulumi config values (flat `scalelab:<key>` strings, as in Pulumi.<stack>.yaml) → a validated ScenarioConfig.
// Shared by the Pulumi program (stacks/config.ts) and `scalelab stacks render`, so both build the same objects.
// The defaults here equal the `default:` of each key in Pulumi.yaml (a test keeps them in sync).
import { JsonInputError, parseStrictJson } from '../lib/strict-json.ts';
import type { AutoscalerSpec } from '../agent/registry.ts';
import { StackConfigError } from './stack-config-error.ts';
import { readAgentModel, readAutoscalerSpec } from './scenario-autoscaler-config.ts';

/** Every scenario-stack config key, its default (as Pulumi stores it: a string) and what it means. */
export const SCENARIO_CONFIG_KEYS = {
  stackKind: { default: 'scenario', doc: 'cluster | scenario: which program this stack runs' },
  clusterStack: { default: 'organization/scalelab/cluster', doc: 'fully qualified name of the cluster stack (StackReference)' },
  autoscaler: { default: 'hpa', doc: 'hpa | rl: the ONE autoscaler of this scenario (the HPA object, or the in-cluster agent)' },
  autoscalerSpec: { default: '', doc: 'JSON autoscaler spec {name, type, ...params} as in an experiment file (set by the kube backend per cell); empty = built from agentPolicy / targetCpuUtilizationPercent' },
  workload: { default: 'sudden-spike', doc: 'thesis scenario name driving k6 (steady, gradual-ramp, sudden-spike, daily-pattern, idle-periods, flash-crowd)' },
  workloadSpec: { default: '', doc: 'JSON WorkloadSpec (workloads/spec.ts) overriding `workload` (set by the kube backend per cell)' },
  seed: { default: '1', doc: 'seed of the workload (noise, trace sampling)' },
  baseRps: { default: '20', doc: 'quiet-time rate of the workload, requests/s' },
  peakRps: { default: '80', doc: 'peak rate of the workload, requests/s' },
  durationSeconds: { default: '1800', doc: 'length of the k6 run, seconds' },
  slaLatencyMs: { default: '200', doc: 'SLA latency for the k6 threshold and the alerts, ms' },
  namespace: { default: '', doc: 'namespace of the scenario (empty = scalelab-<stack>)' },
  minReplicas: { default: '1', doc: 'lowest replica count either autoscaler may set' },
  maxReplicas: { default: '10', doc: 'highest replica count either autoscaler may set' },
  targetCpuUtilizationPercent: { default: '70', doc: 'HPA target CPU utilization, percent of the request (when autoscalerSpec is empty)' },
  cpuRequestMilli: { default: '100', doc: 'nginx CPU request per pod, millicores' },
  cpuLimitMilli: { default: '200', doc: 'nginx CPU limit per pod, millicores' },
  memoryRequestMiB: { default: '64', doc: 'nginx memory request per pod, MiB' },
  memoryLimitMiB: { default: '128', doc: 'nginx memory limit per pod, MiB' },
  agentPolicy: { default: 'hybrid', doc: 'registered autoscaler type the agent runs when autoscalerSpec is empty (dqn, ppo, hybrid, hybrid-constrained, hpa, kpa, predictive, rule-based, thesis-hpa, thesis-threshold)' },
  agentImage: { default: 'ghcr.io/scalelab/agent:0.1.0', doc: 'agent image built from agent/controller/Dockerfile (holds every models/<name>/model)' },
  agentModel: { default: '', doc: 'committed model (folder under models/, baked into the agent image) an RL policy loads; empty = models/<type>' },
  decisionIntervalSeconds: { default: '15', doc: 'seconds between agent decisions' },
  cooldownSeconds: { default: '60', doc: 'seconds after an agent scale change before the next one' },
  shadow: { default: 'false', doc: 'true = the agent recommends only and never patches the scale' },
  k6Job: { default: 'true', doc: 'true = run k6 as an in-cluster Job; false = the runner uses a local k6' },
  k6Image: { default: 'grafana/k6:0.54.0', doc: 'k6 image of the Job' },
  prometheusUrl: { default: 'http://kube-prom-stack-kube-prome-prometheus.observability.svc:9090', doc: 'in-cluster Prometheus URL (MicroK8s observability addon)' },
  monitoringNamespace: { default: 'observability', doc: 'namespace of Prometheus and Grafana' },
} as const;

/** A config key of the scenario program. */
export type ScenarioConfigKey = keyof typeof SCENARIO_CONFIG_KEYS;

/** The validated scenario config (numbers are numbers, booleans booleans). */
export interface ScenarioConfig {
  stack: string;
  clusterStack: string;
  autoscaler: 'hpa' | 'rl';
  workload: string;
  workloadSpec: string;
  seed: number;
  baseRps: number;
  peakRps: number;
  durationSeconds: number;
  slaLatencyMs: number;
  namespace: string;
  minReplicas: number;
  maxReplicas: number;
  /** The one autoscaler, as an experiment file writes it (no `model`: see agentModel). */
  autoscalerSpec: AutoscalerSpec;
  cpuRequestMilli: number;
  cpuLimitMilli: number;
  memoryRequestMiB: number;
  memoryLimitMiB: number;
  agentImage: string;
  /** Committed model name for RL types (`models/<agentModel>/model`), '' for the other types. */
  agentModel: string;
  decisionIntervalSeconds: number;
  cooldownSeconds: number;
  shadow: boolean;
  k6Job: boolean;
  k6Image: string;
  prometheusUrl: string;
  monitoringNamespace: string;
}

export { StackConfigError } from './stack-config-error.ts';

/** Parses flat config values (keys without the `scalelab:` prefix); unknown keys are refused. */
export function parseScenarioConfig(stack: string, values: Record<string, unknown>): ScenarioConfig {
  for (const key of Object.keys(values)) {
    if (!(key in SCENARIO_CONFIG_KEYS)) throw new StackConfigError(key, values[key], `one of the known keys (${Object.keys(SCENARIO_CONFIG_KEYS).join(', ')})`);
  }
  const str = (k: ScenarioConfigKey) => String(values[k] ?? SCENARIO_CONFIG_KEYS[k].default);
  const num = (k: ScenarioConfigKey, min: number, integer = true) => {
    const raw = values[k] ?? SCENARIO_CONFIG_KEYS[k].default;
    const v = typeof raw === 'number' ? raw : Number(String(raw).trim() === '' ? NaN : raw);
    if (!Number.isFinite(v) || v < min || (integer && !Number.isInteger(v))) throw new StackConfigError(k, raw, `${integer ? 'an integer' : 'a number'} ≥ ${min}`);
    return v;
  };
  const bool = (k: ScenarioConfigKey) => {
    const raw = values[k] ?? SCENARIO_CONFIG_KEYS[k].default;
    if (raw === true || raw === 'true') return true;
    if (raw === false || raw === 'false') return false;
    throw new StackConfigError(k, raw, 'true or false');
  };
  const autoscaler = str('autoscaler');
  if (autoscaler !== 'hpa' && autoscaler !== 'rl') throw new StackConfigError('autoscaler', autoscaler, 'hpa or rl (a scenario runs exactly one autoscaler)');
  const autoscalerSpec = readAutoscalerSpec(autoscaler, str('autoscalerSpec'), str('agentPolicy'), num('targetCpuUtilizationPercent', 1));
  const agentModel = readAgentModel(autoscalerSpec, str('agentModel'));
  const c: ScenarioConfig = {
    stack,
    clusterStack: str('clusterStack'),
    autoscaler,
    workload: str('workload'),
    workloadSpec: str('workloadSpec'),
    seed: num('seed', Number.MIN_SAFE_INTEGER),
    baseRps: num('baseRps', 0, false),
    peakRps: num('peakRps', 0, false),
    durationSeconds: num('durationSeconds', 1),
    slaLatencyMs: num('slaLatencyMs', 1, false),
    namespace: str('namespace') || `scalelab-${stack}`,
    minReplicas: num('minReplicas', 1),
    maxReplicas: num('maxReplicas', 1),
    autoscalerSpec,
    cpuRequestMilli: num('cpuRequestMilli', 1),
    cpuLimitMilli: num('cpuLimitMilli', 1),
    memoryRequestMiB: num('memoryRequestMiB', 1),
    memoryLimitMiB: num('memoryLimitMiB', 1),
    agentImage: str('agentImage'),
    agentModel,
    decisionIntervalSeconds: num('decisionIntervalSeconds', 1),
    cooldownSeconds: num('cooldownSeconds', 0),
    shadow: bool('shadow'),
    k6Job: bool('k6Job'),
    k6Image: str('k6Image'),
    prometheusUrl: str('prometheusUrl'),
    monitoringNamespace: str('monitoringNamespace'),
  };
  if (c.workloadSpec !== '') {
    try {
      // Strict, as every JSON input: a duplicate key (JSON.parse keeps the last) or 100,000-deep nesting is refused.
      parseStrictJson(c.workloadSpec);
    } catch (err) {
      const why = err instanceof JsonInputError && !err.syntax ? ` (${err.message})` : '';
      throw new StackConfigError('workloadSpec', c.workloadSpec, `a JSON workload spec such as {"type":"steady","rps":50,"durationSeconds":600}${why}`);
    }
  }
  if (c.maxReplicas < c.minReplicas) throw new StackConfigError('maxReplicas', c.maxReplicas, `≥ minReplicas (${c.minReplicas})`);
  if (c.peakRps < c.baseRps) throw new StackConfigError('peakRps', c.peakRps, `≥ baseRps (${c.baseRps})`);
  if (c.cpuLimitMilli < c.cpuRequestMilli) throw new StackConfigError('cpuLimitMilli', c.cpuLimitMilli, `≥ cpuRequestMilli (${c.cpuRequestMilli})`);
  if (!IMAGE_REFERENCE.test(c.agentImage)) throw new StackConfigError('agentImage', c.agentImage, 'an image reference such as registry.example:5000/scalelab-agent:0.1.0 (lower-case repository, optional :tag and @sha256:digest)');
  if (!IMAGE_REFERENCE.test(c.k6Image)) throw new StackConfigError('k6Image', c.k6Image, 'an image reference such as grafana/k6:0.54.0');
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(c.namespace) || c.namespace.length > 63) throw new StackConfigError('namespace', c.namespace, 'a DNS-1123 label (lower case, digits, -; ≤ 63 chars)');
  return c;
}

/** Docker's reference grammar (distribution/reference): [host[:port]/]path[:tag][@digest], path components lower case. */
const IMAGE_REFERENCE = /^(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/;

/** Splits a Pulumi.<stack>.yaml `config:` map into this project's keys (prefix stripped); secure values are refused. */
export function projectConfigValues(config: Record<string, unknown> | undefined, project = 'scalelab'): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(config ?? {})) {
    if (!k.startsWith(`${project}:`)) continue;
    out[k.slice(project.length + 1)] = v;
  }
  return out;
}
