import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { defaultPlantConfig } from '../../sim/config.ts';
import { sampleQuantile, simulateRequests } from '../../sim/des.ts';
import { simulateRun } from '../../sim/simulate.ts';
import { spikeScenario } from '../../sim/validation.ts';

test('the request-level simulation reproduces M/M/1: mean wait ρ/(μ − λ) and P95 of the response time ln(20)/(μ − λ)', () => {
  // μ = 100/s, λ = 50/s: mean wait 10 ms; response time ~ Exp(50/s) → P95 = ln 20 / 50 s = 59.9 ms (+ 15 ms fixed).
  const des = simulateRequests({ config: defaultPlantConfig, arrivalRateAt: () => 50, readyPodsPerTick: new Array(4000).fill(1), seed: 3 });
  assert.ok(Math.abs(des.waitMeanMs - 10) < 0.5, `mean wait ${des.waitMeanMs}`);
  const p95 = sampleQuantile(des.latenciesMs, 0.95);
  const expected = 15 + (Math.log(20) / 50) * 1000;
  assert.ok(Math.abs(p95 - expected) / expected < 0.03, `P95 ${p95} vs ${expected}`);
});

test('the request-level simulation applies the queue bound and serves nobody without Ready pods', () => {
  const des = simulateRequests({ config: defaultPlantConfig, arrivalRateAt: () => 600, readyPodsPerTick: [0, 0, ...new Array(60).fill(4)], seed: 1 });
  assert.ok(des.rejectedRequests > 1200, 'first two seconds rejected');
  // Afterwards 4 pods serve 400/s and 200/s overflow the 800-request bound.
  const served = des.latenciesMs.length;
  assert.ok(Math.abs(served - 400 * 60) / (400 * 60) < 0.05, `served ${served}`);
});

test('the plant and the request-level simulation agree on P95 latency within 10 % over a spike with scaling', () => {
  const { workload, autoscaler, config } = spikeScenario();
  const ready: number[] = [];
  const run = simulateRun({ config, workload, autoscaler, seed: 4, onTick: (s) => ready.push(s.readyPods) });
  assert.ok(Math.max(...ready) === 12 && ready[0] === 5, 'the scenario scales from 5 to 12 pods');
  const des = simulateRequests({ config, arrivalRateAt: workload.rateAt, readyPodsPerTick: ready, seed: 4 });
  const desP95 = sampleQuantile(des.latenciesMs, 0.95);
  const plantP95 = run.metrics.latencyP95Ms;
  assert.ok(Math.abs(plantP95 - desP95) / desP95 <= 0.1, `plant P95 ${plantP95} vs DES ${desP95}`);
  assert.ok(desP95 > 1000, 'the spike overloads the service before the new pods are ready');
  const failedShare = (des.rejectedRequests + des.timedOutRequests) / des.requests;
  const plantShare = run.metrics.failedRequests / run.metrics.requests;
  assert.ok(Math.abs(plantShare - failedShare) / failedShare < 0.1, `failed share ${plantShare} vs ${failedShare}`);
});
