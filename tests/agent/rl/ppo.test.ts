import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { initTf, tf } from '../../../agent/rl/tf.ts';
import { computeGae, defaultPpoConfig, softmax, trainPpo, type PpoConfig } from '../../../agent/rl/ppo.ts';
import { banditEnv, trackingEnv } from './helpers/toy-envs.ts';

await initTf();
const close = (a: number, b: number, tol = 1e-5) => Math.abs(a - b) < tol;

test('GAE matches a hand calculation over a terminal episode (γ = 0.9, λ = 0.8)', () => {
  // δ2 = 2 − 0.3 = 1.7; δ1 = 0 + 0.9·0.3 − 0.4 = −0.13; δ0 = 1 + 0.9·0.4 − 0.5 = 0.86
  // A2 = 1.7; A1 = −0.13 + 0.72·1.7 = 1.094; A0 = 0.86 + 0.72·1.094 = 1.64768
  const { advantages, returns } = computeGae([1, 0, 2], [0.5, 0.4, 0.3], [0.4, 0.3, 0.9], [0, 0, 1], [0, 0, 1], 0.9, 0.8);
  assert.ok(close(advantages[2], 1.7) && close(advantages[1], 1.094) && close(advantages[0], 1.64768), Array.from(advantages).join());
  assert.ok(close(returns[0], 2.14768));
});

test('GAE bootstraps a truncated step from the last value but does not carry λ across episodes', () => {
  // Step 2 truncated: δ2 = 2 + 0.9·0.9 − 0.3 = 2.51. Step 0 ends an episode: A0 = δ0 = 1 + 0.9·0.4 − 0.5 = 0.86.
  const { advantages } = computeGae([1, 0, 2], [0.5, 0.4, 0.3], [0.4, 0.3, 0.9], [0, 0, 0], [1, 0, 1], 0.9, 0.8);
  assert.ok(close(advantages[2], 2.51) && close(advantages[0], 0.86), Array.from(advantages).join());
});

test('softmax of equal logits is uniform and shifts do not matter', () => {
  assert.equal(Array.from(softmax([3, 3])), [0.5, 0.5]);
  const a = softmax([1, 2, 3]);
  const b = softmax([101, 102, 103]);
  a.forEach((x, i) => assert.ok(close(x, b[i], 1e-12)));
});

const fast: PpoConfig = { ...defaultPpoConfig, hiddenUnits: [32], learningRate: 3e-3, rolloutSteps: 128, minibatchSize: 32, gamma: 0.9 };

test('PPO learns a 3-armed bandit: the best arm (mean 1) gets most of the probability', async () => {
  const agent = await trainPpo(banditEnv([0.2, 1, 0.5]), { totalSteps: 1024, seed: 4, config: fast });
  const p = agent.probabilities(new Float32Array([1]));
  assert.ok(p[1] > 0.8, `p = ${Array.from(p)}`);
  agent.dispose();
});

test('PPO learns a tracking task: greedy returns come near the optimum −T(T−1)/20 and beat holding', async () => {
  const env = trackingEnv();
  const agent = await trainPpo(env, { totalSteps: 6144, seed: 2, config: { ...fast, rolloutSteps: 256, minibatchSize: 64 } });
  let gap = 0;
  for (let seed = 100; seed < 110; seed++) {
    let o = env.reset(seed);
    const target = Math.round(o[1] * 10);
    let total = 0;
    for (let k = 0; k < 12; k++) {
      const r = env.step(agent.greedy(o));
      total += r.reward;
      o = r.observation;
    }
    gap += (-target * (target - 1)) / 20 - total;
  }
  // Holding at 0 costs T·12/10 ≥ 2.4 per episode more than optimal; a learned policy is within 0.2 on average.
  assert.ok(gap / 10 < 0.2, `mean gap to optimum ${gap / 10}`);
  agent.dispose();
});

test('PPO updates do not leak tensors and the same seed gives the same policy', async () => {
  const counts: number[] = [];
  const run = async () => {
    const agent = await trainPpo(banditEnv([0, 1]), {
      totalSteps: 384, seed: 9, config: fast,
      onStep: (s) => {
        if (s === 128 || s === 384) counts.push(tf.memory().numTensors);
      },
    });
    const w = Array.from(agent.policy.getWeights()[0].dataSync());
    agent.dispose();
    return w;
  };
  const a = await run();
  assert.is(counts.length, 2, 'onStep reached both checkpoints');
  assert.is(counts[0], counts[1]);
  assert.equal(await run(), a);
});
