import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { createController, DEFAULT_CONTROLLER_CONFIG, type ControllerConfig } from '../../../agent/controller/controller-loop.ts';
import { createControllerMetrics } from '../../../agent/controller/controller-metrics.ts';
import { createScaleClient } from '../../../agent/controller/scale-client.ts';
import type { Autoscaler } from '../../../lib/ports.ts';
import { startFakeKubeApi, type FakeKubeApi } from './helpers/fake-kube-api.ts';
import { fakeClock, fakePrometheus, QUERIES, scriptedPolicy } from './helpers/fakes.ts';

const NS = 'scalelab-test';
const healthy = () => ({ AGE: 10, CPU: 0.9, READY: 2, RPS: 50 });

async function setup(o: { policy: Autoscaler; prom?: Record<string, number | number[] | Error | undefined>; config?: Partial<ControllerConfig>; fallback?: Autoscaler; timeoutMs?: number }) {
  const api = await startFakeKubeApi(NS, 'nginx', 2);
  const prom = fakePrometheus(o.prom ?? healthy());
  const clock = fakeClock();
  const metrics = createControllerMetrics();
  const log: string[] = [];
  const controller = createController(
    { ...DEFAULT_CONTROLLER_CONFIG, cooldownSeconds: 60, maxScaleUpStep: 4, maxScaleDownStep: 1, maxReplicas: 10, ...o.config },
    { prometheus: prom, scale: createScaleClient({ apiServerUrl: api.url, namespace: NS, deployment: 'nginx', timeoutMs: o.timeoutMs ?? 2000 }), queries: QUERIES, policy: o.policy, fallback: o.fallback, clock, metrics, log: (l) => log.push(l) },
  );
  return { api, prom, clock, metrics, controller, log };
}

const patches = (api: FakeKubeApi) => api.requests.filter((r) => r.method === 'PATCH');
const counter = async (m: ReturnType<typeof createControllerMetrics>, name: string, labels: Record<string, string>) => {
  const metric = (await m.registry.getMetricsAsJSON()).find((x) => x.name === name);
  const v = metric?.values.find((x) => Object.entries(labels).every(([k, val]) => x.labels[k] === val));
  return v?.value ?? 0;
};

test('a scale-up decision is applied as a merge-PATCH of spec.replicas on the scale subresource', async () => {
  const s = await setup({ policy: scriptedPolicy(() => ({ replicas: 5, reason: 'ScaleUp' })) });
  try {
    const r = await s.controller.tick();
    assert.equal(r, { action: 'scale', reason: 'ScaleUp', fromReplicas: 2, toReplicas: 5 });
    const [p] = patches(s.api);
    assert.is(p.path, `/apis/apps/v1/namespaces/${NS}/deployments/nginx/scale`);
    assert.is(p.contentType, 'application/merge-patch+json');
    assert.equal(JSON.parse(p.body), { spec: { replicas: 5 } });
    assert.is(s.api.state.specReplicas, 5);
    assert.is(await counter(s.metrics, 'scalelab_agent_interventions_total', { direction: 'up' }), 1);
  } finally {
    await s.api.close();
  }
});

test('the policy sees the observation read from Prometheus and the scale subresource', async () => {
  const policy = scriptedPolicy(() => ({ replicas: 2, reason: 'Hold' }));
  const s = await setup({ policy, config: { cpuRequestMilli: 100 } });
  try {
    await s.controller.tick();
    const o = policy.seen[0];
    assert.is(o.specReplicas, 2);
    assert.is(o.readyReplicas, 2);
    assert.is(o.cpuUtilization, 0.9);
    assert.is(o.rps, 50);
    assert.is(o.pods.length, 2);
    assert.is(o.pods[0].cpuUsageMilli, 90); // 0.9 × 100m request
    assert.is(patches(s.api).length, 0);
  } finally {
    await s.api.close();
  }
});

test('rate limits: at most +4 up and −1 down per decision, and never outside [min, max]', async () => {
  const cases: Array<[string, number, number, number]> = [
    ['a jump from 2 to 10 is cut to 2 + 4', 2, 10, 6],
    ['a drop from 5 to 1 is cut to 5 − 1', 5, 1, 4],
    ['a wish for 50 is bounded by max (10) and the step', 8, 50, 10],
  ];
  for (const [name, from, want, expected] of cases) {
    const s = await setup({ policy: scriptedPolicy(() => ({ replicas: want, reason: 'X' })), prom: { ...healthy(), READY: Math.min(from, 2) } });
    try {
      s.api.state.specReplicas = from;
      s.api.state.statusReplicas = from;
      const r = await s.controller.tick();
      assert.is(r.toReplicas, expected, name);
      assert.is(s.api.state.specReplicas, expected, name);
    } finally {
      await s.api.close();
    }
  }
});

test('cooldown: a second change within 60 s is held, after 60 s it is applied', async () => {
  let want = 4;
  const s = await setup({ policy: scriptedPolicy(() => ({ replicas: want, reason: 'ScaleUp' })) });
  try {
    assert.is((await s.controller.tick()).action, 'scale');
    want = 7;
    s.clock.t += 30;
    const held = await s.controller.tick();
    assert.is(held.reason, 'CooldownActive');
    assert.is(s.api.state.specReplicas, 4);
    s.clock.t += 31;
    const r = await s.controller.tick();
    assert.equal([r.action, r.toReplicas], ['scale', 7]);
  } finally {
    await s.api.close();
  }
});

test('missing, stale or contradictory metrics → hold and count it, never scale down (the policy wanted 1)', async () => {
  const cases: Array<[string, Record<string, number | number[] | Error | undefined>, string]> = [
    ['Prometheus unreachable', { AGE: new Error('connect ECONNREFUSED'), CPU: new Error('x'), READY: new Error('x') }, 'MetricsMissing'],
    ['no CPU sample', { ...healthy(), CPU: undefined }, 'MetricsMissing'],
    ['CPU is NaN (0/0 after pods vanished)', { ...healthy(), CPU: NaN }, 'MetricsMissing'],
    ['newest sample 120 s old', { ...healthy(), AGE: 120 }, 'MetricsStale'],
    ['7 ready pods but the scale says 2', { ...healthy(), READY: 7 }, 'MetricsContradictory'],
    ['two series where one was expected', { ...healthy(), CPU: [0.5, 0.7] }, 'MetricsContradictory'],
    ['negative request rate', { ...healthy(), RPS: -3 }, 'MetricsContradictory'],
    ['no pod ready while the scale asks for 2 (rollout or crash loop)', { ...healthy(), READY: 0 }, 'NoReadyPods'],
  ];
  for (const [name, prom, reason] of cases) {
    const s = await setup({ policy: scriptedPolicy(() => ({ replicas: 1, reason: 'ScaleDown' })), prom });
    try {
      const r = await s.controller.tick();
      assert.equal([r.action, r.reason], ['hold', reason], name);
      assert.is(patches(s.api).length, 0, name);
      assert.is(s.api.state.specReplicas, 2, name);
      assert.is(await counter(s.metrics, 'scalelab_agent_holds_total', { reason }), 1, name);
    } finally {
      await s.api.close();
    }
  }
});

test('API 500s are retried with exponential backoff (500 ms, 1 s) and the decision still lands', async () => {
  const s = await setup({ policy: scriptedPolicy(() => ({ replicas: 3, reason: 'ScaleUp' })) });
  try {
    s.api.failNext(2);
    const r = await s.controller.tick();
    assert.equal([r.action, r.toReplicas], ['scale', 3]);
    assert.equal(s.clock.sleeps, [500, 1000]);
    assert.is(await counter(s.metrics, 'scalelab_agent_api_errors_total', { operation: 'getScale' }), 0);
  } finally {
    await s.api.close();
  }
});

test('an API server that keeps failing → hold ApiUnavailable after 3 retries (0.5, 1, 2 s), counted once', async () => {
  const s = await setup({ policy: scriptedPolicy(() => ({ replicas: 3, reason: 'ScaleUp' })) });
  try {
    s.api.failNext(100);
    const r = await s.controller.tick();
    assert.equal([r.action, r.reason], ['hold', 'ApiUnavailable']);
    assert.equal(s.clock.sleeps, [500, 1000, 2000]);
    assert.is(await counter(s.metrics, 'scalelab_agent_api_errors_total', { operation: 'getScale' }), 1);
  } finally {
    await s.api.close();
  }
});

test('an API server that never answers times out and the loop holds instead of hanging', async () => {
  const s = await setup({ policy: scriptedPolicy(() => ({ replicas: 3, reason: 'ScaleUp' })), config: { apiRetries: 1 }, timeoutMs: 100 });
  try {
    s.api.hang = true;
    const started = Date.now();
    const r = await s.controller.tick();
    assert.is(r.reason, 'ApiUnavailable');
    assert.ok(Date.now() - started < 1500, 'two 100 ms timeouts, not a hang');
    assert.match(s.log.join('\n'), /no answer within 100 ms/);
  } finally {
    await s.api.close();
  }
});

test('a failed PATCH holds without entering the cooldown, so the next interval tries again', async () => {
  const s = await setup({ policy: scriptedPolicy(() => ({ replicas: 4, reason: 'ScaleUp' })), config: { apiRetries: 0 } });
  try {
    // The GET comes before the Prometheus queries and the PATCH after them: arm one 500 from the first query.
    const query = s.prom.query;
    s.prom.query = async (e: string) => {
      s.api.failNext(1);
      s.prom.query = query;
      return query(e);
    };
    const r1 = await s.controller.tick();
    assert.equal([r1.action, r1.reason], ['hold', 'ScalePatchFailed']);
    assert.equal(s.api.requests.map((r) => r.method), ['GET', 'PATCH']);
    assert.is(s.api.state.specReplicas, 2);
    const r2 = await s.controller.tick(); // same clock time: no cooldown was started by the failure
    assert.equal([r2.action, r2.toReplicas], ['scale', 4]);
  } finally {
    await s.api.close();
  }
});

test('shadow mode exports the recommendation and never patches', async () => {
  const s = await setup({ policy: scriptedPolicy(() => ({ replicas: 6, reason: 'ScaleUp' })), config: { shadow: true } });
  try {
    const r = await s.controller.tick();
    assert.equal(r, { action: 'recommend', reason: 'ScaleUp', fromReplicas: 2, toReplicas: 6 });
    assert.is(patches(s.api).length, 0);
    assert.is(await counter(s.metrics, 'scalelab_agent_recommended_replicas', {}), 6);
  } finally {
    await s.api.close();
  }
});

test('policy failures: hold twice, then the fallback (HPA semantics) decides from the third failure on', async () => {
  const broken = scriptedPolicy(() => {
    throw new Error('model weights missing');
  });
  const hpaLike: Autoscaler = { name: 'hpa', periodSeconds: 15, decide: (o) => ({ replicas: Math.ceil(o.readyReplicas * ((o.cpuUtilization ?? 0) / 0.7)), reason: 'ScaleUp' }) };
  const s = await setup({ policy: broken, fallback: hpaLike, config: { fallbackAfterFailures: 3, cooldownSeconds: 0 } });
  try {
    assert.is((await s.controller.tick()).reason, 'PolicyError');
    assert.is((await s.controller.tick()).reason, 'PolicyError');
    const r = await s.controller.tick();
    // ceil(2 × 0.9 / 0.7) = ceil(2.571) = 3
    assert.equal([r.action, r.reason, r.toReplicas], ['scale', 'FallbackScaleUp', 3]);
    assert.is(await counter(s.metrics, 'scalelab_agent_fallback_active', {}), 1);
  } finally {
    await s.api.close();
  }
});

test('λ of a constrained policy is exported as scalelab_agent_lambda', async () => {
  const s = await setup({ policy: scriptedPolicy(() => ({ replicas: 2, reason: 'Hold' }), { lambda: 0.375 }) });
  try {
    await s.controller.tick();
    assert.is(await counter(s.metrics, 'scalelab_agent_lambda', {}), 0.375);
  } finally {
    await s.api.close();
  }
});

test('run() keeps looping through failures at the decision interval and stops when aborted', async () => {
  let calls = 0;
  const s = await setup({ policy: scriptedPolicy(() => { calls++; if (calls % 2) throw new Error('flaky'); return { replicas: 2, reason: 'Hold' }; }), config: { intervalSeconds: 15, fallbackAfterFailures: 0 } });
  try {
    const stop = new AbortController();
    const t0 = s.clock.t;
    const sleep = s.clock.sleep;
    s.clock.sleep = async (ms: number) => { await sleep(ms); if (s.clock.t - t0 >= 60) stop.abort(); };
    await s.controller.run(stop.signal);
    assert.is(calls, 4, 'ticks at 0, 15, 30, 45 s');
    assert.is(s.controller.lastTickSeconds(), t0 + 45);
  } finally {
    await s.api.close();
  }
});
