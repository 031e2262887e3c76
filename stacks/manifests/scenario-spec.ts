// What one scenario namespace contains, as plain numbers and strings: the input of every manifest builder.
// Built from Pulumi config (stacks/config.ts) or from a committed Pulumi.<stack>.yaml (`scalelab stacks render`).
import type { HpaBehavior } from '../../agent/hpa/behavior.ts';
import type { AutoscalerSpec } from '../../agent/registry.ts';

/** The nginx Deployment under test. */
export interface AppSpec {
  /** Deployment and Service name. */
  name: string;
  /** nginx image, e.g. `nginx:1.27-alpine`. */
  image: string;
  /** nginx-prometheus-exporter sidecar image (stub_status: requests, connections). */
  exporterImage: string;
  /** prometheus-nginxlog-exporter sidecar image (access log: response-time histogram, responses by status). */
  latencyExporterImage: string;
  /** Replicas at creation (the autoscaler takes over after). */
  initialReplicas: number;
  /** CPU request and limit per pod, millicores. */
  cpuRequestMilli: number;
  cpuLimitMilli: number;
  /** Memory request and limit per pod, MiB. */
  memoryRequestMiB: number;
  memoryLimitMiB: number;
}

/** One `autoscaling/v2` Resource metric with a Utilization target. */
export interface HpaResourceMetric {
  resource: 'cpu' | 'memory';
  /** Target mean utilization of the requests, percent. */
  averageUtilization: number;
}

/** The `autoscaling/v2` HPA (used when `autoscaler` is `hpa`): exactly what the simulated HPA of the cell runs. */
export interface HpaSpec {
  minReplicas: number;
  maxReplicas: number;
  metrics: HpaResourceMetric[];
  /** spec.behavior as written in the autoscaler spec; null = none (the controller's legacy path, as simulated). */
  behavior: HpaBehavior | null;
}

/** The in-cluster RL agent (used when `autoscaler` is `rl`). */
export interface AgentSpec {
  /** Agent Deployment name (also its ServiceAccount, Role and RoleBinding). */
  name: string;
  /** Agent image built from agent/controller/Dockerfile. */
  image: string;
  /** The autoscaler spec the controller builds through the registry (`{ name, type, ...params }`, no `model`). */
  policy: AutoscalerSpec;
  /** Committed model (a folder name under models/, baked into the image) the policy loads; '' = none. */
  model: string;
  minReplicas: number;
  maxReplicas: number;
  /** Seconds between decisions. */
  decisionIntervalSeconds: number;
  /** Seconds after a scale change before the next one. */
  cooldownSeconds: number;
  /** Recommend only, never patch the scale subresource. */
  shadow: boolean;
  /** Port of the agent's /metrics and /healthz. */
  metricsPort: number;
}

/** Where the cluster's Prometheus/Grafana live (MicroK8s `observability` addon defaults). */
export interface MonitoringSpec {
  /** Namespace of Prometheus and Grafana (`observability`). */
  namespace: string;
  /** In-cluster Prometheus URL the agent queries. */
  prometheusUrl: string;
  /** Label the Prometheus operator selects ServiceMonitors and rules by (`release: kube-prom-stack`). */
  releaseLabel: string;
}

/** The k6 Job (used when no local k6 is on PATH). */
export interface K6JobSpec {
  /** `grafana/k6` image with tag. */
  image: string;
  /** The generated k6 script (k6/). */
  script: string;
}

/** One scenario stack: a namespace with nginx and exactly one autoscaler. */
export interface ScenarioSpec {
  /** Stack name (`hpa-spike`), used in labels and names outside the namespace. */
  stack: string;
  namespace: string;
  autoscaler: 'hpa' | 'rl';
  app: AppSpec;
  hpa: HpaSpec;
  agent: AgentSpec;
  monitoring: MonitoringSpec;
  k6: K6JobSpec;
}

/** A Kubernetes object as plain data (what `kubectl apply` and Pulumi receive). */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** Labels every scenario object carries, so `kubectl get all -l scalelab.io/stack=…` finds them. */
export function stackLabels(spec: ScenarioSpec, component: string): Record<string, string> {
  return { 'app.kubernetes.io/part-of': 'scalelab', 'app.kubernetes.io/component': component, 'scalelab.io/stack': spec.stack };
}
