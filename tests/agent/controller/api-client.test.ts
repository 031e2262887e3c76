// The agent's Kubernetes API client against a small node:http API server: the projected ServiceAccount token is
// re-read (the kubelet rotates the file; client-go reloads it every minute), and answers a retry cannot fix
// (401, 403, 404, 422) are not retried: the loop holds at once and counts one API error.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cachedFileReader, createScaleClient, TOKEN_REFRESH_MS } from '../../../agent/controller/scale-client.ts';
import { createController, DEFAULT_CONTROLLER_CONFIG } from '../../../agent/controller/controller-loop.ts';
import { createControllerMetrics } from '../../../agent/controller/controller-metrics.ts';
import { fakeClock, fakePrometheus, QUERIES, scriptedPolicy } from './helpers/fakes.ts';

/** An API server answering every request with `status` (a Kubernetes Status body) or, for 200, a Scale. */
async function apiServer(status: () => number) {
  const seen: IncomingMessage['headers'][] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    const code = status();
    const body = code === 200 ? { kind: 'Scale', spec: { replicas: 2 }, status: { replicas: 2 } } : { kind: 'Status', status: 'Failure', code };
    res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise((r) => server.close(r)) };
}

test('the token file is re-read once the cached copy is a minute old: a rotated token is sent from then on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-sa-'));
  const api = await apiServer(() => 200);
  try {
    const file = join(dir, 'token');
    writeFileSync(file, 'token-A\n');
    let nowMs = 0;
    const client = createScaleClient({ apiServerUrl: api.url, namespace: 'ns', deployment: 'nginx', token: cachedFileReader(file, TOKEN_REFRESH_MS, () => nowMs) });
    await client.getScale();
    writeFileSync(file, 'token-B\n'); // the kubelet rotated the projected token
    nowMs = 30_000;
    await client.patchScale(3);
    nowMs = 60_000;
    await client.getScale();
    assert.equal(api.seen.map((h) => h.authorization), ['Bearer token-A', 'Bearer token-A', 'Bearer token-B']);
    assert.is(TOKEN_REFRESH_MS <= 60_000, true);
  } finally {
    await api.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

for (const [status, meaning] of [[401, 'Unauthorized'], [403, 'Forbidden'], [404, 'NotFound'], [422, 'Invalid']] as const) {
  test(`a ${status} (${meaning}) is not retried: one request, hold ApiUnavailable, one API error counted`, async () => {
    const api = await apiServer(() => status);
    try {
      const metrics = createControllerMetrics();
      const clock = fakeClock();
      const controller = createController({ ...DEFAULT_CONTROLLER_CONFIG, apiRetries: 3 }, { prometheus: fakePrometheus({ AGE: 10, CPU: 0.9, READY: 2 }), scale: createScaleClient({ apiServerUrl: api.url, namespace: 'ns', deployment: 'nginx' }), queries: QUERIES, policy: scriptedPolicy(() => ({ replicas: 3, reason: 'ScaleUp' })), clock, metrics });
      const r = await controller.tick();
      assert.is(r.reason, 'ApiUnavailable');
      assert.is(api.seen.length, 1);
      assert.equal(clock.sleeps, []);
      const errors = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === 'scalelab_agent_api_errors_total')!.values;
      assert.equal(errors.map((v) => [v.labels.operation, v.value]), [['getScale', 1]]);
    } finally {
      await api.close();
    }
  });
}

test('a 503 is still retried (apiRetries = 3 → four requests) before the loop holds', async () => {
  const api = await apiServer(() => 503);
  try {
    const clock = fakeClock();
    const controller = createController({ ...DEFAULT_CONTROLLER_CONFIG, apiRetries: 3 }, { prometheus: fakePrometheus({}), scale: createScaleClient({ apiServerUrl: api.url, namespace: 'ns', deployment: 'nginx' }), queries: QUERIES, policy: scriptedPolicy(() => ({ replicas: 3, reason: 'ScaleUp' })), clock, metrics: createControllerMetrics() });
    assert.is((await controller.tick()).reason, 'ApiUnavailable');
    assert.is(api.seen.length, 4);
    assert.equal(clock.sleeps, [500, 1000, 2000]);
  } finally {
    await api.close();
  }
});

test('the loop measures inference time with its injected clock only', async () => {
  const clock = fakeClock();
  const api = await apiServer(() => 200);
  try {
    // The policy "takes" 0.25 s of the fake clock; the real clock barely moves.
    const policy = scriptedPolicy(() => ((clock.t += 0.25), { replicas: 2, reason: 'Hold' }));
    const metrics = createControllerMetrics();
    const controller = createController(DEFAULT_CONTROLLER_CONFIG, { prometheus: fakePrometheus({ AGE: 10, CPU: 0.5, READY: 2 }), scale: createScaleClient({ apiServerUrl: api.url, namespace: 'ns', deployment: 'nginx' }), queries: QUERIES, policy, clock, metrics });
    await controller.tick();
    const h = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === 'scalelab_agent_inference_seconds')!.values;
    const sum = h.find((v) => (v as { metricName?: string }).metricName === 'scalelab_agent_inference_seconds_sum');
    assert.is(sum?.value, 0.25);
  } finally {
    await api.close();
  }
});
