import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { createScalingEnv, defaultEnvConfig } from '../../../agent/rl/env.ts';
import { applyAction, ACTION_SETS } from '../../../agent/rl/actions.ts';
import { EVALUATION_SEED_LIMIT, evaluationEpisodeSeed, trainingEpisodeSeed } from '../../../agent/rl/episode-sampler.ts';

test('the observation has the 12 thesis features plus the trend, all in [0, 1]', () => {
  const env = createScalingEnv();
  assert.is(env.observationSize, 13);
  let o = env.reset(trainingEpisodeSeed(1, 0));
  for (let k = 0; k < 40; k++) {
    assert.ok(o.every((x) => x >= 0 && x <= 1), `step ${k}: ${Array.from(o)}`);
    o = env.step(k % 3).observation;
  }
});

test('thesis actions move one pod; the multiplicative set doubles and halves, within the bounds', () => {
  const [down, hold, up] = ACTION_SETS['thesis-3'];
  assert.equal([applyAction(down, 4, 1, 20), applyAction(hold, 4, 1, 20), applyAction(up, 4, 1, 20), applyAction(up, 20, 1, 20)], [3, 4, 5, 20]);
  const [half, , , , oneAndHalf, double] = ACTION_SETS['multiplicative-6'];
  assert.equal([applyAction(half, 5, 1, 20), applyAction(oneAndHalf, 1, 1, 20), applyAction(double, 12, 1, 20), applyAction(half, 1, 1, 20)], [2, 2, 20, 1]);
  const env = createScalingEnv();
  env.reset(trainingEpisodeSeed(2, 0));
  const before = env.lastObservation.specReplicas;
  env.step(2);
  assert.is(env.lastObservation.specReplicas, before + 1);
});

test('a 1,800 s episode ends (truncated) after 119 decisions at 15, 30, …, 1,785 s', () => {
  const env = createScalingEnv();
  env.reset(trainingEpisodeSeed(3, 0));
  let n = 0;
  for (;;) {
    n++;
    if (env.step(1).truncated) break;
  }
  assert.is(n, 119);
});

test('the same episode seed gives the same trajectory', () => {
  const run = () => {
    const env = createScalingEnv();
    const out = [Array.from(env.reset(trainingEpisodeSeed(4, 1)))];
    for (let k = 0; k < 20; k++) out.push([env.step((k * 7) % 3).reward]);
    return out;
  };
  assert.equal(run(), run());
});

test('training and evaluation seeds never overlap', () => {
  for (let run = 0; run < 20; run++) for (let e = 0; e < 200; e++) assert.ok(trainingEpisodeSeed(run, e) >= EVALUATION_SEED_LIMIT);
  assert.ok(evaluationEpisodeSeed(0) === 1 && evaluationEpisodeSeed(999) < EVALUATION_SEED_LIMIT);
  assert.throws(() => evaluationEpisodeSeed(EVALUATION_SEED_LIMIT));
});

test('scaling down a loaded service is punished: holding beats removing pods under load', () => {
  const seed = trainingEpisodeSeed(5, 0);
  const total = (action: number) => {
    const env = createScalingEnv({ ...defaultEnvConfig, episodes: { ...defaultEnvConfig.episodes, scenarios: ['steady'], baseRps: [600, 600], peakRps: [800, 800], noiseRelativeSd: [0, 0] } });
    env.reset(seed);
    let r = 0;
    for (let k = 0; k < 30; k++) r += env.step(action).reward;
    return r;
  };
  assert.ok(total(0) < total(1), `down ${total(0)} vs hold ${total(1)}`);
});
