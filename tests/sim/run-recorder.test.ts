import { test } from 'node:test';
import * as assert from 'uvu/assert';
import type { IntervalSample } from '../../sim/interval-sample.ts';
import { createRunRecorder } from '../../sim/run-recorder.ts';

// Hand-made 15 s samples, as a Prometheus-fed backend would produce them: every successful request lands in
// bucket 30 (28.18 ms, 31.62 ms] with a mean of 30 ms.
function sample(i: number, over: Partial<IntervalSample>): IntervalSample {
  const s: IntervalSample = {
    tSeconds: i * 15, durationSeconds: 15, requests: 100, failedRequests: 0, slowRequests: 0, latencySumMs: 0,
    latencyShape: [1], latencyShapeFrom: 30, demandRps: 100, readyCapacityRps: 200, readyPods: 2, allocatedPods: 2,
    desiredReplicas: 2, cpuUsedCoreSeconds: 1, cpuRequestedCoreSeconds: 2, readyCpuUsedCoreSeconds: 1,
    readyCpuRequestedCoreSeconds: 1.5, costUsd: 0.01, ...over,
  };
  s.latencySumMs = (s.requests - s.failedRequests) * 30;
  return s;
}

const rows: Partial<IntervalSample>[] = [
  { desiredReplicas: 2, allocatedPods: 2 },
  { desiredReplicas: 3, allocatedPods: 2, slowRequests: 5, demandRps: 300 },
  { desiredReplicas: 3, allocatedPods: 3, failedRequests: 10, demandRps: 300, readyCapacityRps: 250 },
  { desiredReplicas: 3, allocatedPods: 3, demandRps: 300, readyCapacityRps: 300 },
  { desiredReplicas: 2, allocatedPods: 3, failedRequests: 20, readyCapacityRps: 300 },
  { desiredReplicas: 3, allocatedPods: 3, slowRequests: 1, demandRps: 400, readyCapacityRps: 300 },
  { desiredReplicas: 3, allocatedPods: 2, readyCapacityRps: 300 },
  { desiredReplicas: 2, allocatedPods: 2, demandRps: 500, readyCapacityRps: 300 },
];

function record() {
  const rec = createRunRecorder({ slaLatencyMs: 200 });
  rows.forEach((r, i) => rec.add(sample(i, r)));
  return rec.finish();
}

test('SLA violations by requests count failures and slow successes over all requests', () => {
  const m = record().metrics;
  assert.is(m.requests, 800);
  assert.is(m.failedRequests, 30);
  assert.is(m.successfulRequests, 770);
  assert.is(m.slaViolatingRequests, 36);
  assert.is(m.slaViolationRateRequests, 36 / 800);
});

test('a minute violates the SLA when more than 5 % of its requests fail or are slow (its P95 is above the SLA)', () => {
  // Minute 0: 15 of 400 (3.75 %) → fine; minute 1: 21 of 400 (5.25 %) → violated.
  assert.is(record().metrics.slaViolationRateMinutes, 0.5);
});

test('percentiles come from the request histogram, interpolated inside the log-spaced bucket', () => {
  const m = record().metrics;
  assert.ok(Math.abs(m.latencyP50Ms - 10 ** (29.5 / 20)) < 1e-9, `${m.latencyP50Ms}`);
  assert.ok(Math.abs(m.latencyP95Ms - 10 ** (29.95 / 20)) < 1e-9, `${m.latencyP95Ms}`);
  assert.ok(Math.abs(m.latencyMeanMs - 30) < 1e-9);
  const h = record().latencyHistogram;
  assert.is(h.counts[30], 770);
  assert.is(h.counts.length, h.boundsMs.length + 1, 'one overflow bucket after the last bound');
});

test('cost, cost per million successful requests, efficiency and pod-hours', () => {
  const m = record().metrics;
  assert.ok(Math.abs(m.costUsd - 0.08) < 1e-12);
  assert.ok(Math.abs(m.costPerMillionRequestsUsd - (0.08 / 770) * 1e6) < 1e-9);
  assert.is(m.resourceEfficiency, 0.5);
  assert.ok(Math.abs(m.meanCpuUtilization - 1 / 1.5) < 1e-12);
  // Allocated pods 2,2,3,3,3,3,2,2 for 15 s each = 300 pod-seconds over 120 s.
  assert.ok(Math.abs(m.podHours - 300 / 3600) < 1e-12);
  assert.is(m.meanPods, 2.5);
  assert.is(m.maxPods, 3);
});

test('scaling actions are changes of desired replicas and oscillations are reversals within 5 minutes', () => {
  // Desired 2,3,3,3,2,3,3,2: four changes (at 15, 60, 75, 105 s), each after one the other way → three reversals.
  const m = record().metrics;
  assert.is(m.durationSeconds, 120);
  assert.is(m.scalingActionsPerHour, 4 * 30);
  assert.is(m.oscillationsPerHour, 3 * 30);
  // Reversals further apart than 300 s are not oscillations.
  const rec = createRunRecorder({ slaLatencyMs: 200 });
  for (let i = 0; i < 48; i++) rec.add(sample(i, { desiredReplicas: i < 10 ? 2 : i < 31 ? 4 : 3 }));
  const slow = rec.finish().metrics;
  assert.is(slow.scalingActionsPerHour, 2 * 5);
  assert.is(slow.oscillationsPerHour, 0);
});

test('scaling latency is measured per under-provisioning episode, an unfinished one up to the end of the run', () => {
  // Demand > ready capacity during [15, 45), [75, 90) and [105, 120 = end): 30, 15 and 15 s.
  const m = record().metrics;
  assert.is(m.underProvisioningEpisodes, 3);
  assert.is(m.scalingLatencyMeanSeconds, 20);
  assert.is(m.scalingLatencyP95Seconds, 30);
  const calm = createRunRecorder({ slaLatencyMs: 200 });
  calm.add(sample(0, {}));
  assert.is(calm.finish().metrics.scalingLatencyMeanSeconds, null);
});

test('the per-minute series has one point per minute with rate, mean ready pods and the last desired replicas', () => {
  const s = record().series;
  assert.equal(s.tSeconds, [0, 60]);
  assert.equal(s.rps, [400 / 60, 400 / 60]);
  assert.equal(s.desiredReplicas, [3, 2]);
  assert.equal(s.readyPods, [2, 2]);
  assert.ok(Math.abs(s.latencyP95Ms[0] - 10 ** (29.95 / 20)) < 1e-9);
  assert.equal(s.cpuUtilization, [1 / 1.5, 1 / 1.5]);
});
