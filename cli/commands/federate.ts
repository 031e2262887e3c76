// `scalelab federate`: FedAvg of DQN agents trained locally on differently parameterised plants (agent/rl/federated/).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { parseTrainConfig, TrainConfigError, type TrainConfig } from '../../agent/rl/train-config.ts';
import { ModelFilesError } from '../../agent/rl/model-files.ts';
import { parsePlantFile, PlantFileError, runFederateSession, type ClientPlant } from '../../agent/rl/federated/index.ts';
import { MAX_FILE_BYTES, readInputFile } from '../../experiments/input-file.ts';
import { JsonInputError, parseStrictJson } from '../../lib/strict-json.ts';
import { MODELS_DIR } from '../../lib/paths.ts';
import { lockFolder } from '../../experiments/folder-lock.ts';
import { UserError } from '../errors.ts';
import { startProgress } from '../progress.ts';
import { checkOutDir, nonEmptyPath, staleLockNote } from '../out-dir.ts';
import { positiveInt, seedOf } from './train.ts';

/** Largest plant file, bytes (a complete PlantConfig is < 2 KB). */
const MAX_PLANT_FILE_BYTES = 64 * 1024;


function participationOf(value: string): number {
  const p = Number(value);
  if (value.trim() === '' || !(p > 0 && p <= 1)) throw new UserError(`--participation = ${JSON.stringify(value)}: expected a fraction of the clients in (0, 1]`);
  return p;
}

/** Reads --config as `scalelab train` does (same format, same defaults). */
function loadConfig(file: string | undefined): TrainConfig {
  let raw: unknown = {};
  if (file !== undefined) {
    if (!existsSync(file)) throw new UserError(`--config ${file}: no such file`);
    try {
      raw = parseStrictJson(readInputFile(file, '--config', MAX_FILE_BYTES.trainConfig));
    } catch (cause) {
      if (!(cause instanceof JsonInputError)) throw cause;
      throw new UserError(cause.syntax ? `--config ${file}: not valid JSON` : `--config ${file}: config.${cause.message}`, { cause });
    }
  }
  try {
    return parseTrainConfig(raw);
  } catch (err) {
    if (err instanceof TrainConfigError) throw new UserError(`--config ${file ?? '(defaults)'}: ${err.message}`);
    throw err;
  }
}

/** Use for --plants (also from scripts): each file read and validated over the training config's plant. */
export function loadPlantFiles(list: string, config: TrainConfig): ClientPlant[] {
  const files = list.split(',').map((f) => f.trim());
  if (files.some((f) => f === '')) throw new UserError(`--plants = ${JSON.stringify(list)}: expected comma-separated plant files with no empty entry`);
  return files.map((file) => {
    const text = readInputFile(file, 'plant file', MAX_PLANT_FILE_BYTES);
    try {
      return { file, ...parsePlantFile(text, file, config.env.plant) };
    } catch (err) {
      if (err instanceof PlantFileError) throw new UserError(err.message, { cause: err.cause });
      throw err;
    }
  });
}

/** Registers `scalelab federate`. */
export function register(program: Command): void {
  program
    .command('federate')
    .description('FedAvg: train one DQN agent over clients with differently parameterised plants (only weights cross)')
    .requiredOption('--agent <agent>', 'the agent to federate (dqn)')
    .requiredOption('--plants <files>', 'comma-separated plant files (JSON objects of plant config overrides), one client each')
    .option('--rounds <n>', 'communication rounds R', (v) => positiveInt('rounds', v), 20)
    .option('--local-steps <n>', 'env steps K each participating client trains per round', (v) => positiveInt('local-steps', v), 1200)
    .option('--participation <p>', 'fraction C of the clients drawn each round (⌈C·clients⌉ of them)', participationOf, 1)
    .option('--seed <s>', 'seed of the networks, client draws, exploration and episodes', seedOf, 1)
    .option('--config <file>', 'JSON training config as for `scalelab train` (env, dqn, evalEpisodes; dqn.numEnvs must be 1)')
    .option('--out <dir>', 'output folder (default models/federated-dqn)', nonEmptyPath)
    .addHelpText('after', `
Each round the drawn clients start from the global weights, train K env steps on their own plant and send back
only their weights; the server averages them weighted by env steps. Replay buffers, Adam moments and target
networks stay on the clients. Writes <out>/model/ (loadable wherever a trained dqn model is) and
<out>/federate-log.jsonl (one line per round). The same seed gives byte-identical weights.`)
    .action(async (o: { agent: string; plants: string; rounds: number; localSteps: number; participation: number; seed: number; config?: string; out?: string }) => {
      if (o.agent !== 'dqn') throw new UserError(`--agent = ${JSON.stringify(o.agent)}: expected dqn (the only agent federate trains)`);
      const config = loadConfig(o.config);
      if (config.dqn.numEnvs !== 1) throw new UserError(`--config ${o.config}: config.dqn.numEnvs = ${config.dqn.numEnvs}: expected 1 (each federated client trains on one environment)`);
      const plants = loadPlantFiles(o.plants, config);
      const outDir = o.out ?? join(MODELS_DIR, 'federated-dqn');
      checkOutDir(outDir);
      const lock = lockFolder(outDir, 'scalelab federate');
      const note = staleLockNote(outDir, lock.tookOverFrom);
      if (note) process.stderr.write(note);
      const progress = startProgress('federate dqn', o.rounds);
      let result: Awaited<ReturnType<typeof runFederateSession>>;
      try {
        result = await runFederateSession({
          plants, rounds: o.rounds, localSteps: o.localSteps, participation: o.participation, seed: o.seed, outDir, config,
          onRound: (log) => progress.increment(1, `clients ${log.clients.join(',')} | ε ${log.epsilon.toFixed(2)}`),
        });
      } catch (err) {
        if (err instanceof ModelFilesError || err instanceof PlantFileError) throw new UserError(err.message, { cause: err.cause });
        throw err;
      } finally {
        progress.stop();
        lock.release();
      }
      process.stdout.write(`model saved to ${result.modelDir} (${result.totalSamples} env steps over ${plants.length} clients)\n`);
      for (const e of result.evaluation) {
        const row = (name: string, s: typeof e.agent) => `  ${name.padEnd(10)} SLA-violating requests ${(s.slaViolationRateRequests * 100).toFixed(2)} %  mean pods ${s.meanPods.toFixed(2)}  cost $${s.costUsd.toFixed(4)}\n`;
        process.stdout.write(`greedy evaluation on ${e.agent.episodes} evaluation episodes of ${e.file}:\n${row('federated', e.agent)}${row('hpa-70', e.hpa70)}`);
      }
    });
}
