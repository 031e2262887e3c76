import { test } from 'node:test';
import * as assert from 'uvu/assert';
import type { AddressInfo } from 'node:net';
import { createControllerMetrics } from '../../../agent/controller/controller-metrics.ts';
import { startMetricsServer } from '../../../agent/controller/metrics-server.ts';

test('/metrics serves the agent metrics the alert rules query; /healthz turns 503 when the loop stops ticking', async () => {
  const m = createControllerMetrics();
  m.decisions.inc({ reason: 'ScaleUp' });
  m.interventions.inc({ direction: 'up' });
  let now = 1000;
  let last: number | undefined;
  const server = await startMetricsServer(m.registry, { lastTickSeconds: () => last, nowSeconds: () => now, startedSeconds: 1000, staleAfterSeconds: 60 }, 0, '127.0.0.1');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const text = await (await fetch(`${base}/metrics`)).text();
    for (const name of ['scalelab_agent_decisions_total{reason="ScaleUp"} 1', 'scalelab_agent_interventions_total{direction="up"} 1', 'scalelab_agent_inference_seconds_bucket', 'scalelab_agent_lambda', 'scalelab_agent_holds_total']) {
      assert.ok(text.includes(name), name);
    }
    assert.is((await fetch(`${base}/healthz`)).status, 200, 'just started');
    now = 1100;
    assert.is((await fetch(`${base}/healthz`)).status, 503, 'no tick for 100 s');
    last = 1090;
    assert.is((await fetch(`${base}/healthz`)).status, 200, 'ticked 10 s ago');
    assert.is((await fetch(`${base}/nope`)).status, 404);
  } finally {
    server.close();
  }
});
