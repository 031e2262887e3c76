import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { thesisHpa } from '../../../sim/thesis/index.ts';

const input = (step: number, observedCpu: number, readyPods: number) => ({
  step,
  observedCpu,
  readyPods,
  trafficRequests: 0,
});

// Each row: one decision of a fresh HPA, with the expected pod count worked out by hand.
const single: Array<[string, number, number, number]> = [
  ['holds at the target', 0.7, 5, 5],
  ['holds at the lower bound 0.7 − 0.1 = 0.6', 0.6, 5, 5],
  ['holds at the upper bound 0.7 + 0.1 = 0.7999999999999999', 0.7999999999999999, 5, 5],
  ['scales up at exactly 0.8, which is above the float upper bound: ceil(5·0.8/0.7) = ceil(5.71) = 6', 0.8, 5, 6],
  ['scales up from saturation: ceil(10·1/0.7) = ceil(14.29) = 15', 1, 10, 15],
  ['never above 50 pods: ceil(40·1/0.7) = 58 → 50', 1, 40, 50],
  ['scales down below the band: ceil(10·0.59/0.7) = ceil(8.43) = 9', 0.59, 10, 9],
  ['removes many pods at once: ceil(10·0.1/0.7) = 2', 0.1, 10, 2],
  ['never below 1 pod', 0.01, 3, 1],
];

for (const [what, observedCpu, ready, expected] of single) {
  test(`thesis HPA ${what}`, () => {
    assert.is(thesisHpa.create()(input(0, observedCpu, ready)), expected);
  });
}

test('a scale-down within 5 steps of the previous scale-down is skipped, at 5 steps it goes ahead', () => {
  const decide = thesisHpa.create();
  assert.is(decide(input(10, 0.3, 8)), 4); // ceil(8·0.3/0.7) = ceil(3.43) = 4
  assert.is(decide(input(11, 0.3, 4)), 4);
  assert.is(decide(input(14, 0.3, 4)), 4);
  assert.is(decide(input(15, 0.3, 4)), 2); // ceil(4·0.3/0.7) = ceil(1.71) = 2
});

test('a scale-up right after a scale-down is not delayed, and it ends the scale-down cooldown', () => {
  const decide = thesisHpa.create();
  assert.is(decide(input(10, 0.3, 8)), 4);
  assert.is(decide(input(11, 0.9, 4)), 6); // ceil(4·0.9/0.7) = ceil(5.14) = 6
  assert.is(decide(input(12, 0.3, 6)), 3); // last action is the scale-up: ceil(6·0.3/0.7) = ceil(2.57) = 3
});

test('the last action changes only when pods change: a below-band no-op does not restart the cooldown', () => {
  const decide = thesisHpa.create();
  assert.is(decide(input(0, 0.3, 4)), 2); // scale-down at step 0
  assert.is(decide(input(6, 0.5, 2)), 2); // below the band, but ceil(2·0.5/0.7) = 2: nothing changes
  assert.is(decide(input(8, 0.3, 2)), 1); // 8 steps after the real scale-down: allowed
});

test('each trace gets fresh state: a cooldown does not leak into the next create()', () => {
  const first = thesisHpa.create();
  assert.is(first(input(0, 0.3, 8)), 4);
  assert.is(thesisHpa.create()(input(1, 0.3, 4)), 2);
  assert.is(thesisHpa.name, 'hpa');
});
