// The container's environment (set by stacks/manifests/agent-deployment.ts) → controller settings. Bad values
// are reported naming the variable, the value and what was expected.
import { DEFAULT_CONTROLLER_CONFIG, type ControllerConfig } from './controller-loop.ts';

/** Everything the entrypoint needs from the environment. */
export interface ControllerEnv {
  namespace: string;
  deployment: string;
  prometheusUrl: string;
  /** Autoscaler type from the registry (e.g. `hybrid`), or a JSON AutoscalerSpec. */
  policy: string;
  modelDir: string;
  metricsPort: number;
  /** Optional PromQL override of the P95 latency (ms). */
  latencyQuery?: string;
  config: ControllerConfig;
}

/** Parses `env` (process.env in the container). */
export function parseControllerEnv(env: Record<string, string | undefined>): ControllerEnv {
  const str = (k: string, fallback?: string) => {
    const v = env[k] ?? fallback;
    if (v === undefined || v === '') throw new Error(`environment ${k}: missing, expected a value (set by the RlAutoscaler stack component)`);
    return v;
  };
  const int = (k: string, fallback: number, min: number) => {
    const raw = env[k];
    if (raw === undefined || raw === '') return fallback;
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min) throw new Error(`environment ${k}: got ${JSON.stringify(raw)}, expected an integer ≥ ${min}`);
    return v;
  };
  const shadowRaw = env.SCALELAB_SHADOW ?? 'false';
  if (shadowRaw !== 'true' && shadowRaw !== 'false') throw new Error(`environment SCALELAB_SHADOW: got ${JSON.stringify(shadowRaw)}, expected true or false`);
  const d = DEFAULT_CONTROLLER_CONFIG;
  const interval = int('SCALELAB_INTERVAL_SECONDS', d.intervalSeconds, 1);
  const config: ControllerConfig = {
    ...d,
    intervalSeconds: interval,
    cooldownSeconds: int('SCALELAB_COOLDOWN_SECONDS', d.cooldownSeconds, 0),
    minReplicas: int('SCALELAB_MIN_REPLICAS', d.minReplicas, 1),
    maxReplicas: int('SCALELAB_MAX_REPLICAS', d.maxReplicas, 1),
    maxScaleUpStep: int('SCALELAB_MAX_SCALE_UP_STEP', d.maxScaleUpStep, 1),
    maxScaleDownStep: int('SCALELAB_MAX_SCALE_DOWN_STEP', d.maxScaleDownStep, 1),
    cpuRequestMilli: int('SCALELAB_CPU_REQUEST_MILLI', d.cpuRequestMilli, 1),
    maxSampleAgeSeconds: int('SCALELAB_MAX_SAMPLE_AGE_SECONDS', Math.max(d.maxSampleAgeSeconds, 4 * interval), 1),
    fallbackAfterFailures: int('SCALELAB_FALLBACK_AFTER_FAILURES', d.fallbackAfterFailures, 0),
    shadow: shadowRaw === 'true',
  };
  if (config.maxReplicas < config.minReplicas) throw new Error(`environment SCALELAB_MAX_REPLICAS: got ${config.maxReplicas}, expected ≥ SCALELAB_MIN_REPLICAS (${config.minReplicas})`);
  return {
    namespace: str('SCALELAB_NAMESPACE'),
    deployment: str('SCALELAB_DEPLOYMENT'),
    prometheusUrl: str('SCALELAB_PROMETHEUS_URL'),
    policy: str('SCALELAB_POLICY'),
    modelDir: env.SCALELAB_MODEL_DIR ?? '/model',
    metricsPort: int('SCALELAB_METRICS_PORT', 9464, 1),
    latencyQuery: env.SCALELAB_LATENCY_QUERY || undefined,
    config,
  };
}
