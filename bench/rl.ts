// RL figures for `npm run bench`: DQN and PPO training env-steps/s on the scaling environment with the default
// networks (wasm backend, one thread), and the greedy decision latency of a DQN autoscaler at batch 1.
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

async function measure(): Promise<RlBench> {
  await initTf();
  const env = createScalingEnv();
  const episodeSeed = (e: number) => trainingEpisodeSeed(99, e);
  // DQN: 4,000 steps of which 3,500 train (update every 4 steps, batch 64, default 64×64 network).
  const dqn = createDqnAgent(env.observationSize, env.actionCount, 1, defaultDqnConfig);
  let t0 = performance.now();
  await trainDqn(env, { totalSteps: 4000, seed: 1, agent: dqn, episodeSeed });
  const dqnEnvStepsPerSecond = 4000 / ((performance.now() - t0) / 1000);
  // PPO: 4 rollouts of 512 steps with their updates.
  const ppo = createPpoAgent(env.observationSize, env.actionCount, 1, defaultPpoConfig);
  t0 = performance.now();
  await trainPpo(env, { totalSteps: 2048, seed: 1, agent: ppo, episodeSeed });
  const ppoEnvStepsPerSecond = 2048 / ((performance.now() - t0) / 1000);
  // Decision latency: 2,000 greedy decisions at batch 1 after 200 warm-up decisions.
  const autoscaler = createRlAutoscaler({ agent: 'dqn', actionSet: env.config.actionSet, observation: env.config.observation, actionNetwork: dqn.online, slaLatencyMs: 200, periodSeconds: 15 });
  env.reset(episodeSeed(0));
  const observation = env.lastObservation;
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
