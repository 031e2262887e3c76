import { test } from 'node:test';
import * as assert from 'uvu/assert';
import type { ClosedWorkload, OpenWorkload } from '../../workloads/workload.ts';
import { defaultPlantConfig } from '../../sim/config.ts';
import type { PlantConfig } from '../../sim/config.ts';
import { createPlant } from '../../sim/plant.ts';
import { createRunRecorder } from '../../sim/run-recorder.ts';

// Textbook Erlang C written out here (sum of a^k/k!), independent of the plant's own recursion.
function erlangC(c: number, a: number): number {
  let fact = 1;
  let sum = 0;
  for (let k = 0; k < c; k++) {
    if (k > 0) fact *= k;
    sum += a ** k / fact;
  }
  const top = (a ** c / (fact * c)) * (c / (c - a));
  return top / (sum + top);
}

const MU = 100; // default pod: 500m limit / 0.005 core-s per request
const open = (rateAt: (t: number) => number, durationSeconds = 600): OpenWorkload => ({ kind: 'open', name: 'test', durationSeconds, rateAt });
const config = (over: Partial<PlantConfig> = {}): PlantConfig => ({ ...defaultPlantConfig, ...over });
const close = (a: number, b: number, rel: number, what: string): void =>
  assert.ok(Math.abs(a - b) <= rel * Math.abs(b), `${what}: ${a} vs expected ${b}`);

for (const c of [1, 4, 16]) {
  for (const rho of [0.5, 0.8, 0.95]) {
    test(`at constant load on ${c} pods and ρ = ${rho}, utilization is λ/(cμ) and the mean wait is Erlang C`, () => {
      const lambda = rho * c * MU;
      const plant = createPlant(config({ initialReplicas: c }), open(() => lambda), 1);
      let s = plant.step();
      for (let i = 0; i < 60; i++) s = plant.step();
      close(s.readyCpuUsedCoreSeconds / (c * 0.5), rho, 0.05, 'busy fraction of the CPU limit');
      close(s.cpuUtilization, (rho * 500) / 250, 0.05, 'usage / request');
      const expectedWaitMs = (erlangC(c, lambda / MU) / (c * MU - lambda)) * 1000;
      close(s.waitMeanMs, expectedWaitMs, 0.05, 'mean wait');
      close(s.latencyMeanMs, 25 + expectedWaitMs, 0.05, 'mean latency = base + wait');
    });
  }
}

test('in overload the backlog grows at λ − cμ and drains at cμ − λ', () => {
  const plant = createPlant(config({ initialReplicas: 4, queueCapacityPerPod: 1e9, requestTimeoutSeconds: 1e6 }), open((t) => (t < 100 ? 550 : 320)), 1);
  const q: number[] = [];
  for (let i = 0; i < 300; i++) q.push(plant.step().queueLength);
  close((q[89] - q[19]) / 70, 150, 0.05, 'growth rate');
  close((q[119] - q[159]) / 40, 80, 0.05, 'drain rate');
  // 15 000 queued after 100 s; empty after 15 000 / 80 = 187.5 s of draining: 40 left after tick 286, none after 287.
  close(q[99], 15000, 1e-9, 'backlog after the overload');
  close(q[286], 40, 1e-9, 'backlog one tick before empty');
  assert.is(q[287], 0);
});

test('a bounded queue rejects the overflow and a timeout fails requests that would wait too long', () => {
  // 4 pods, bound 4 × 200 = 800 requests, timeout 10 s ≫ 800/400 s: rejections only.
  const plant = createPlant(config({ initialReplicas: 4 }), open(() => 600), 1);
  let s = plant.step();
  for (let i = 0; i < 30; i++) s = plant.step();
  close(s.queueLength, 800, 1e-9, 'backlog pinned at the bound');
  close(s.rejectedRequests, 200, 1e-9, 'overflow rejected each second');
  // With a 1 s timeout the backlog is capped at cμ·τ = 400 requests, and the rest time out.
  const short = createPlant(config({ initialReplicas: 4, requestTimeoutSeconds: 1 }), open(() => 600), 1);
  for (let i = 0; i < 30; i++) s = short.step();
  close(s.queueLength, 400, 1e-9, 'backlog capped by the timeout');
  close(s.timedOutRequests, 200, 1e-9, 'timed out each second');
  close(s.failedRequests + s.successfulRequests, s.requests, 1e-12, 'every request counted once');
});

test('with no Ready pod every request is rejected, never dropped silently', () => {
  const plant = createPlant(config({ minReplicas: 0, initialReplicas: 0 }), open(() => 50), 1);
  const s = plant.step();
  assert.is(s.requests, 50);
  assert.is(s.rejectedRequests, 50);
  assert.is(s.successfulRequests, 0);
});

test('closed load: throughput = VUs / (think + response), N/(Z+base) when light and cμ when saturated', () => {
  const run = (vus: number, over: Partial<PlantConfig> = {}) => {
    const w: ClosedWorkload = { kind: 'closed', name: 'vus', durationSeconds: 300, vusAt: () => vus, thinkTimeSeconds: 2 };
    const plant = createPlant(config({ initialReplicas: 4, ...over }), w, 1);
    let s = plant.step();
    for (let i = 0; i < 200; i++) s = plant.step();
    return s;
  };
  const light = run(20);
  close(light.servedRequests, 20 / 2.025, 0.01, 'light load');
  const medium = run(700);
  close(medium.servedRequests, 700 / (2 + medium.latencyMeanMs / 1000), 0.01, 'X = N/(Z+R)');
  assert.ok(medium.latencyMeanMs > 30, 'queueing visible at 700 VUs');
  const heavy = run(4000, { queueCapacityPerPod: 1e9, requestTimeoutSeconds: 1e6 });
  close(heavy.servedRequests, 400, 0.01, 'bottleneck cμ');
  close(heavy.latencyMeanMs / 1000, 4000 / 400 - 2, 0.02, 'R = N/X − Z');
});

test('a new pod goes scheduled → starting → not ready → ready, and a deleted pod leaves the endpoints at once', () => {
  const cfg = config({ initialReplicas: 1, startupSigma: 0, schedulingDelaySeconds: 1, startupMedianSeconds: 8, readinessDelaySeconds: 5 });
  const plant = createPlant(cfg, open(() => 50), 3);
  for (let i = 0; i < 10; i++) plant.step();
  plant.setReplicas(2); // at t = 10: scheduled at 11, running at 19, ready at 24
  const seen: string[] = [];
  for (let i = 0; i < 20; i++) {
    const o = plant.observe();
    const pod = o.pods.find((p) => p.name !== 'web-0');
    seen.push(`${o.nowSeconds}:${pod?.phase}/${pod?.ready}/${o.readyReplicas}`);
    plant.step();
  }
  assert.ok(seen.includes('10:Pending/undefined/1'), seen.join(' '));
  assert.ok(seen.includes('11:Pending/false/1'), seen.join(' '));
  assert.ok(seen.includes('18:Pending/false/1'), seen.join(' '));
  assert.ok(seen.includes('19:Running/false/1'), seen.join(' '));
  assert.ok(seen.includes('23:Running/false/1'), seen.join(' '));
  assert.ok(seen.includes('24:Running/true/2'), seen.join(' '));
  const view = plant.observe().pods.find((p) => p.name === 'web-1');
  assert.is(view?.startTimeSeconds, 11);
  assert.is(view?.readyTransitionTimeSeconds, 24);
  plant.setReplicas(1);
  const o = plant.observe();
  assert.is(o.readyReplicas, 1);
  assert.equal(o.pods.map((p) => p.name), ['web-0'], 'the newest pod is deleted first');
});

test('the HPA sees metrics-server samples: 15 s windows, visible after the lag, usage = load share × cost', () => {
  // 4 pods at 200 req/s: 50 req/s × 5 ms = 250m per pod = 100 % of the 250m request.
  const plant = createPlant(config({ initialReplicas: 4, metricsLagSeconds: 5 }), open(() => 200), 1);
  for (let i = 0; i < 19; i++) plant.step();
  assert.is(plant.observe().pods[0].cpuUsageMilli, undefined, 'the sample taken at 15 s is not visible at 19 s');
  assert.is(plant.observe().cpuUtilization, undefined);
  plant.step();
  const o = plant.observe();
  assert.is(o.pods[0].metricTimestampSeconds, 15);
  assert.is(o.pods[0].metricWindowSeconds, 15);
  close(o.pods[0].cpuUsageMilli ?? NaN, 250, 1e-9, 'per-pod usage');
  close(o.cpuUtilization ?? NaN, 1, 1e-9, 'utilization');
  close(o.rps ?? NaN, 200, 1e-9, 'rps over the completed scrapes');
  assert.is(o.cpuPerRequestCoreSeconds, 0.005);
});

test('a pod not running for a whole metrics window has no metric yet, as upstream metrics-server', () => {
  const cfg = config({ initialReplicas: 1, startupSigma: 0 });
  const plant = createPlant(cfg, open(() => 50), 1);
  plant.setReplicas(2); // running at 1 + 8 = 9; the window [15, 30] is the first it covers, visible at 35
  for (let i = 0; i < 34; i++) plant.step();
  assert.is(plant.observe().pods[1].cpuUsageMilli, undefined);
  plant.step();
  assert.is(plant.observe().pods[1].metricTimestampSeconds, 30);
});

test('with node capacity, pods beyond it stay Pending until a new node is provisioned', () => {
  const cfg = config({ initialReplicas: 2, startupSigma: 0, nodes: { podsPerNode: 2, initialNodes: 1, maxNodes: 3, provisioningSeconds: 60 } });
  const plant = createPlant(cfg, open(() => 50), 1);
  plant.setReplicas(4);
  for (let i = 0; i < 5; i++) plant.step();
  let o = plant.observe();
  assert.is(o.pendingReplicas, 2);
  assert.is(o.pods.filter((p) => p.phase === 'Pending' && p.startTimeSeconds === undefined).length, 2);
  for (let i = 0; i < 70; i++) plant.step(); // node at 60, pods ready at 60 + 8 + 5 = 73
  o = plant.observe();
  assert.is(o.pendingReplicas, 0);
  assert.is(o.readyReplicas, 4);
});

test('cost is charged on the requested CPU and memory of allocated pods', () => {
  const plant = createPlant(config({ initialReplicas: 3 }), open(() => 10), 1);
  const s = plant.step();
  // 3 pods × (0.25 vCPU × $0.04 + 0.25 GiB × $0.005) per hour, for one second.
  close(s.costUsd, (3 * (0.25 * 0.04 + 0.25 * 0.005)) / 3600, 1e-12, 'cost per tick');
});

test('bad plant config is refused with the field, the value and what was expected', () => {
  assert.throws(() => createPlant(config({ cpuLimitMilli: 100 }), open(() => 1), 1), /cpuLimitMilli = 100, expected ≥ cpuRequestMilli/);
  assert.throws(() => createPlant(config({ maxReplicas: 0 }), open(() => 1), 1), /maxReplicas = 0/);
  assert.throws(() => createPlant(config({ baseServiceTimeMs: 5 }), open(() => 1), 1), /baseServiceTimeMs = 5, expected ≥ the CPU time/);
});

test('run percentiles follow the M/M/1 response-time law: P95 = fixed + ln(20)/(μ − λ), P50 = fixed + ln(2)/(μ − λ)', () => {
  // One pod at λ = 80/s: the response time is Exp(20/s) after the 15 ms fixed part (25 ms base − 10 ms CPU).
  const plant = createPlant(config({ initialReplicas: 1 }), open(() => 80), 1);
  const rec = createRunRecorder({ slaLatencyMs: 200 });
  for (let i = 0; i < 120; i++) rec.add(plant.step());
  const m = rec.finish().metrics;
  close(m.latencyP95Ms, 15 + (Math.log(20) / 20) * 1000, 0.03, 'P95');
  close(m.latencyP50Ms, 15 + (Math.log(2) / 20) * 1000, 0.03, 'P50');
  // SLA 200 ms: P(T > 185 ms) = e^{-20 × 0.185} of all requests are slow.
  close(m.slaViolationRateRequests, Math.exp(-20 * 0.185), 0.01, 'share slower than the SLA');
});

test('with Poisson arrivals the per-tick counts have mean and variance λ', () => {
  const plant = createPlant(config({ initialReplicas: 10, poissonArrivals: true }), open(() => 300), 9);
  const xs: number[] = [];
  for (let i = 0; i < 3000; i++) xs.push(plant.step().requests);
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
  assert.ok(xs.every(Number.isInteger), 'whole requests');
  close(mean, 300, 0.01, 'mean');
  close(variance, 300, 0.1, 'variance');
});
