import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { createThesisHpaAutoscaler, parseThesisHpaConfig } from '../../../agent/baselines/thesis-hpa.ts';
import { createThesisHpa } from '../../../sim/thesis/thesis-hpa.ts';
import { createRng } from '../../../lib/rng.ts';
import { observation } from './helpers/observation.ts';

const at = (i: number, specReplicas: number, cpuUtilization?: number) =>
  observation({ nowSeconds: 60 * i, specReplicas, cpuUtilization });

test('thesis-hpa: inside the band [0.6, 0.7999999999999999] it holds, and exactly 0.8 is outside it', () => {
  const s = createThesisHpaAutoscaler();
  assert.equal(s.decide(at(0, 10, 0.6)), { replicas: 10, reason: 'WithinTolerance' });
  assert.equal(s.decide(at(1, 10, 0.7999999999999999)), { replicas: 10, reason: 'WithinTolerance' });
  // 0.8 > 0.7 + 0.1 in floating point: desired = ceil(10 · 0.8 / 0.7) = ceil(11.43) = 12.
  assert.equal(s.decide(at(2, 10, 0.8)), { replicas: 12, reason: 'ScaleUp' });
});

test('thesis-hpa: scales down to ceil(ready·cpu/0.7), then skips scale-downs for 300 s', () => {
  const s = createThesisHpaAutoscaler();
  assert.equal(s.decide(at(0, 10, 0.35)), { replicas: 5, reason: 'ScaleDown' }); // ceil(10 · 0.35 / 0.7) = 5
  assert.equal(s.decide(at(4, 5, 0.27)), { replicas: 5, reason: 'CooldownActive' }); // 240 s later
  assert.equal(s.decide(at(5, 5, 0.27)), { replicas: 2, reason: 'ScaleDown' }); // 300 s: ceil(5 · 0.27 / 0.7) = ceil(1.93) = 2
});

test('thesis-hpa: a scale-up in between lifts the scale-down cooldown', () => {
  const s = createThesisHpaAutoscaler();
  s.decide(at(0, 10, 0.35));
  assert.equal(s.decide(at(1, 5, 0.95)), { replicas: 7, reason: 'ScaleUp' }); // ceil(5 · 0.95 / 0.7) = ceil(6.79) = 7
  assert.equal(s.decide(at(2, 7, 0.29)), { replicas: 3, reason: 'ScaleDown' }); // ceil(7 · 0.29 / 0.7) = ceil(2.9) = 3
});

test('thesis-hpa: missing CPU holds, never scales down on no data', () => {
  assert.equal(createThesisHpaAutoscaler().decide(at(0, 6)), { replicas: 6, reason: 'NoMetrics' });
});

test('thesis-hpa: makes the same decisions as the thesis-exact controller when pods are ready at once', () => {
  const exact = createThesisHpa().create();
  const adapted = createThesisHpaAutoscaler();
  const rng = createRng(17);
  let pods = 5;
  for (let step = 0; step < 2000; step++) {
    const cpu = Math.round(rng.next() * 1000) / 1000;
    const want = exact({ step, observedCpu: cpu, trafficRequests: 0, readyPods: pods });
    const got = adapted.decide(at(step, pods, cpu)).replicas;
    assert.is(got, Math.min(20, want), `step ${step}, cpu ${cpu}, pods ${pods}`);
    pods = got;
  }
});

test('thesis-hpa: an unknown parameter is refused with its name', () => {
  assert.throws(() => parseThesisHpaConfig({ targetUtilisation: 0.5 }), /targetUtilisation/);
});
