// --freeze N as the learners see it: the first N dense layers of every network keep the parent's weights through
// training (DQN's Q network and its target; PPO's policy and value networks), the later layers train.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { initTf } from '../../../agent/rl/tf.ts';
import { buildMlp } from '../../../agent/rl/mlp.ts';
import { createDqnAgent, defaultDqnConfig, trainDqn, type DqnConfig } from '../../../agent/rl/dqn.ts';
import { createPpoAgent, defaultPpoConfig, trainPpo, type PpoConfig } from '../../../agent/rl/ppo.ts';
import { freezeNetworks } from '../../../agent/rl/transfer.ts';
import { banditEnv, chainEnv } from './helpers/toy-envs.ts';

await initTf();

/** Each layer's kernel and bias values, by layer name. */
const layers = (m: LayersModel): Record<string, number[]> => Object.fromEntries(m.layers.map((l) => [l.name, l.getWeights().flatMap((w) => Array.from(w.dataSync()))]));
const parent = (inputSize: number, outputSize: number, seed: number, name: string) => buildMlp({ inputSize, hiddenUnits: [8, 8], outputSize, seed, name });

test('DQN with --freeze 1: dense_0 of the Q network and of its target keep the parent weights, dense_1 and out train', async () => {
  const config: DqnConfig = { ...defaultDqnConfig, hiddenUnits: [8, 8], learningRate: 3e-3, learningStarts: 20, trainFrequency: 1, batchSize: 16, targetUpdateInterval: 25 };
  const env = chainEnv();
  const q = parent(env.observationSize, env.actionCount, 11, 'q');
  const before = layers(q);
  freezeNetworks({ q }, 1);
  const agent = createDqnAgent(env.observationSize, env.actionCount, 3, config, q);
  assert.equal(agent.target.layers.map((l) => l.trainable), [false, true, true], 'the target mirrors the frozen layers');
  await trainDqn(env, { totalSteps: 300, seed: 3, config, agent });
  const after = layers(agent.online);
  assert.equal(after.dense_0, before.dense_0);
  assert.not.equal(after.dense_1, before.dense_1);
  assert.not.equal(after.out, before.out);
  assert.equal(layers(agent.target).dense_0, before.dense_0);
});

test('DQN with --freeze 0 trains every layer of the parent (the frozen test above is not vacuous)', async () => {
  const config: DqnConfig = { ...defaultDqnConfig, hiddenUnits: [8, 8], learningRate: 3e-3, learningStarts: 20, trainFrequency: 1, batchSize: 16, targetUpdateInterval: 25 };
  const env = chainEnv();
  const q = parent(env.observationSize, env.actionCount, 11, 'q');
  const before = layers(q);
  freezeNetworks({ q }, 0);
  const agent = createDqnAgent(env.observationSize, env.actionCount, 3, config, q);
  await trainDqn(env, { totalSteps: 300, seed: 3, config, agent });
  assert.not.equal(layers(agent.online).dense_0, before.dense_0);
});

test('PPO with --freeze 2: the actor and critic trunks (both hidden layers) keep the parent weights, the heads train', async () => {
  const config: PpoConfig = { ...defaultPpoConfig, hiddenUnits: [8, 8], learningRate: 3e-3, rolloutSteps: 64, minibatchSize: 16 };
  const env = banditEnv([0.2, 1, 0.5]);
  const policy = parent(env.observationSize, env.actionCount, 5, 'policy');
  const value = parent(env.observationSize, 1, 6, 'value');
  const before = { policy: layers(policy), value: layers(value) };
  freezeNetworks({ policy, value }, 2);
  const agent = createPpoAgent(env.observationSize, env.actionCount, 4, config, { policy, value });
  await trainPpo(env, { totalSteps: 256, seed: 4, config, agent });
  for (const [name, net] of [['policy', agent.policy], ['value', agent.value]] as const) {
    const after = layers(net);
    assert.equal(after.dense_0, before[name].dense_0, `${name} dense_0`);
    assert.equal(after.dense_1, before[name].dense_1, `${name} dense_1`);
    assert.not.equal(after.out, before[name].out, `${name} out`);
  }
});
