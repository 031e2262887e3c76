import { test } from 'node:test';
import * as assert from 'uvu/assert';
import type { DiscreteEnv } from '../../../../agent/rl/discrete-env.ts';
import { createMixedPlantEnv, episodePlantIndex } from '../../../../agent/rl/federated/mixed-plant-env.ts';

/** An environment whose observations carry its own number (which plant an episode ran on). */
const tagged = (tag: number): DiscreteEnv => ({
  observationSize: 1,
  actionCount: 2,
  reset: () => Float32Array.of(tag),
  step: () => ({ observation: Float32Array.of(tag), reward: tag, done: false, truncated: false }),
});

test('the centralised environment runs each episode on the plant its seed picks, and steps that plant', () => {
  const env = createMixedPlantEnv([tagged(0), tagged(1), tagged(2)]);
  for (let seed = 1_000_000; seed < 1_000_050; seed++) {
    const k = episodePlantIndex(seed, 3);
    assert.is(env.reset(seed)[0], k);
    assert.is(env.current, k);
    assert.is(env.step(0).reward, k);
  }
});

test('the plant of an episode is a function of its seed, about uniform over the plants', () => {
  const counts = [0, 0, 0];
  for (let seed = 0; seed < 3000; seed++) {
    assert.is(episodePlantIndex(seed, 3), episodePlantIndex(seed, 3));
    counts[episodePlantIndex(seed, 3)]++;
  }
  // Binomial(3000, 1/3): sd ≈ 26; allow 5 sd.
  for (const c of counts) assert.ok(Math.abs(c - 1000) < 130, `counts ${counts}`);
});
