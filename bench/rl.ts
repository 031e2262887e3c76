// RL figures for `npm run bench`: DQN and PPO training env-steps/s on the scaling environment with the default
// networks (wasm backend, one thread), vectorised over DQN_ENVS / PPO_ENVS environments stepped together with
// batched inference (the setting models/configs use), and the greedy decision latency of a DQN autoscaler at batch 1.
import { initTf } from '../agent/rl/tf.ts';
import { createDqnAgent, defaultDqnConfig, trainDqn } from '../agent/rl/dqn.ts';
import { createPpoAgent, defaultPpoConfig, trainPpo } from '../agent/rl/ppo.ts';
import { createScalingEnv } from '../agent/rl/env.ts';
import { trainingEpisodeSeed } from '../agent/rl/episode-sampler.ts';
import { createRlAutoscaler } from '../agent/rl/rl-autoscaler.ts';

export interface RlBench {
  dqnEnvStepsPerSecond: number;
  ppoEnvStepsPerSecond: number;
  decisionP50Ms: number;
  decisionP99Ms: number;
}

let cached: Promise<RlBench> | undefined;

/** Runs once per process (the four bench entries share it). */
export function benchRl(): Promise<RlBench> {
  cached ??= measure();
  return cached;
}

/** Environments stepped together in the training figures (models/configs/dqn*.json and ppo.json use the same). */
export const DQN_ENVS = 8;
export const PPO_ENVS = 16;

async function measure(): Promise<RlBench> {
  await initTf();
  const env = createScalingEnv();
  const envs = [env, ...Array.from({ length: PPO_ENVS - 1 }, () => createScalingEnv())];
  const episodeSeed = (e: number) => trainingEpisodeSeed(99, e);
  // DQN: 8,000 env steps (one update of batch 64 per vector step of 8 envs once learning starts at 500, default 64×64 network).
  const dqnConfig = { ...defaultDqnConfig, numEnvs: DQN_ENVS };
  const dqn = createDqnAgent(env.observationSize, env.actionCount, 1, dqnConfig);
  let t0 = performance.now();
  await trainDqn(envs.slice(0, DQN_ENVS), { totalSteps: 8000, seed: 1, agent: dqn, config: dqnConfig, episodeSeed });
  const dqnEnvStepsPerSecond = 8000 / ((performance.now() - t0) / 1000);
  // PPO: 4 rollouts of 1,024 steps (64 per env) with their updates (minibatches of 256, as models/configs/ppo.json).
  const ppoConfig = { ...defaultPpoConfig, numEnvs: PPO_ENVS, rolloutSteps: 1024, minibatchSize: 256 };
  const ppo = createPpoAgent(env.observationSize, env.actionCount, 1, ppoConfig);
  t0 = performance.now();
  await trainPpo(envs, { totalSteps: 4096, seed: 1, agent: ppo, config: ppoConfig, episodeSeed });
  const ppoEnvStepsPerSecond = 4096 / ((performance.now() - t0) / 1000);
  // Decision latency: 2,000 greedy decisions at batch 1 after 200 warm-up decisions.
  const autoscaler = createRlAutoscaler({ agent: 'dqn', actionSet: env.config.actionSet, observation: env.config.observation, actionNetwork: dqn.online, slaLatencyMs: 200, periodSeconds: 15 });
  // An observation with load data (rate() needs two scrapes), so every decision runs the network.
  env.reset(episodeSeed(0));
  for (let i = 0; i < 4; i++) env.step(1);
  const observation = env.lastObservation;
  if (observation.rps === undefined) throw new Error('bench: no load data after a minute');
  const times: number[] = [];
  for (let i = 0; i < 2200; i++) {
    const s = performance.now();
    autoscaler.decide(observation);
    if (i >= 200) times.push(performance.now() - s);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  dqn.dispose();
  ppo.dispose();
  return { dqnEnvStepsPerSecond, ppoEnvStepsPerSecond, decisionP50Ms: q(0.5), decisionP99Ms: q(0.99) };
}
