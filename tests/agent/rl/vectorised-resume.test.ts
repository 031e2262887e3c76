// Vectorised training (several environments stepped together, batched inference) stays deterministic and resumes
// exactly: a run continued from one of its own checkpoints (loop state + networks) ends with the same weights as
// the uninterrupted run.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { initTf } from '../../../agent/rl/tf.ts';
import { buildMlp } from '../../../agent/rl/mlp.ts';
import { createDqnAgent, defaultDqnConfig, trainDqn } from '../../../agent/rl/dqn.ts';
import { createPpoAgent, defaultPpoConfig, trainPpo } from '../../../agent/rl/ppo.ts';
import { createScalingEnv, defaultEnvConfig } from '../../../agent/rl/env.ts';
import { trainingEpisodeSeed } from '../../../agent/rl/episode-sampler.ts';
import { decodeLoopState, encodeLoopState, type LoopState } from '../../../agent/rl/loop-state.ts';

await initTf();
const envConfig = { ...defaultEnvConfig, episodes: { ...defaultEnvConfig.episodes, durationSeconds: 300 } };
const envs = () => [createScalingEnv(envConfig), createScalingEnv(envConfig)];
const episodeSeed = (e: number) => trainingEpisodeSeed(3, e);
const weights = (m: LayersModel) => m.getWeights().flatMap((w) => Array.from(w.dataSync()));
/** A copy of a network (what a checkpoint's model files restore). */
function copy(m: LayersModel, name: string): LayersModel {
  const kernels = m.getWeights().filter((w) => w.shape.length === 2);
  const [inputSize] = kernels[0].shape as [number, number];
  const hidden = kernels.slice(0, -1).map((k) => k.shape[1] as number);
  const out = buildMlp({ inputSize, hiddenUnits: hidden, outputSize: kernels.at(-1)!.shape[1] as number, seed: 1, name });
  out.setWeights(m.getWeights());
  return out;
}

test('DQN on 2 envs: resumed from its checkpoint at an episode end, it ends with the uninterrupted weights', async () => {
  const config = { ...defaultDqnConfig, hiddenUnits: [8], learningStarts: 20, batchSize: 8, targetUpdateInterval: 30, numEnvs: 2 };
  const saved: { state: LoopState; q: LayersModel; target: LayersModel }[] = [];
  const a = createDqnAgent(envs()[0].observationSize, envs()[0].actionCount, 5, config);
  const checkpoint = { everySteps: 40, save: async (s: LoopState) => void saved.push({ state: s, q: copy(a.online, 'q'), target: copy(a.target, 'q_target') }) };
  await trainDqn(envs(), { totalSteps: 160, seed: 5, config, agent: a, episodeSeed, checkpoint });
  assert.ok(saved.length >= 2, `checkpoints: ${saved.length}`);
  const c = saved[0];
  // Through the files' encoding, as a real resume reads it.
  const { json, bin } = encodeLoopState(c.state);
  const state = decodeLoopState(json, bin);
  const b = createDqnAgent(envs()[0].observationSize, envs()[0].actionCount, 5, config, c.q, c.target);
  // The resumed run checkpoints on the same schedule (the generator restarts at every checkpoint in both runs).
  await trainDqn(envs(), { totalSteps: 160, seed: 5, config, agent: b, episodeSeed, resume: state, checkpoint: { everySteps: 40, save: async () => {} } });
  assert.equal(weights(b.online), weights(a.online));
  assert.equal(weights(b.target), weights(a.target));
});

test('PPO on 2 envs: resumed from its checkpoint, it ends with the uninterrupted weights', async () => {
  const config = { ...defaultPpoConfig, hiddenUnits: [8], rolloutSteps: 16, minibatchSize: 8, numEnvs: 2 };
  const saved: { state: LoopState; policy: LayersModel; value: LayersModel }[] = [];
  const e = envs()[0];
  const a = createPpoAgent(e.observationSize, e.actionCount, 6, config);
  const checkpoint = { everySteps: 40, save: async (s: LoopState) => void saved.push({ state: s, policy: copy(a.policy, 'policy'), value: copy(a.value, 'value') }) };
  await trainPpo(envs(), { totalSteps: 120, seed: 6, config, agent: a, episodeSeed, checkpoint });
  assert.ok(saved.length >= 1);
  const c = saved[0];
  const { json, bin } = encodeLoopState(c.state);
  const b = createPpoAgent(e.observationSize, e.actionCount, 6, config, { policy: c.policy, value: c.value });
  await trainPpo(envs(), { totalSteps: 120, seed: 6, config, agent: b, episodeSeed, resume: decodeLoopState(json, bin), checkpoint: { everySteps: 40, save: async () => {} } });
  assert.equal(weights(b.policy), weights(a.policy));
  assert.equal(weights(b.value), weights(a.value));
});
