// `scalelab train AGENT` and `scalelab tune-reward`: train the RL autoscalers on the simulator (agent/rl/).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { parseTrainConfig, TrainConfigError, type TrainConfig } from '../../agent/rl/train-config.ts';
import { TRAIN_LIMITS } from '../../agent/rl/train-config-schema.ts';
import { ModelFilesError } from '../../agent/rl/model-files.ts';
import { RL_AGENTS, type RlAgentName } from '../../agent/rl/rl-autoscaler.ts';
import { runTrainSession } from '../../agent/rl/train-session.ts';
import { resolveModelDir } from '../../agent/rl/transfer.ts';
import { tuneReward } from '../../agent/rl/tune-reward.ts';
import { MAX_FILE_BYTES, readInputFile } from '../../experiments/input-file.ts';
import { JsonInputError, parseStrictJson } from '../../lib/strict-json.ts';
import { UserError } from '../errors.ts';
import { startProgress } from '../progress.ts';
import { checkOutDir, nonEmptyPath, staleLockNote } from '../out-dir.ts';
import { lockFolder } from '../../experiments/folder-lock.ts';
import { MODELS_DIR } from '../../lib/paths.ts';

/** Largest value of each integer flag (TRAIN_LIMITS beside the schema; bootstrap resamples as `cost` caps them). */
const FLAG_LIMITS: Record<string, number> = { steps: TRAIN_LIMITS.totalSteps, 'local-steps': TRAIN_LIMITS.totalSteps, trials: TRAIN_LIMITS.trials, rounds: TRAIN_LIMITS.trials, resamples: 1_000_000 };

/** commander argParser of --steps, --trials, --rounds, --local-steps and --resamples: a positive integer within its limit. */
export function positiveInt(name: string, value: string): number {
  const n = Number(value);
  const max = FLAG_LIMITS[name] ?? Number.MAX_SAFE_INTEGER;
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > max) throw new UserError(`--${name} = ${JSON.stringify(value)}: expected a positive integer ≤ ${max}`);
  return n;
}

/** commander argParser of --freeze. */
function nonNegativeInt(name: string, value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new UserError(`--${name} = ${JSON.stringify(value)}: expected a non-negative integer`);
  return n;
}

/** commander argParser of --seed. */
export function seedOf(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n)) throw new UserError(`--seed = ${JSON.stringify(value)}: expected a non-negative integer`);
  return n;
}

/** Reads and validates --config before any training starts (also `scalelab transfer-study`'s). */
export function loadConfig(file: string | undefined): TrainConfig {
  let raw: unknown = {};
  if (file !== undefined) {
    if (!existsSync(file)) throw new UserError(`--config ${file}: no such file`);
    const text = readInputFile(file, '--config', MAX_FILE_BYTES.trainConfig);
    try {
      raw = parseStrictJson(text);
    } catch (cause) {
      if (!(cause instanceof JsonInputError)) throw cause;
      if (cause.syntax) throw new UserError(`--config ${file}: not valid JSON`, { cause });
      throw new UserError(`--config ${file}: config.${cause.message}`);
    }
  }
  try {
    return parseTrainConfig(raw);
  } catch (err) {
    if (err instanceof TrainConfigError) throw new UserError(`--config ${file ?? '(defaults)'}: ${err.message}`);
    throw err;
  }
}

/** Registers `scalelab train` and `scalelab tune-reward`. */
export function register(program: Command): void {
  program
    .command('train')
    .description(`train an RL autoscaler on the simulator (${RL_AGENTS.join(', ')})`)
    .argument('<agent>', `one of ${RL_AGENTS.join(', ')}`)
    .option('--steps <n>', 'environment steps (decisions of 15 s)', (v) => positiveInt('steps', v), 20000)
    .option('--seed <s>', 'seed of the networks, exploration and training episodes', seedOf, 1)
    .option('--config <file>', 'JSON training config (env, rewardVariant, dqn, ppo, hybrid, constraint, checkpointEverySteps, evalEpisodes)')
    .option('--out <dir>', 'output folder (default models/<agent>)', nonEmptyPath)
    .option('--init-from <model-dir>', 'transfer learning: start from this trained model (models/<name> or its model/ folder) of the same agent type, observation contract and network shape', nonEmptyPath)
    .option('--freeze <n>', 'with --init-from: keep the first n dense layers of every network as the parent left them (0 = fine-tune all)', (v) => nonNegativeInt('freeze', v))
    .addHelpText(
      'after',
      `
Writes <out>/model/ (model.json + weights.bin per network, provenance.json), <out>/train-log.jsonl (one line per
episode) and, while running, <out>/checkpoint/ — a killed run resumes from it when started again with the same
agent, seed and config. Saves are atomic: the last good model is never replaced by a half-written one.
With --init-from the parent's weights (SHA-256 verified) replace the seeded initialisation; provenance.json
records the parent (folder, provenance and weights hashes, --freeze). DQN's target network starts as a copy.`,
    )
    .action(async (agentArg: string, options: { steps: number; seed: number; config?: string; out?: string; initFrom?: string; freeze?: number }) => {
      if (!(RL_AGENTS as readonly string[]).includes(agentArg)) throw new UserError(`agent = ${JSON.stringify(agentArg)}: expected one of ${RL_AGENTS.join(', ')}`);
      const agent = agentArg as RlAgentName;
      const { steps, seed } = options;
      const config = loadConfig(options.config);
      if (options.freeze !== undefined && options.initFrom === undefined) throw new UserError('--freeze needs --init-from (only a transferred network has layers worth freezing)');
      const initFrom = options.initFrom === undefined ? undefined : { modelDir: options.initFrom, freeze: options.freeze ?? 0 };
      const outDir = options.out ?? join(MODELS_DIR, agent);
      if (initFrom && resolve(resolveModelDir(initFrom.modelDir)) === resolve(outDir, 'model')) throw new UserError(`--init-from ${initFrom.modelDir} is the model --out ${outDir} would replace; write the fine-tuned model to another --out`);
      checkOutDir(outDir);
      // One writer per model folder: a second `train` into it is refused (exit 2) instead of interleaving logs.
      const lock = lockFolder(outDir, `scalelab train ${agent}`);
      const note = staleLockNote(outDir, lock.tookOverFrom);
      if (note) process.stderr.write(note);
      const progress = startProgress(`train ${agent}`, steps);
      const started = performance.now();
      let last = -1;
      let first = 0;
      let result: Awaited<ReturnType<typeof runTrainSession>>;
      try {
        result = await runTrainSession({
          agent, steps, seed, outDir, config, initFrom,
          onProgress(p) {
            if (last < 0) {
              first = last = p.step - 1; // resumed runs start past 0
              progress.increment(first);
            }
            if (p.step - last < 100 && p.step !== p.total) return;
            const rate = (p.step - first) / ((performance.now() - started) / 1000);
            const parts = [`${rate.toFixed(0)} steps/s`, `ep reward ${p.episodeReward?.toFixed(1) ?? '-'}`, `loss ${p.loss?.toFixed(3) ?? '-'}`];
            if (p.lambda !== undefined) parts.push(`λ ${p.lambda.toFixed(2)}`);
            else if (p.epsilon !== undefined) parts.push(`ε ${p.epsilon.toFixed(2)}`);
            progress.increment(p.step - last, parts.join(' | '));
            last = p.step;
          },
        });
      } catch (err) {
        if (err instanceof ModelFilesError) throw new UserError(err.message, { cause: err.cause });
        throw err;
      } finally {
        progress.stop();
        lock.release();
      }
      const e = result.evaluation;
      process.stdout.write(`model saved to ${result.modelDir}${result.resumedFromStep ? ` (resumed from step ${result.resumedFromStep})` : ''}\n`);
      if (e) {
        const row = (name: string, s: typeof e.agent) =>
          `${name.padEnd(20)} SLA-violating requests ${(s.slaViolationRateRequests * 100).toFixed(2)} %  mean pods ${s.meanPods.toFixed(2)}  cost $${s.costUsd.toFixed(4)}\n`;
        process.stdout.write(`greedy evaluation on ${e.agent.episodes} evaluation episodes:\n${row(agent, e.agent)}${row('hpa-70', e.hpa70)}`);
      }
    });

  program
    .command('tune-reward')
    .description('Bayesian optimisation (GP Matérn 5/2 + EI) of the reward weights over short DQN trainings')
    .option('--trials <n>', 'training runs', (v) => positiveInt('trials', v), 8)
    .option('--steps <n>', 'DQN steps per trial', (v) => positiveInt('steps', v), 5000)
    .option('--seed <s>', 'seed', seedOf, 1)
    .option('--config <file>', 'JSON training config the trials start from')
    .option('--out <dir>', 'folder for tune-trials.jsonl and best-reward.json (default: the repository\'s models/tune-reward)', nonEmptyPath)
    .action(async (options: { trials: number; steps: number; seed: number; config?: string; out?: string }) => {
      const out = options.out ?? join(MODELS_DIR, 'tune-reward');
      const { trials, steps, seed } = options;
      const config = loadConfig(options.config);
      checkOutDir(out);
      const lock = lockFolder(out, 'scalelab tune-reward');
      const note = staleLockNote(out, lock.tookOverFrom);
      if (note) process.stderr.write(note);
      const progress = startProgress('tune-reward', trials);
      const lines: string[] = [];
      let result: Awaited<ReturnType<typeof tuneReward>>;
      try {
        result = await tuneReward({
          trials, steps, seed, config,
          onTrial(t) {
            lines.push(JSON.stringify(t));
            writeFileSync(join(out, 'tune-trials.jsonl'), lines.join('\n') + '\n');
            progress.increment(1, `objective ${t.objective.toFixed(3)}`);
          },
        });
        writeFileSync(join(out, 'best-reward.json'), JSON.stringify({ env: { reward: result.best.weights } }, null, 2) + '\n');
      } finally {
        progress.stop();
        lock.release();
      }
      // best-reward.json is usable as `scalelab train AGENT --config best-reward.json`.
      process.stdout.write(`best weights ${JSON.stringify(result.best.weights)} (objective ${result.best.objective.toFixed(4)}); written to ${join(out, 'best-reward.json')}\n`);
    });
}
