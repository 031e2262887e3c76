import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { initTf, tf } from '../../../../agent/rl/tf.ts';
import { defaultDqnConfig, type DqnConfig } from '../../../../agent/rl/dqn.ts';
import { createDqnClient, trainDqnClientRound } from '../../../../agent/rl/federated/dqn-client.ts';
import { trainFederatedDqn } from '../../../../agent/rl/federated/federated-dqn.ts';
import { readNetworkWeights } from '../../../../agent/rl/federated/network-weights.ts';
import { buildMlp, mlpPredictOne } from '../../../../agent/rl/mlp.ts';
import { createRng } from '../../../../lib/rng.ts';
import { chainEnv } from '../helpers/toy-envs.ts';

await initTf();

const fast: DqnConfig = { ...defaultDqnConfig, hiddenUnits: [32], learningRate: 3e-3, gamma: 0.9, learningStarts: 100, trainFrequency: 1, targetUpdateInterval: 50, batchSize: 32, explorationFraction: 0.5 };
const bytes = (ws: Float32Array[]) => Buffer.concat(ws.map((w) => Buffer.from(w.buffer, w.byteOffset, w.byteLength)));

test('a client round starts from the global weights, sends back K samples and keeps its buffer and counters', () => {
  const client = createDqnClient(0, chainEnv(6), { ...fast, learningStarts: 1e9 }, 9);
  const global = readNetworkWeights(buildMlp({ inputSize: 6, hiddenUnits: [32], outputSize: 2, seed: 77 }));
  const options = { globalWeights: global, steps: 40, epsilonAt: () => 1, rng: createRng(1), episodeSeed: (e: number) => e };
  const r = trainDqnClientRound(client, options);
  // No update before learningStarts: the weights sent back are exactly the ones received, the target was set to them.
  assert.ok(bytes(r.weights).equals(bytes(global)));
  assert.ok(bytes(readNetworkWeights(client.agent.target)).equals(bytes(global)));
  assert.is(r.samples, 40);
  assert.is(client.buffer.size, 40);
  trainDqnClientRound(client, { ...options, rng: createRng(2) });
  assert.is(client.buffer.size, 80); // the replay buffer stays on the client across rounds
  assert.is(client.steps, 80);
  assert.ok(client.episodes >= 2);
  client.agent.dispose();
});

test('two federated runs with the same seed give byte-identical global weights; another seed does not', async () => {
  const run = async (seed: number) => {
    const r = await trainFederatedDqn({ envs: [chainEnv(6), chainEnv(6), chainEnv(6)], config: fast, rounds: 3, localSteps: 80, participation: 2 / 3, seed });
    const w = bytes(readNetworkWeights(r.global));
    r.global.dispose();
    return { w, history: r.history, total: r.totalSamples };
  };
  const a = await run(4);
  const b = await run(4);
  assert.ok(a.w.equals(b.w), 'same seed, different weights');
  assert.equal(a.history, b.history);
  assert.not.ok(a.w.equals((await run(5)).w));
  // ⌈2/3 · 3⌉ = 2 clients a round, 80 samples each.
  for (const h of a.history) {
    assert.is(h.clients.length, 2);
    assert.equal(h.samples, [80, 80]);
  }
  assert.is(a.total, 3 * 2 * 80);
});

test('FedAvg of two clients learns the chain MDP: the global greedy policy goes right in every state', async () => {
  const r = await trainFederatedDqn({ envs: [chainEnv(6), chainEnv(6)], config: fast, rounds: 4, localSteps: 150, participation: 1, seed: 3 });
  for (let s = 1; s < 5; s++) {
    const o = new Float32Array(6);
    o[s] = 1;
    const q = mlpPredictOne(r.global, o);
    assert.ok(q[1] > q[0], `state ${s}: Q = ${Array.from(q)}`);
  }
  r.global.dispose();
});

test('federated training does not leak tensors: the count after 2 and after 5 rounds is the same', async () => {
  const counts: number[] = [];
  const r = await trainFederatedDqn({
    envs: [chainEnv(6), chainEnv(6)], config: { ...fast, learningStarts: 20 }, rounds: 5, localSteps: 50, participation: 1, seed: 1,
    onRound: (log) => {
      if (log.round === 1 || log.round === 4) counts.push(tf.memory().numTensors);
    },
  });
  r.global.dispose();
  assert.is(counts[1], counts[0]);
});
