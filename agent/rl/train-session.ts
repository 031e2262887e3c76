// One `scalelab train` run (file adapter): builds the environment and agent, resumes from the last checkpoint,
// trains with periodic atomic checkpoints and a JSON Lines log, evaluates greedily on evaluation seeds (with
// HPA-70 on the same episodes for reference) and saves the final model with its provenance.
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { createHpaAutoscaler } from '../hpa/index.ts';
import { trainConstrainedHybrid } from './constrained.ts';
import { createDqnAgent, trainDqn } from './dqn.ts';
import { createScalingEnv, type EnvConfig } from './env.ts';
import { trainingEpisodeSeed } from './episode-sampler.ts';
import { evaluateOnEpisodes, type EvaluationSummary } from './evaluate.ts';
import { createHybridAgent, trainHybrid, type HybridEpisodeLog } from './hybrid.ts';
import { codeVersion, loadAgentFiles, ModelFilesError, readProvenance, saveAgentFiles, type Provenance } from './model-files.ts';
import { createPpoAgent, trainPpo } from './ppo.ts';
import { AGENT_NETWORKS, createRlAutoscaler, type RlAgentName, type RlPolicy } from './rl-autoscaler.ts';
import type { TrainConfig } from './train-config.ts';
import { initTf } from './tf.ts';
import { jsonLines } from '../../lib/json-lines.ts';

export interface TrainSessionOptions {
  agent: RlAgentName;
  steps: number;
  seed: number;
  /** Output folder: `model/` (final), `checkpoint/` (while training), `train-log.jsonl`. */
  outDir: string;
  config: TrainConfig;
  /** Called every env step with what the progress bar shows. */
  onProgress?: (p: { step: number; total: number; episodeReward: number | null; loss: number | null; epsilon?: number; lambda?: number }) => void;
}

export interface TrainSessionResult {
  modelDir: string;
  resumedFromStep: number;
  evaluation: { agent: EvaluationSummary; hpa70: EvaluationSummary } | null;
}

/** The environment config an agent trains on (the hybrids see their setpoint as an extra feature). */
export function envConfigFor(agent: RlAgentName, config: TrainConfig): EnvConfig {
  const hybrid = agent === 'hybrid' || agent === 'hybrid-constrained';
  return { ...config.env, observation: { ...config.env.observation, includeSetpoint: hybrid } };
}

/** Use from the CLI: trains (or resumes) one agent and writes its model folder. */
export async function runTrainSession(o: TrainSessionOptions): Promise<TrainSessionResult> {
  const backend = await initTf();
  const envConfig = envConfigFor(o.agent, o.config);
  const env = createScalingEnv(envConfig);
  const networkNames = AGENT_NETWORKS[o.agent];
  const checkpointDir = join(o.outDir, 'checkpoint');
  const modelDir = join(o.outDir, 'model');
  const logPath = join(o.outDir, 'train-log.jsonl');
  const savedConfig = { agent: o.agent, env: envConfig, rewardVariant: o.config.rewardVariant, dqn: o.config.dqn, ppo: o.config.ppo, hybrid: o.config.hybrid, constraint: o.config.constraint };
  const provenance = (steps: number, extra?: Record<string, unknown>, evaluation?: Record<string, unknown>): Provenance => ({
    schema: 'scalelab.rl-model/v1', agent: o.agent, observationSize: env.observationSize, actionNames: env.actions.map((a) => a.name),
    seed: o.seed, steps, config: savedConfig as unknown as Record<string, unknown>, codeVersion: codeVersion(), backend, evaluation, extra,
  });

  // ---- resume from a checkpoint of the same agent, seed and config
  let loaded: Record<string, LayersModel> | undefined;
  let startStep = 0;
  let episodeOffset = 0;
  let lambda: number | undefined;
  mkdirSync(o.outDir, { recursive: true });
  if (existsSync(checkpointDir)) {
    const p = readProvenance(checkpointDir, networkNames, env.observationSize);
    if (p.agent !== o.agent || p.seed !== o.seed || JSON.stringify(p.config) !== JSON.stringify(JSON.parse(JSON.stringify(savedConfig)))) {
      throw new ModelFilesError(`${checkpointDir} belongs to another run (agent ${p.agent}, seed ${p.seed}, or a different config); delete it or use another --out`);
    }
    loaded = (await loadAgentFiles(checkpointDir, networkNames, env.observationSize)).networks;
    startStep = p.steps;
    episodeOffset = Number(p.extra?.episodes ?? 0);
    lambda = p.extra?.lambda as number | undefined;
    const kept = existsSync(logPath) ? logLinesUpTo(readFileSync(logPath, 'utf8'), logPath, startStep) : [];
    writeFileSync(logPath, kept.map((l) => l + '\n').join(''));
  } else {
    writeFileSync(logPath, '');
  }

  let episodes = episodeOffset;
  let lastReward: number | null = null;
  let lastLoss: number | null = null;
  let epsilon: number | undefined;
  const episodeSeed = (e: number) => trainingEpisodeSeed(o.seed, episodeOffset + e);
  const log = (row: Record<string, unknown>) => {
    episodes++;
    lastReward = row.reward as number;
    lastLoss = (row.loss as number | null) ?? lastLoss;
    epsilon = row.epsilon as number | undefined;
    appendFileSync(logPath, JSON.stringify({ agent: o.agent, ...row, episode: episodeOffset + (row.episode as number) }) + '\n');
  };
  const every = o.config.checkpointEverySteps;
  const tick = async (step: number, nets: () => Record<string, LayersModel>, lam?: number) => {
    o.onProgress?.({ step, total: o.steps, episodeReward: lastReward, loss: lastLoss, epsilon, lambda: lam });
    if (step % every === 0 && step < o.steps) await saveAgentFiles(checkpointDir, nets(), provenance(step, { episodes, lambda: lam }));
  };

  // ---- train
  let networks: Record<string, LayersModel>;
  let policy: Omit<RlPolicy, 'actionNetwork' | 'headroomNetwork'>;
  const base = { agent: o.agent, actionSet: envConfig.actionSet, observation: envConfig.observation, slaLatencyMs: envConfig.plant.slaLatencyMs, periodSeconds: envConfig.decisionPeriodSeconds };
  const common = { totalSteps: o.steps, seed: o.seed, startStep, episodeSeed };
  if (o.agent === 'dqn') {
    const agent = createDqnAgent(env.observationSize, env.actionCount, o.seed, o.config.dqn, loaded?.q);
    await trainDqn(env, { ...common, config: o.config.dqn, agent, onEpisode: (l) => log({ ...l }), onStep: (s) => tick(s, () => ({ q: agent.online })) });
    networks = { q: agent.online };
    policy = base;
  } else if (o.agent === 'ppo') {
    const agent = createPpoAgent(env.observationSize, env.actionCount, o.seed, o.config.ppo, loaded && { policy: loaded.policy, value: loaded.value });
    await trainPpo(env, { ...common, config: o.config.ppo, agent, onEpisode: (l) => log({ ...l }), onStep: (s) => tick(s, () => ({ policy: agent.policy, value: agent.value })) });
    networks = { policy: agent.policy, value: agent.value };
    policy = base;
  } else {
    const agent = createHybridAgent(env.observationSize, env.actionCount, o.seed, o.config.hybrid, loaded && { q: loaded.q, policy: loaded.headroom_policy, value: loaded.headroom_value });
    const nets = () => ({ q: agent.dqn.online, headroom_policy: agent.ppo.policy, headroom_value: agent.ppo.value });
    const onEpisode = (l: HybridEpisodeLog) => log({ ...l });
    if (o.agent === 'hybrid') {
      await trainHybrid(env, { ...common, config: o.config.hybrid, agent, onEpisode, onStep: (s) => tick(s, nets) });
    } else {
      const r = await trainConstrainedHybrid(env, { ...common, config: o.config.hybrid, constraint: o.config.constraint, agent, lambda, onEpisode, onStep: (s, _a, lam) => tick(s, nets, lam) });
      lambda = r.lambda;
    }
    networks = nets();
    policy = { ...base, hybrid: o.config.hybrid, safety: o.agent === 'hybrid-constrained' ? o.config.constraint.safety : null };
  }

  // ---- greedy evaluation on evaluation seeds, HPA-70 on the same episodes
  let evaluation: TrainSessionResult['evaluation'] = null;
  if (o.config.evalEpisodes > 0) {
    const make = () => createRlAutoscaler({ ...policy, actionNetwork: o.agent === 'ppo' ? networks.policy : networks.q, headroomNetwork: networks.headroom_policy });
    const episodesConfig = envConfig.episodes;
    evaluation = {
      agent: evaluateOnEpisodes(make, o.config.evalEpisodes, episodesConfig, envConfig.plant),
      hpa70: evaluateOnEpisodes(() => createHpaAutoscaler({}, 'hpa-70'), o.config.evalEpisodes, episodesConfig, envConfig.plant),
    };
  }
  await saveAgentFiles(modelDir, networks, provenance(o.steps, { episodes, lambda }, evaluation ? { ...evaluation } : undefined));
  rmSync(checkpointDir, { recursive: true, force: true });
  return { modelDir, resumedFromStep: startStep, evaluation };
}

/** The log lines of steps ≤ `step`, as written; a last line cut by a kill is dropped, any other bad line refused. */
function logLinesUpTo(text: string, path: string, step: number): string[] {
  const kept: string[] = [];
  for (const line of jsonLines(text, { requireFinalNewline: true })) {
    if (!line.ok && line.problem === 'incomplete') break;
    if (!line.ok) throw new Error(`${path}: line ${line.lineNumber} is not valid JSON`, { cause: line.error });
    if ((line.value as { step?: number }).step! <= step) kept.push(line.text);
  }
  return kept;
}
