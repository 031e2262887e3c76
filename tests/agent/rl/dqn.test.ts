import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { initTf, tf } from '../../../agent/rl/tf.ts';
import { clipByGlobalNorm, createDqnAgent, defaultDqnConfig, dqnTargets, trainDqn, type DqnConfig } from '../../../agent/rl/dqn.ts';
import { chainEnv } from './helpers/toy-envs.ts';
import { mlpPredictOne } from '../../../agent/rl/mlp.ts';

await initTf();

const fast: DqnConfig = { ...defaultDqnConfig, hiddenUnits: [32], learningRate: 3e-3, gamma: 0.9, learningStarts: 100, trainFrequency: 1, targetUpdateInterval: 50, batchSize: 32, explorationFraction: 0.5 };

test('the Double-DQN target takes the action from the online network and its value from the target network', () => {
  // Row 0: online prefers action 0 (2 > 1), target values it 10 → y = 1 + 0.9·10 = 10; vanilla takes max 20 → 19.
  // Row 1: terminal → y = r = 0.5 whatever the next values.
  const args = [tf.tensor1d([1, 0.5]), tf.tensor1d([0, 1]), tf.tensor2d([[2, 1], [3, 0]]), tf.tensor2d([[10, 20], [30, 40]])] as const;
  assert.equal(Array.from(dqnTargets(...args, 0.9, true).dataSync()), [10, 0.5]);
  assert.equal(Array.from(dqnTargets(...args, 0.9, false).dataSync()), [19, 0.5]);
});

test('gradients are scaled to the global norm: (3, 4) clipped to norm 1 becomes (0.6, 0.8), small ones pass', () => {
  const out = clipByGlobalNorm({ a: tf.tensor1d([3]), b: tf.tensor1d([4]) }, 1);
  assert.ok(Math.abs(out.a.dataSync()[0] - 0.6) < 1e-6 && Math.abs(out.b.dataSync()[0] - 0.8) < 1e-6);
  const small = clipByGlobalNorm({ a: tf.tensor1d([0.3]), b: tf.tensor1d([0.4]) }, 1);
  assert.ok(Math.abs(small.a.dataSync()[0] - 0.3) < 1e-6);
});

test('the target network keeps its weights during updates and equals the online network after a sync', () => {
  const agent = createDqnAgent(3, 2, 5, fast);
  const o = new Float32Array([0.1, 0.2, 0.3]);
  const targetQ = () => Array.from(mlpPredictOne(agent.target, o));
  const before = targetQ();
  const batch = { observations: new Float32Array(6).fill(0.5), actions: new Int32Array([0, 1]), rewards: new Float32Array([1, -1]), nextObservations: new Float32Array(6), dones: new Float32Array([1, 1]), size: 2 };
  for (let i = 0; i < 5; i++) agent.update(batch);
  assert.equal(targetQ(), before);
  assert.not.equal(targetQ(), Array.from(agent.qValues(o)));
  agent.syncTarget();
  assert.equal(targetQ(), Array.from(agent.qValues(o)));
  agent.dispose();
});

test('DQN learns the chain MDP: greedy policy goes right in every state and earns the optimal return 1', async () => {
  const env = chainEnv(6);
  const agent = await trainDqn(env, { totalSteps: 1200, seed: 3, config: fast });
  for (let s = 1; s < 5; s++) {
    const o = new Float32Array(6);
    o[s] = 1;
    assert.is(agent.greedy(o), 1, `state ${s}`);
  }
  // Q*(s, right) = γ^(4 − s) for the reward 1 at state 5: state 4 → 1, state 1 → 0.729.
  const q1 = agent.qValues(Float32Array.from([0, 1, 0, 0, 0, 0]))[1];
  assert.ok(Math.abs(q1 - 0.729) < 0.15, `Q(1, right) = ${q1}, expected ≈ 0.729`);
  agent.dispose();
});

test('training does not leak tensors: the count is the same after 50 and after 250 steps', async () => {
  const env = chainEnv(6);
  const counts: number[] = [];
  const agent = await trainDqn(env, {
    totalSteps: 250, seed: 1, config: { ...fast, learningStarts: 20 },
    onStep: (step) => {
      if (step === 50 || step === 250) counts.push(tf.memory().numTensors);
    },
  });
  assert.is(counts.length, 2, 'onStep reached both checkpoints');
  assert.is(counts[0], counts[1]);
  agent.dispose();
});

test('the same seed gives the same weights and another seed different ones', async () => {
  const run = async (seed: number) => {
    const agent = await trainDqn(chainEnv(6), { totalSteps: 200, seed, config: { ...fast, learningStarts: 50 } });
    const w = Array.from(agent.online.getWeights()[0].dataSync());
    agent.dispose();
    return w;
  };
  const a = await run(11);
  assert.equal(await run(11), a);
  assert.not.equal(await run(12), a);
});
