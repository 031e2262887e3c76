// One `scalelab train` run (file adapter): builds the environment and agent, resumes from the last checkpoint,
// trains with checkpoints at episode ends (networks, replay buffer or rollout, optimiser moments, λ — everything
// an exact resume needs) and a JSON Lines log, evaluates greedily on evaluation seeds (with HPA-70 on the same
// episodes for reference) and saves the final model with its provenance. A run killed at any point and resumed
// ends with the same weights, log and provenance (apart from `resumedFromSteps`) as an uninterrupted one.
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
  return { ...config.env, observation: { ...config.env.observation, includeSetpoint: AGENTS[agent].setpoint } };
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
  const provenance = (steps: number, extra: Record<string, unknown>, resumedFromSteps: number[], evaluation?: Record<string, unknown>): Provenance => ({
    schema: 'scalelab.rl-model/v1', agent: o.agent, observationSize: env.observationSize, actionNames: env.actions.map((a) => a.name),
    seed: o.seed, steps, config: savedConfig as unknown as Record<string, unknown>, codeVersion: version, backend, evaluation, extra, resumedFromSteps,
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
    loaded = (await loadAgentFiles(checkpointDir, entry.checkpointNetworks, env.observationSize)).networks;
    resume = decodeLoopState(readFileSync(join(checkpointDir, 'loop-state.json'), 'utf8'), readFileSync(join(checkpointDir, 'loop-state.bin')));
    resumedFromSteps = [...(p.resumedFromSteps ?? []), resume.step];
    const kept = existsSync(logPath) ? logLinesUpTo(readFileSync(logPath, 'utf8'), logPath, resume.step) : [];
    writeFileSync(logPath, kept.map((l) => l + '\n').join(''));
  } else {
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
      },
    }),
  });

  // ---- greedy evaluation on evaluation seeds, HPA-70 on the same episodes
  let evaluation: TrainSessionResult['evaluation'] = null;
  const policy = entry.policy(networks);
  if (o.config.evalEpisodes > 0) {
    const make = () => createRlAutoscaler({
      agent: o.agent, actionSet: envConfig.actionSet, observation: envConfig.observation, slaLatencyMs: envConfig.plant.slaLatencyMs, periodSeconds: envConfig.decisionPeriodSeconds,
      actionNetwork: policy.actionNetwork, headroomNetwork: policy.headroomNetwork, hybrid: policy.hybrid ? o.config.hybrid : undefined,
      safety: policy.constrained ? o.config.constraint.safety : null,
    });
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
