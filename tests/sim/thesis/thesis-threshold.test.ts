import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { thesisThreshold, thesisTrafficTrend } from '../../../sim/thesis/index.ts';

test('the traffic trend compares the last 5 values with the 5 before once 10 are kept', () => {
  // means 1000 and 1200 → (1200 − 1000) / 1000
  assert.is(thesisTrafficTrend([1000, 1000, 1000, 1000, 1000, 1200, 1200, 1200, 1200, 1200]), 0.2);
  // means 50 and 60: the denominator is floored at 100 → 10 / 100
  assert.is(thesisTrafficTrend([50, 50, 50, 50, 50, 60, 60, 60, 60, 60]), 0.1);
});

test('with 5–9 values the trend is (x[−1] − x[−5]) / max(x[−5], 100), with fewer it is 0', () => {
  assert.is(thesisTrafficTrend([1000, 1100, 1200, 1300, 1500]), 0.5);
  assert.is(thesisTrafficTrend([7, 1000, 900, 800, 700, 600]), -0.4);
  assert.is(thesisTrafficTrend([20, 30, 40, 50, 70]), 0.5);
  assert.is(thesisTrafficTrend([1000, 2000, 3000, 4000]), 0);
});

/** Feeds `steps` decisions with constant traffic and CPU, returns the last answer. */
function warmUp(decide: ReturnType<typeof thesisThreshold.create>, steps: number, traffic: number, cpu: number, ready: number) {
  let last = ready;
  for (let t = 0; t < steps; t++) last = decide({ step: t, observedCpu: cpu, trafficRequests: traffic, readyPods: ready });
  return last;
}

test('the rule does nothing until it has 5 traffic values, then scales up above 75 % CPU', () => {
  const decide = thesisThreshold.create();
  assert.is(warmUp(decide, 4, 1000, 1, 4), 4);
  assert.is(decide({ step: 4, observedCpu: 0.76, trafficRequests: 1000, readyPods: 4 }), 5); // ceil(4.34)
});

test('between 70 % and 75 % CPU it scales up only when traffic rises by more than 15 %', () => {
  const flat = thesisThreshold.create();
  warmUp(flat, 9, 1000, 0.6, 10);
  assert.is(flat({ step: 9, observedCpu: 0.72, trafficRequests: 1000, readyPods: 10 }), 10);
  const rising = thesisThreshold.create();
  warmUp(rising, 4, 1000, 0.6, 10);
  // 5 values: (1200 − 1000)/1000 = 0.2 > 0.15 → ceil(10·0.72/0.7) = ceil(10.29) = 11
  assert.is(rising({ step: 4, observedCpu: 0.72, trafficRequests: 1200, readyPods: 10 }), 11);
});

test('below 50 % CPU it scales down only on falling traffic (trend < −5 %), to ceil(ready·cpu/0.7)', () => {
  const flat = thesisThreshold.create();
  warmUp(flat, 4, 1000, 0.4, 10);
  assert.is(flat({ step: 4, observedCpu: 0.4, trafficRequests: 1000, readyPods: 10 }), 10);
  const falling = thesisThreshold.create();
  warmUp(falling, 4, 1000, 0.4, 10);
  // (900 − 1000)/1000 = −0.1 → ceil(10·0.4/0.7) = ceil(5.71) = 6
  assert.is(falling({ step: 4, observedCpu: 0.4, trafficRequests: 900, readyPods: 10 }), 6);
});

test('a scale-down within 5 steps of the previous scale-down is skipped', () => {
  const decide = thesisThreshold.create();
  const traffic = [1000, 1000, 1000, 1000, 800, 700, 600, 500, 400, 300, 200, 150, 120];
  const cpu = 0.3;
  let ready = 10;
  const answers: number[] = [];
  traffic.forEach((requests, step) => {
    ready = decide({ step, observedCpu: cpu, trafficRequests: requests, readyPods: ready });
    answers.push(ready);
  });
  // Step 4: −20 % trend → ceil(10·0.3/0.7) = 5. Steps 5–8 cooldown. Step 9: ceil(5·0.3/0.7) = 3.
  // Steps 10–13 cooldown … step 12 still inside it.
  assert.equal(answers, [10, 10, 10, 10, 5, 5, 5, 5, 5, 3, 3, 3, 3]);
});

test('the last action changes only when pods change: a scale-down no-op does not restart the cooldown', () => {
  const decide = thesisThreshold.create();
  const traffic = [1000, 1000, 1000, 1000, 800, 700, 600, 500, 400, 300, 200, 150];
  // Step 4: 4 → ceil(4·0.3/0.7) = 2. Step 9: CPU 0.45 gives ceil(2·0.45/0.7) = 2, no change.
  // Step 10: ceil(2·0.3/0.7) = 1 goes ahead, 6 steps after the real scale-down (1 after the no-op).
  const cpu = (step: number) => (step === 9 ? 0.45 : 0.3);
  let ready = 4;
  const answers = traffic.map((requests, step) => {
    ready = decide({ step, observedCpu: cpu(step), trafficRequests: requests, readyPods: ready });
    return ready;
  });
  assert.equal(answers, [4, 4, 4, 4, 2, 2, 2, 2, 2, 2, 1, 1]);
});

test('a scale-down is allowed right after a scale-up, since the last action is then the scale-up', () => {
  const decide = thesisThreshold.create();
  warmUp(decide, 4, 1000, 0.6, 10);
  assert.is(decide({ step: 4, observedCpu: 0.4, trafficRequests: 900, readyPods: 10 }), 6);
  assert.is(decide({ step: 5, observedCpu: 0.9, trafficRequests: 900, readyPods: 6 }), 8); // ceil(7.71)
  assert.is(decide({ step: 6, observedCpu: 0.3, trafficRequests: 800, readyPods: 8 }), 4); // ceil(3.43)
});

test('its name says what it is: a threshold rule, not a hybrid agent', () => {
  assert.is(thesisThreshold.name, 'thesis-threshold');
});
