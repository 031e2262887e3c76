import { test } from 'node:test';
import * as assert from 'uvu/assert';
import type { Observation } from '../../../lib/ports.ts';
import { initTf, tf } from '../../../agent/rl/tf.ts';
import { createScalingEnv, defaultEnvConfig } from '../../../agent/rl/env.ts';
import { defaultHybridConfig, floorAdjuster, headroomFloor, trainHybrid, type HybridConfig, type HybridEpisodeLog } from '../../../agent/rl/hybrid.ts';
import { createLagrangian, defaultConstraintConfig, dualAscent, trainConstrainedHybrid } from '../../../agent/rl/constrained.ts';
import { trainingEpisodeSeed } from '../../../agent/rl/episode-sampler.ts';

await initTf();

const obs = (rps: number): Observation => ({
  nowSeconds: 0, specReplicas: 4, readyReplicas: 4, startingReplicas: 0, pendingReplicas: 0, minReplicas: 1, maxReplicas: 20, rps, cpuPerRequestCoreSeconds: 0.005,
  pods: [{ name: 'p', phase: 'Running', deleting: false, cpuRequestMilli: 250, memoryRequestMiB: 256 }],
});

test('the headroom floor sizes for the load: 400 req/s × 5 ms = 2 cores = 8 pods at request, ÷ 1.3, × (1 + h)', () => {
  assert.is(headroomFloor(obs(400), -1, 1.3), 0); // "no floor" level
  assert.is(headroomFloor(obs(400), 0, 1.3), 7); // 8/1.3 = 6.15 → 7
  assert.is(headroomFloor(obs(400), 0.25, 1.3), 8); // 10/1.3 = 7.69 → 8
  assert.is(headroomFloor(obs(400), 1, 1.3), 13); // 16/1.3 = 12.3 → 13
  assert.is(headroomFloor({ ...obs(400), rps: undefined }, 1, 1.3), 0);
});

test("PPO's headroom level changes the replicas applied: the same DQN scale-down is overridden by a high floor", () => {
  let level = 0;
  const adjust = floorAdjuster(defaultHybridConfig, () => level);
  assert.is(adjust(3, 4, obs(400)).replicas, 3); // no floor: the scale-down goes through
  level = 4; // h = 1
  assert.is(adjust(3, 4, obs(400)).replicas, 13);
});

test('dual ascent moves λ by η·(rate − δ) and stays in [0, λmax]', () => {
  const c = { ...defaultConstraintConfig, delta: 0.15, lambdaLearningRate: 2, lambdaMax: 5 };
  assert.ok(Math.abs(dualAscent(1, 0.35, c) - 1.4) < 1e-12);
  assert.ok(Math.abs(dualAscent(1, 0, c) - 0.7) < 1e-12);
  assert.is(dualAscent(0.1, 0, c), 0);
  assert.is(dualAscent(4.9, 1, c), 5);
  const l = createLagrangian(c, 2);
  assert.is(l.shapeReward(-1, true), -3);
  assert.is(l.shapeReward(-1, false), -1);
  assert.equal(l.endEpisode(0.1), { lambda: 2, constraintSatisfied: true, margin: 0.15 - 0.1 });
  assert.ok(Math.abs(l.lambda - 1.9) < 1e-12);
});

const small: HybridConfig = {
  ...defaultHybridConfig,
  dqn: { ...defaultHybridConfig.dqn, hiddenUnits: [16], learningStarts: 20, batchSize: 16, targetUpdateInterval: 50 },
  ppo: { ...defaultHybridConfig.ppo, hiddenUnits: [16], rolloutSteps: 8, minibatchSize: 4, epochs: 1 },
};
const envConfig = { ...defaultEnvConfig, observation: { ...defaultEnvConfig.observation, includeSetpoint: true }, episodes: { ...defaultEnvConfig.episodes, durationSeconds: 300 } };

test('hybrid training updates both networks, logs per-episode diagnostics and does not leak tensors', async () => {
  const env = createScalingEnv(envConfig);
  const logs: HybridEpisodeLog[] = [];
  const counts: number[] = [];
  const agent = await trainHybrid(env, {
    totalSteps: 200, seed: 1, config: small, episodeSeed: (e) => trainingEpisodeSeed(1, e), onEpisode: (l) => logs.push(l),
    onStep: (s) => {
      if (s === 100 || s === 200) counts.push(tf.memory().numTensors);
    },
  });
  assert.is(counts.length, 2, 'onStep reached both checkpoints');
  assert.is(counts[0], counts[1]);
  assert.ok(logs.length >= 10);
  for (const l of logs) assert.ok(l.violationRate >= 0 && l.violationRate <= 1 && l.meanHeadroom >= -1 && l.averageLatencyMs > 0);
  const fresh = (await import('../../../agent/rl/hybrid.ts')).createHybridAgent(env.observationSize, env.actionCount, 1, small);
  assert.not.equal(Array.from(agent.ppo.policy.getWeights()[0].dataSync()), Array.from(fresh.ppo.policy.getWeights()[0].dataSync()));
  assert.not.equal(Array.from(agent.dqn.online.getWeights()[0].dataSync()), Array.from(fresh.dqn.online.getWeights()[0].dataSync()));
  fresh.dispose();
  agent.dispose();
});

test('the constrained hybrid logs λ, constraint satisfaction, margin and safety interventions per episode', async () => {
  const env = createScalingEnv(envConfig);
  const logs: HybridEpisodeLog[] = [];
  const { agent, lambda } = await trainConstrainedHybrid(env, { totalSteps: 120, seed: 2, config: small, episodeSeed: (e) => trainingEpisodeSeed(2, e), onEpisode: (l) => logs.push(l) });
  for (const l of logs) {
    assert.type(l.lambda, 'number');
    assert.is(l.constraintSatisfied, l.violationRate <= 0.15);
    assert.ok(Math.abs(l.margin! - (0.15 - l.violationRate)) < 1e-12);
    assert.ok(l.interventionRate >= 0 && l.interventionRate <= 1);
  }
  // λ after the run follows the dual ascent over the logged episodes.
  let expected = 0;
  for (const l of logs) expected = dualAscent(expected, l.violationRate, defaultConstraintConfig);
  assert.ok(Math.abs(lambda - expected) < 1e-12);
  agent.dispose();
});
