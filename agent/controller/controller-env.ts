// The container's environment (set by stacks/manifests/agent-deployment.ts) → controller settings. Bad values
// are reported naming the variable, the value and what was expected (ControllerEnvError: the entrypoint exits 2).
import { DEFAULT_CONTROLLER_CONFIG, type ControllerConfig } from './controller-loop.ts';
import { showValue } from '../../lib/show-value.ts';
import { JsonInputError, parseStrictJson } from '../../lib/strict-json.ts';

/** Longest interval, cooldown or sample age accepted, seconds (a day; Node's timers hold at most ~24.8 days and fire
 * at once beyond, so 1e12 s would have looped without pause). */
export const MAX_CONTROLLER_SECONDS = 86_400;

/** A bad or missing environment variable: the container was configured wrongly (exit 2, never a stack trace). */
export class ControllerEnvError extends Error {
  constructor(variable: string, value: unknown, expected: string) {
    super(`environment ${variable}: got ${showValue(value)}, expected ${expected}`);
    this.name = 'ControllerEnvError';
  }
}

/** Everything the entrypoint needs from the environment. */
export interface ControllerEnv {
  namespace: string;
  deployment: string;
  prometheusUrl: string;
  /** The autoscaler spec (`{ name, type, ...params }`) from SCALELAB_POLICY: JSON, or a bare registered type. */
  policy: Record<string, unknown> & { name: string; type: string };
  /** Committed model (a folder name under the image's models/) the policy loads; undefined = none/the type's own. */
  model?: string;
  metricsPort: number;
  /** Optional PromQL override of the P95 latency (ms). */
  latencyQuery?: string;
  config: ControllerConfig;
}

/** Parses `env` (process.env in the container). */
export function parseControllerEnv(env: Record<string, string | undefined>): ControllerEnv {
  const str = (k: string, fallback?: string) => {
    const v = env[k] ?? fallback;
    if (v === undefined || v === '') throw new ControllerEnvError(k, v, 'a value (set by the RlAutoscaler stack component)');
    return v;
  };
  const int = (k: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const raw = env[k];
    if (raw === undefined || raw === '') return fallback;
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min || v > max) throw new ControllerEnvError(k, raw, max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`);
    return v;
  };
  const shadowRaw = env.SCALELAB_SHADOW ?? 'false';
  if (shadowRaw !== 'true' && shadowRaw !== 'false') throw new ControllerEnvError('SCALELAB_SHADOW', shadowRaw, 'true or false');
  const d = DEFAULT_CONTROLLER_CONFIG;
  const interval = int('SCALELAB_INTERVAL_SECONDS', d.intervalSeconds, 1, MAX_CONTROLLER_SECONDS);
  const config: ControllerConfig = {
    ...d,
    intervalSeconds: interval,
    cooldownSeconds: int('SCALELAB_COOLDOWN_SECONDS', d.cooldownSeconds, 0, MAX_CONTROLLER_SECONDS),
    minReplicas: int('SCALELAB_MIN_REPLICAS', d.minReplicas, 1),
    maxReplicas: int('SCALELAB_MAX_REPLICAS', d.maxReplicas, 1),
    maxScaleUpStep: int('SCALELAB_MAX_SCALE_UP_STEP', d.maxScaleUpStep, 1),
    maxScaleDownStep: int('SCALELAB_MAX_SCALE_DOWN_STEP', d.maxScaleDownStep, 1),
    cpuRequestMilli: int('SCALELAB_CPU_REQUEST_MILLI', d.cpuRequestMilli, 1),
    maxSampleAgeSeconds: int('SCALELAB_MAX_SAMPLE_AGE_SECONDS', Math.max(d.maxSampleAgeSeconds, 4 * interval), 1, 4 * MAX_CONTROLLER_SECONDS),
    fallbackAfterFailures: int('SCALELAB_FALLBACK_AFTER_FAILURES', d.fallbackAfterFailures, 0),
    shadow: shadowRaw === 'true',
  };
  if (config.maxReplicas < config.minReplicas) throw new ControllerEnvError('SCALELAB_MAX_REPLICAS', config.maxReplicas, `≥ SCALELAB_MIN_REPLICAS (${config.minReplicas})`);
  const model = env.SCALELAB_MODEL || undefined;
  if (model !== undefined && !/^[a-z0-9][a-z0-9._-]*$/.test(model)) throw new ControllerEnvError('SCALELAB_MODEL', model, 'the name of a committed model folder (e.g. dqn-weak-sla)');
  return {
    namespace: str('SCALELAB_NAMESPACE'),
    deployment: str('SCALELAB_DEPLOYMENT'),
    prometheusUrl: str('SCALELAB_PROMETHEUS_URL'),
    policy: parsePolicy(str('SCALELAB_POLICY')),
    model,
    metricsPort: int('SCALELAB_METRICS_PORT', 9464, 1, 65535),
    latencyQuery: env.SCALELAB_LATENCY_QUERY || undefined,
    config,
  };
}

/** SCALELAB_POLICY: a JSON object `{ name, type, ...params }`, or a bare type name (`hybrid` = `{ name, type }`). */
function parsePolicy(text: string): ControllerEnv['policy'] {
  const expected = 'a JSON autoscaler spec such as {"name":"kpa","type":"kpa"} or a registered type name such as hybrid';
  const t = text.trim();
  if (/^[a-z][a-z0-9-]*$/.test(t)) return { name: t, type: t };
  let v: unknown;
  try {
    // Strict: a duplicate key (JSON.parse keeps the last: `"type":"hpa","type":"kpa"` ran kpa) or deep nesting is refused.
    v = parseStrictJson(t);
  } catch (err) {
    throw new ControllerEnvError('SCALELAB_POLICY', text, err instanceof JsonInputError && !err.syntax ? `${expected} (${err.message})` : expected);
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new ControllerEnvError('SCALELAB_POLICY', text, expected);
  const o = v as Record<string, unknown>;
  if (typeof o.name !== 'string' || typeof o.type !== 'string') throw new ControllerEnvError('SCALELAB_POLICY', text, `${expected} (with string name and type)`);
  return o as ControllerEnv['policy'];
}
