// One `scalelab train` run (file adapter): builds the environment and agent, resumes from the last checkpoint,
// trains with checkpoints at episode ends (networks, replay buffer or rollout, optimiser moments, λ — everything
// an exact resume needs) and a JSON Lines log, evaluates greedily on evaluation seeds (with HPA-70 on the same
// episodes for reference) and saves the final model with its provenance. A run killed at any point and resumed
// ends with the same weights, log and provenance (apart from `resumedFromSteps`) as an uninterrupted one — with
// `initFrom` too (transfer.ts: the parent's networks replace the seeded initialisation; provenance records it).
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { repoTraceLoader } from './trace-files.ts';
import { createHpaAutoscaler } from '../hpa/index.ts';
import type { RlAgentName } from './agent-names.ts';
import { AGENTS } from './agents.ts';
import { createScalingEnv, type EnvConfig } from './env.ts';
import { trainingEpisodeSeed } from './episode-sampler.ts';
import { evaluateOnEpisodes, type EvaluationSummary } from './evaluate.ts';
import { decodeLoopState, encodeLoopState, type LoopState } from './loop-state.ts';
import { codeVersion, loadAgentFiles, ModelFilesError, readProvenance, saveAgentFiles, type Provenance } from './model-files.ts';
import { createRlAutoscaler } from './rl-autoscaler.ts';
import type { TrainConfig } from './train-config.ts';
import { initTf } from './tf.ts';
import { checkFreeze, freezeNetworks, loadParent, parentRecord, type InitFrom, type ParentRecord } from './transfer.ts';
import type { Autoscaler } from '../../lib/ports.ts';
import { jsonLines } from '../../lib/json-lines.ts';

export interface TrainSessionOptions {
  agent: RlAgentName;
  steps: number;
  seed: number;
  /** Output folder: `model/` (final), `checkpoint/` (while training), `train-log.jsonl`. */
  outDir: string;
  config: TrainConfig;
  /** Transfer learning: start from this parent model's networks, optionally with early layers frozen. */
  initFrom?: InitFrom;
  /** Called after each checkpoint is saved, with the live networks (e.g. to evaluate a learning curve); must not change them. */
  onCheckpoint?: (step: number, networks: Record<string, LayersModel>) => void | Promise<void>;
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
  return { ...config.env, observation: { ...config.env.observation, includeSetpoint: AGENTS[agent].setpoint } };
}

/** A fresh deployable autoscaler of trained networks, as the session evaluates them (one per run: it keeps history). */
export function policyAutoscaler(agent: RlAgentName, config: TrainConfig, networks: Record<string, LayersModel>): Autoscaler {
  const envConfig = envConfigFor(agent, config);
  const policy = AGENTS[agent].policy(networks);
  return createRlAutoscaler({
    agent, actionSet: envConfig.actionSet, observation: envConfig.observation, slaLatencyMs: envConfig.plant.slaLatencyMs, periodSeconds: envConfig.decisionPeriodSeconds,
    actionNetwork: policy.actionNetwork, headroomNetwork: policy.headroomNetwork, hybrid: policy.hybrid ? config.hybrid : undefined,
    safety: policy.constrained ? config.constraint.safety : null,
  });
}

/** Use from the CLI: trains (or resumes) one agent and writes its model folder. */
export async function runTrainSession(o: TrainSessionOptions): Promise<TrainSessionResult> {
  const backend = await initTf();
  const entry = AGENTS[o.agent];
  const envConfig = envConfigFor(o.agent, o.config);
  const env = createScalingEnv(envConfig, { loadTrace: repoTraceLoader });
  const checkpointDir = join(o.outDir, 'checkpoint');
  const modelDir = join(o.outDir, 'model');
  const logPath = join(o.outDir, 'train-log.jsonl');
  // The code this process runs: taken once at the start (modules are loaded now; later commits do not change it).
  const version = codeVersion();
  const savedConfig = { agent: o.agent, env: envConfig, rewardVariant: o.config.rewardVariant, dqn: o.config.dqn, ppo: o.config.ppo, hybrid: o.config.hybrid, constraint: o.config.constraint, checkpointEverySteps: o.config.checkpointEverySteps };
  const actionNames = env.actions.map((a) => a.name);
  // The parent's record (files and contract checked; weights loaded only for a fresh start, below).
  if (o.initFrom) checkFreeze(o.agent, o.config, o.initFrom.freeze);
  const parent: ParentRecord | undefined = o.initFrom && parentRecord(o.initFrom, o.agent, envConfig, actionNames, env.observationSize).record;
  const provenance = (steps: number, extra: Record<string, unknown>, resumedFromSteps: number[], evaluation?: Record<string, unknown>): Provenance => ({
    schema: 'scalelab.rl-model/v1', agent: o.agent, observationSize: env.observationSize, actionNames,
    seed: o.seed, steps, config: savedConfig as unknown as Record<string, unknown>, codeVersion: version, backend, evaluation, extra, resumedFromSteps,
    ...(parent ? { parent: { ...parent } } : {}),
  });

  // ---- resume from a checkpoint of the same agent, seed, step count and config
  let loaded: Record<string, LayersModel> | undefined;
  let resume: LoopState | undefined;
  let resumedFromSteps: number[] = [];
  mkdirSync(o.outDir, { recursive: true });
  if (existsSync(checkpointDir)) {
    const p = readProvenance(checkpointDir, entry.checkpointNetworks, env.observationSize);
    if (p.agent !== o.agent || p.seed !== o.seed || p.extra?.totalSteps !== o.steps || JSON.stringify(p.config) !== JSON.stringify(JSON.parse(JSON.stringify(savedConfig)))) {
      throw new ModelFilesError(`${checkpointDir} belongs to another run (agent ${p.agent}, seed ${p.seed}, ${String(p.extra?.totalSteps)} steps, or a different config); delete it or use another --out`);
    }
    if (JSON.stringify(p.parent ?? null) !== JSON.stringify(parent ?? null)) {
      throw new ModelFilesError(`${checkpointDir} belongs to another run (its parent ${JSON.stringify(p.parent?.modelDir ?? 'none')} with --freeze ${String(p.parent?.freezeLayers ?? 0)}, or a changed parent); resume with the same --init-from and --freeze, or delete it`);
    }
    loaded = (await loadAgentFiles(checkpointDir, entry.checkpointNetworks, env.observationSize)).networks;
    freezeNetworks(loaded, parent?.freezeLayers ?? 0);
    resume = decodeLoopState(readFileSync(join(checkpointDir, 'loop-state.json'), 'utf8'), readFileSync(join(checkpointDir, 'loop-state.bin')));
    resumedFromSteps = [...(p.resumedFromSteps ?? []), resume.step];
    const kept = existsSync(logPath) ? logLinesUpTo(readFileSync(logPath, 'utf8'), logPath, resume.step) : [];
    writeFileSync(logPath, kept.map((l) => l + '\n').join(''));
  } else {
    if (o.initFrom) loaded = (await loadParent(o.initFrom, o.agent, o.config, envConfig, actionNames, env.observationSize)).networks;
    writeFileSync(logPath, '');
  }

  let episodes = resume?.episodes ?? 0;
  let lastReward: number | null = null;
  let lastLoss: number | null = null;
  let epsilon: number | undefined;
  let lambda: number | undefined = resume?.scalars.lambda ?? undefined;
  const log = (row: Record<string, unknown>) => {
    episodes++;
    lastReward = row.reward as number;
    lastLoss = (row.loss as number | null) ?? lastLoss;
    epsilon = row.epsilon as number | undefined;
    if (typeof row.lambda === 'number') lambda = row.lambda;
    appendFileSync(logPath, JSON.stringify({ agent: o.agent, ...row }) + '\n');
  };
  const networks = await entry.train({
    env, makeEnv: () => createScalingEnv(envConfig, { loadTrace: repoTraceLoader }), config: o.config, seed: o.seed, totalSteps: o.steps, loaded, resume,
    episodeSeed: (e) => trainingEpisodeSeed(o.seed, e),
    onEpisode: log,
    onStep: (step) => o.onProgress?.({ step, total: o.steps, episodeReward: lastReward, loss: lastLoss, epsilon, lambda }),
    checkpoint: (nets) => ({
      everySteps: o.config.checkpointEverySteps,
      async save(state) {
        const { json, bin } = encodeLoopState(state);
        await saveAgentFiles(checkpointDir, nets(), provenance(state.step, { episodes: state.episodes, totalSteps: o.steps }, resumedFromSteps), { 'loop-state.json': json, 'loop-state.bin': bin });
        await o.onCheckpoint?.(state.step, nets());
      },
    }),
  });

  // ---- greedy evaluation on evaluation seeds, HPA-70 on the same episodes
  let evaluation: TrainSessionResult['evaluation'] = null;
  if (o.config.evalEpisodes > 0) {
    const make = () => policyAutoscaler(o.agent, o.config, networks);
    evaluation = {
      agent: evaluateOnEpisodes(make, o.config.evalEpisodes, envConfig.episodes, envConfig.plant, repoTraceLoader),
      hpa70: evaluateOnEpisodes(() => createHpaAutoscaler({}, 'hpa-70'), o.config.evalEpisodes, envConfig.episodes, envConfig.plant, repoTraceLoader),
    };
  }
  await saveAgentFiles(modelDir, networks, provenance(o.steps, { episodes, lambda }, resumedFromSteps, evaluation ? { ...evaluation } : undefined));
  rmSync(checkpointDir, { recursive: true, force: true });
  return { modelDir, resumedFromStep: resume?.step ?? 0, evaluation };
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
