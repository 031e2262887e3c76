import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { computeReward, defaultRewardConfig, type DecisionWindow } from '../../../agent/rl/reward.ts';

const window: DecisionWindow = {
  durationSeconds: 15, requests: 1000, failedRequests: 10, slowRequests: 90, latencySumMs: 990 * 300, costUsd: 0,
  meanAllocatedPods: 10, readyCpuUtilization: 0.5,
};

test('every term of the base reward matches a hand calculation', () => {
  // violation 100/1000 = 0.1 → 20·0.1 = 2; mean latency 300 ms → excess 0.5 → 2·0.25 = 0.5; errors 0.01 → 10·0.01
  // utilisation 0.5 < band 0.6 → 0.5·0.1 = 0.05; cost 10/20 = 0.5; scale-down at P95 150 ms > 0.6·200 → risk 1.
  const r = computeReward(window, true, 150, defaultRewardConfig);
  assert.ok(Math.abs(r.sla - 2.6) < 1e-12, `sla ${r.sla}`);
  assert.ok(Math.abs(r.utilization - 0.05) < 1e-12);
  assert.ok(Math.abs(r.cost - 0.5) < 1e-12);
  assert.is(r.risk, 1);
  assert.ok(Math.abs(r.total + 4.15) < 1e-12, `total ${r.total}`);
  assert.is(r.violationFraction, 0.1);
});

test('a scale-down is only penalised as risky when latency was already near the threshold', () => {
  assert.is(computeReward(window, true, 100, defaultRewardConfig).risk, 0);
  assert.is(computeReward(window, false, 190, defaultRewardConfig).risk, 0);
});

test('the SLA penalty grows faster than linearly past the threshold and is capped', () => {
  const at = (ms: number) => computeReward({ ...window, failedRequests: 0, slowRequests: 0, latencySumMs: 1000 * ms }, false, 0, defaultRewardConfig).sla;
  assert.is(at(200), 0);
  assert.ok(at(400) - at(300) > at(300) - at(200));
  assert.is(at(5000), at(10000));
});

test('SLA comes first: a window with 10 % violations costs more than running at max replicas', () => {
  const ok = { ...window, failedRequests: 0, slowRequests: 0, latencySumMs: 1000 * 50, readyCpuUtilization: 0.8 };
  const violating = computeReward({ ...ok, slowRequests: 100, meanAllocatedPods: 2 }, false, 0, defaultRewardConfig).total;
  const expensive = computeReward({ ...ok, meanAllocatedPods: 20 }, false, 0, defaultRewardConfig).total;
  assert.ok(violating < expensive);
});
