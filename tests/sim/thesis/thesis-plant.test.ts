import { test } from 'node:test';
import * as assert from 'uvu/assert';
import {
  runThesisPlant,
  runThesisTrace,
  thesisCpu,
  thesisInitialPods,
  thesisResponseSeconds,
  thesisStepCost,
  type ThesisControlInput,
  type ThesisController,
} from '../../../sim/thesis/index.ts';

/** A controller that records what it sees and asks for a scripted pod count (or holds). */
function scripted(plan: Record<number, number>, seen: ThesisControlInput[] = []): ThesisController {
  return {
    name: 'hpa',
    create: () => (input) => {
      seen.push({ ...input });
      return plan[input.step] ?? input.readyPods;
    },
  };
}

test('CPU is traffic over 500 req/s per ready pod, capped at 1, and 1 with no ready pod', () => {
  assert.is(thesisCpu(1000, 4), 0.5);
  assert.is(thesisCpu(1400, 4), 0.7);
  assert.is(thesisCpu(5000, 4), 1);
  assert.is(thesisCpu(10, 0), 1);
});

test('response time is 100 ms up to 70 % CPU and grows 5 ms per CPU point above it', () => {
  assert.is(thesisResponseSeconds(0.3), 0.1);
  assert.is(thesisResponseSeconds(0.7), 0.1);
  assert.ok(Math.abs(thesisResponseSeconds(0.8) - 0.15) < 1e-15);
  assert.ok(Math.abs(thesisResponseSeconds(1) - 0.25) < 1e-15);
});

test('at exactly 90 % CPU the response time is a hair above 200 ms, so the step violates the SLA', () => {
  // 0.9 − 0.7 is 0.20000000000000007 in floating point: 0.1 + that·0.5 = 0.20000000000000004 > 0.2.
  const rt = thesisResponseSeconds(0.9);
  assert.ok(Math.abs(rt - 0.2) < 1e-15);
  assert.ok(rt > 0.2);
  // ceil(700/350) = 2 pods: 70 % CPU, then 900 req/s = 90 % CPU.
  const twoSteps = runThesisPlant([700, 900], scripted({}));
  assert.is(twoSteps.slaViolationRatePct, 50);
});

test('a pod costs $0.10 per hour, so one 60 s step of 6 pods costs one cent', () => {
  assert.ok(Math.abs(thesisStepCost(6) - 0.01) < 1e-15);
  assert.ok(Math.abs(thesisStepCost(1) - 0.1 / 60) < 1e-15);
});

test('the initial deployment has ceil(first traffic / 350) pods, at least 1', () => {
  assert.is(thesisInitialPods(1895), 6);
  assert.is(thesisInitialPods(700), 2);
  assert.is(thesisInitialPods(701), 3);
  assert.is(thesisInitialPods(10), 1);
});

test('per-trace metrics of a hand-worked 4-step trace without scaling', () => {
  // 3 pods (ceil(1000/350)); CPU 2/3, 2/3, 1 (1800 capped), 2/3; response 100, 100, 250, 100 ms.
  const m = runThesisPlant([1000, 1000, 1800, 1000], scripted({}));
  assert.ok(Math.abs(m.meanResponseTimeMs - 137.5) < 1e-9);
  assert.ok(Math.abs(m.medianResponseTimeMs - 100) < 1e-9);
  // sorted 100, 100, 100, 250; index 0.95·3 = 2.85 → 100 + 0.85·150 = 227.5
  assert.ok(Math.abs(m.p95ResponseTimeMs - 227.5) < 1e-9);
  assert.ok(Math.abs(m.meanCpuPct - 75) < 1e-9);
  assert.ok(Math.abs(m.totalCost - 4 * 3 * (0.1 / 60)) < 1e-12);
  assert.is(m.slaViolationRatePct, 25);
  assert.is(m.meanPods, 3);
  assert.is(m.maxPods, 3);
});

test('pods added at step t serve from step t + 1, removals are immediate, observed CPU averages two steps', () => {
  const seen: ThesisControlInput[] = [];
  // ceil(1000/350) = 3 pods; step 0 asks for 4, step 2 asks for 1.
  const m = runThesisPlant([1000, 1000, 1000, 1000], scripted({ 0: 4, 2: 1 }, seen));
  assert.equal(
    seen.map((s) => s.readyPods),
    [3, 4, 4, 1],
  );
  // CPU per step: 1000/1500 = 2/3, then 1000/2000 = 0.5 twice, then 1 (capped) with one pod.
  const expectedObserved = [2 / 3, (2 / 3 + 0.5) / 2, 0.5, 0.75];
  seen.forEach((s, i) => assert.ok(Math.abs(s.observedCpu - expectedObserved[i]) < 1e-15, `step ${i}`));
  assert.equal(
    seen.map((s) => s.trafficRequests),
    [1000, 1000, 1000, 1000],
  );
  assert.is(m.meanPods, (3 + 4 + 4 + 1) / 4);
  assert.is(m.maxPods, 4);
});

test('runThesisTrace accepts a controller name and rejects an unknown one', () => {
  const byName = runThesisTrace(1005, 'thesis-threshold');
  assert.ok(byName.meanPods >= 1);
  assert.throws(() => runThesisTrace(1005, 'hybrid' as never), /unknown thesis controller "hybrid"/);
});
