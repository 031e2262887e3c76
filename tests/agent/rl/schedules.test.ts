import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { exponentialSchedule, linearSchedule } from '../../../agent/rl/schedules.ts';
import { createReplayBuffer } from '../../../agent/rl/replay-buffer.ts';
import { createRng } from '../../../lib/rng.ts';

test('the linear schedule goes from start to end over the duration and then stays at end', () => {
  const eps = linearSchedule(1, 0.1, 100);
  assert.equal([eps(0), eps(50), eps(100), eps(1000)], [1, 0.55, 0.1, 0.1]);
});

test('the exponential schedule is start at 0 and decays by 1/e per time constant toward end', () => {
  const eps = exponentialSchedule(1, 0, 10);
  assert.is(eps(0), 1);
  assert.ok(Math.abs(eps(10) - Math.exp(-1)) < 1e-12);
});

test('the replay buffer keeps only the last `capacity` transitions', () => {
  const buffer = createReplayBuffer(3, 1);
  for (let i = 0; i < 5; i++) buffer.add([i], i, i, [i + 1], false);
  assert.is(buffer.size, 3);
  const batch = buffer.sample(200, createRng(1));
  const seen = new Set(Array.from(batch.rewards));
  assert.equal([...seen].sort(), [2, 3, 4]);
  for (let i = 0; i < 200; i++) assert.is(batch.nextObservations[i], batch.observations[i] + 1);
});
