// `scalelab tune-reward`: Bayesian optimisation of the base reward's weights across short DQN training runs.
// Each trial trains with suggested weights on training seeds and is scored on evaluation seeds.
import { createBayesOpt } from './bayes-opt.ts';
import { createDqnAgent, trainDqn } from './dqn.ts';
import { createScalingEnv } from './env.ts';
import { repoTraceLoader } from './trace-files.ts';
import { trainingEpisodeSeed } from './episode-sampler.ts';
import { evaluateOnEpisodes, type EvaluationSummary } from './evaluate.ts';
import { createRlAutoscaler } from './rl-autoscaler.ts';
import type { TrainConfig } from './train-config.ts';
import { initTf } from './tf.ts';

/** The weights searched and their bounds. */
export const TUNED_WEIGHTS: { name: 'violationWeight' | 'costWeight' | 'utilizationWeight'; bounds: [number, number] }[] = [
  { name: 'violationWeight', bounds: [2, 40] },
  { name: 'costWeight', bounds: [0.25, 3] },
  { name: 'utilizationWeight', bounds: [0, 2] },
];

/** Objective (maximised): −(mean pods / max replicas) − 20 × SLA-violating fraction of requests, on evaluation seeds. */
export function tuningObjective(e: EvaluationSummary, maxReplicas: number): number {
  return -(e.meanPods / maxReplicas) - 20 * e.slaViolationRateRequests;
}

export interface TuneTrial {
  trial: number;
  weights: Record<string, number>;
  objective: number;
  evaluation: Omit<EvaluationSummary, 'perEpisode'>;
}

/** Use from the CLI: runs `trials` BO trials of `steps` DQN steps each; returns every trial and the best. */
export async function tuneReward(o: { trials: number; steps: number; seed: number; config: TrainConfig; onTrial?: (t: TuneTrial) => void }): Promise<{ trials: TuneTrial[]; best: TuneTrial }> {
  await initTf();
  const bo = createBayesOpt({ bounds: TUNED_WEIGHTS.map((w) => w.bounds), seed: o.seed, initialRandom: Math.min(3, o.trials) });
  const trials: TuneTrial[] = [];
  for (let trial = 0; trial < o.trials; trial++) {
    const x = bo.suggest();
    const weights = Object.fromEntries(TUNED_WEIGHTS.map((w, i) => [w.name, x[i]]));
    const envConfig = { ...o.config.env, reward: { ...o.config.env.reward, ...weights } };
    const env = createScalingEnv(envConfig, { loadTrace: repoTraceLoader });
    const agent = createDqnAgent(env.observationSize, env.actionCount, o.seed + trial, o.config.dqn);
    await trainDqn(env, { totalSteps: o.steps, seed: o.seed + trial, config: o.config.dqn, agent, episodeSeed: (e) => trainingEpisodeSeed(o.seed * 1000 + trial, e) });
    const make = () =>
      createRlAutoscaler({ agent: 'dqn', actionSet: envConfig.actionSet, observation: envConfig.observation, actionNetwork: agent.online, slaLatencyMs: envConfig.plant.slaLatencyMs, periodSeconds: envConfig.decisionPeriodSeconds });
    const evaluation = evaluateOnEpisodes(make, Math.max(1, o.config.evalEpisodes), envConfig.episodes, envConfig.plant, repoTraceLoader);
    agent.dispose();
    const objective = tuningObjective(evaluation, envConfig.plant.maxReplicas);
    bo.observe(x, objective);
    const { perEpisode: _p, ...summary } = evaluation;
    const t = { trial, weights, objective, evaluation: summary };
    trials.push(t);
    o.onTrial?.(t);
  }
  const best = trials.reduce((a, b) => (b.objective > a.objective ? b : a));
  return { trials, best };
}
