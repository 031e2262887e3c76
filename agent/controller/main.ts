// Container entrypoint of the in-cluster agent: `node --import tsx agent/controller/main.ts`. Reads the env,
// builds the policy from the autoscaler registry (the RL model from /model), serves /metrics and /healthz,
// and runs the loop until SIGTERM/SIGINT.
import { createAutoscaler } from '../registry.ts';
import type { Autoscaler } from '../../lib/ports.ts';
import { parseControllerEnv } from './controller-env.ts';
import { createController, type ControllerClock } from './controller-loop.ts';
import { createControllerMetrics } from './controller-metrics.ts';
import { defaultQueries } from './controller-queries.ts';
import { createPrometheusClient } from './prometheus-client.ts';
import { createScaleClient, inClusterScaleOptions } from './scale-client.ts';
import { startMetricsServer } from './metrics-server.ts';

const realClock: ControllerClock = {
  nowSeconds: () => Date.now() / 1000,
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const t = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    }),
};

async function policyFrom(text: string, modelDir: string, name: string): Promise<Autoscaler> {
  const spec = text.trim().startsWith('{') ? JSON.parse(text) : { name, type: text, modelDir };
  return createAutoscaler(spec, { baseDir: modelDir });
}

async function main(): Promise<void> {
  const env = parseControllerEnv(process.env);
  const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
  const policy = await policyFrom(env.policy, env.modelDir, 'agent');
  const fallback = await createAutoscaler({ name: 'hpa-fallback', type: 'hpa', targetCpuUtilizationPercent: 70 }).catch((err) => {
    log(`no HPA fallback available: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  });
  const metrics = createControllerMetrics();
  const queries = { ...defaultQueries(env.namespace, env.deployment), ...(env.latencyQuery ? { latencyP95Ms: env.latencyQuery } : {}) };
  const controller = createController(env.config, {
    prometheus: createPrometheusClient(env.prometheusUrl),
    scale: createScaleClient(inClusterScaleOptions(env.namespace, env.deployment)),
    queries,
    policy,
    fallback,
    clock: realClock,
    metrics,
    log,
  });
  const startedSeconds = realClock.nowSeconds();
  const server = await startMetricsServer(metrics.registry, { ...controllerHealth(controller), startedSeconds, staleAfterSeconds: 4 * env.config.intervalSeconds }, env.metricsPort);
  const stop = new AbortController();
  for (const sig of ['SIGTERM', 'SIGINT'] as const) process.once(sig, () => stop.abort());
  log(`agent ${policy.name} controlling ${env.namespace}/${env.deployment} every ${env.config.intervalSeconds} s${env.config.shadow ? ' (shadow)' : ''}`);
  await controller.run(stop.signal);
  server.close();
}

function controllerHealth(c: { lastTickSeconds(): number | undefined }) {
  return { lastTickSeconds: () => c.lastTickSeconds(), nowSeconds: realClock.nowSeconds };
}

main().catch((err) => {
  process.stderr.write(`scalelab agent: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
