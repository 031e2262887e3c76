// Container entrypoint of the in-cluster agent (bundled by `npm run build:agent` into the image's
// agent/controller/main.mjs; `node --import tsx agent/controller/main.ts` from a checkout). Reads the env, builds the
// policy from the autoscaler registry (an RL model from the image's models/<SCALELAB_MODEL>/model), serves /metrics
// and /healthz, and runs the loop until SIGTERM/SIGINT. Bad configuration exits 2 with one message naming the variable.
import { join } from 'node:path';
import { createAutoscaler, RL_AUTOSCALER_TYPES } from '../registry.ts';
import { AutoscalerSpecError } from '../baselines/params.ts';
import { ControllerEnvError, parseControllerEnv } from './controller-env.ts';
import { createController, type ControllerClock } from './controller-loop.ts';
import { createControllerMetrics } from './controller-metrics.ts';
import { defaultQueries } from './controller-queries.ts';
import { createPrometheusClient } from './prometheus-client.ts';
import { createScaleClient, inClusterScaleOptions } from './scale-client.ts';
import { startMetricsServer } from './metrics-server.ts';
import { FALLBACK_SPEC, policySpec } from './policy-spec.ts';

/** The committed models: `<app>/models` beside `<app>/agent/controller/main.*` (the image and a checkout alike). */
const MODELS_DIR = join(import.meta.dirname, '..', '..', 'models');

const realClock: ControllerClock = {
  nowSeconds: () => (performance.timeOrigin + performance.now()) / 1000,
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    }),
};

/** A configuration problem the user fixes in the stack (exit 2). */
class ConfigError extends Error {}

async function main(): Promise<void> {
  const env = parseControllerEnv(process.env);
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  const policy = await createAutoscaler(policySpec(env, MODELS_DIR)).catch((err: unknown) => {
    if (err instanceof AutoscalerSpecError) throw new ConfigError(`environment SCALELAB_POLICY/SCALELAB_MODEL: ${err.message}`);
    throw err;
  });
  const fallback = await createAutoscaler(FALLBACK_SPEC);
  // Which TensorFlow.js backend an RL policy runs on (wasm in the image; cpu only if the wasm binaries are missing).
  const tfBackend = (RL_AUTOSCALER_TYPES as readonly string[]).includes(env.policy.type) ? await (await import('../rl/tf.ts')).initTf() : undefined;
  const metrics = createControllerMetrics();
  const queries = { ...defaultQueries(env.namespace, env.deployment), ...(env.latencyQuery ? { latencyP95Ms: env.latencyQuery } : {}) };
  let scaleOptions;
  try {
    scaleOptions = inClusterScaleOptions(env.namespace, env.deployment, process.env, process.env.SCALELAB_SERVICEACCOUNT_DIR || undefined);
  } catch (err) {
    throw new ConfigError(err instanceof Error ? err.message : String(err));
  }
  const controller = createController(env.config, {
    prometheus: createPrometheusClient(env.prometheusUrl),
    scale: createScaleClient(scaleOptions),
    queries,
    policy,
    fallback,
    clock: realClock,
    metrics,
    log,
  });
  const startedSeconds = realClock.nowSeconds();
  const health = { lastTickSeconds: () => controller.lastTickSeconds(), nowSeconds: realClock.nowSeconds, startedSeconds, staleAfterSeconds: 4 * env.config.intervalSeconds };
  const server = await startMetricsServer(metrics.registry, health, env.metricsPort);
  const stop = new AbortController();
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.once(sig, () => stop.abort());
  log(`agent ${policy.name} (${env.policy.type}${env.model ? `, model ${env.model}` : ''}${tfBackend ? `, tf backend ${tfBackend}` : ''}) controlling ${env.namespace}/${env.deployment} every ${env.config.intervalSeconds} s${env.config.shadow ? ' (shadow)' : ''}`);
  await controller.run(stop.signal);
  server.close();
}

main().catch((err: unknown) => {
  const config = err instanceof ControllerEnvError || err instanceof ConfigError;
  process.stderr.write(`scalelab agent: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(config ? 2 : 1);
});
