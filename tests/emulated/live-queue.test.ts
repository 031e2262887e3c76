import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { createLiveQueue } from '../../emulated/bridge/live-queue.ts';
import { createRng } from '../../lib/rng.ts';
import { defaultPlantConfig } from '../../sim/config.ts';

// Default plant: μ = 0.5 core / 0.005 core-s = 100 req/s per pod, base 25 ms = 15 ms fixed + 10 ms mean service.
const plant = { ...defaultPlantConfig };

function meanLatency(pods: number, rps: number, seconds: number): { meanMs: number; statuses: Record<number, number> } {
  const q = createLiveQueue(plant, createRng(7));
  let sum = 0, n = 0;
  const statuses: Record<number, number> = {};
  for (let s = 0; s < seconds; s++) {
    for (let i = 0; i < rps; i++) {
      const o = q.admit(pods);
      statuses[o.status] = (statuses[o.status] ?? 0) + 1;
      if (o.status === 200 && s > 0) { sum += o.latencyMs; n++; }
    }
    q.tick(1, pods);
  }
  return { meanMs: sum / n, statuses };
}

test('at ρ = 0.5 on 2 pods the mean latency is fixed + service + Erlang C wait (hand-worked: C(2,1) = 1/3, W = 1/300 s)', () => {
  // λ = 100 req/s, cμ = 200: mean = 15 + 10 + 1000·(1/3)/100 = 28.33 ms.
  const { meanMs, statuses } = meanLatency(2, 100, 400);
  assert.equal(Object.keys(statuses), ['200']);
  assert.ok(Math.abs(meanMs - 28.333) / 28.333 < 0.03, `mean ${meanMs.toFixed(2)} ms`);
});

test('with no Ready pod every request is rejected with 503 at once', () => {
  const q = createLiveQueue(plant, createRng(1));
  assert.equal(q.admit(0), { status: 503, latencyMs: 1 });
});

test('in overload the backlog grows at λ − cμ per second and then the bounded queue rejects (503)', () => {
  const q = createLiveQueue(plant, createRng(1));
  // 1 pod (μ = 100), λ = 150: +50 requests of backlog per second; capacity 200 per pod is reached after 4 s.
  const backlogs: number[] = [];
  let rejected = 0;
  for (let s = 0; s < 6; s++) {
    for (let i = 0; i < 150; i++) if (q.admit(1).status === 503) rejected++;
    backlogs.push(q.tick(1, 1).backlog);
  }
  assert.equal(backlogs.slice(0, 4), [50, 100, 150, 200]);
  assert.ok(rejected > 0, 'requests beyond the queue bound are rejected');
});

test('a wait longer than the request timeout fails with 504 after the timeout', () => {
  const q = createLiveQueue({ ...plant, requestTimeoutSeconds: 1, queueCapacityPerPod: 1000 }, createRng(1));
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < 200; i++) q.admit(1);
    q.tick(1, 1); // backlog +100 per second → 300 after 3 s = 3 s of work at μ = 100
  }
  assert.equal(q.admit(1), { status: 504, latencyMs: 1000 });
});
