// `scalelab model inspect MODEL_DIR` and `scalelab model diff A B`: what a trained model is and does
// (experiments/model-inspect does the work; this file parses flags and renders).
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { checkOutDir, nonEmptyPath } from '../out-dir.ts';
import { addOutputOption, formatOutput, type OutputFormat } from '../output.ts';
import { MODELS_DIR, REPORTS_OUT_DIR } from '../../lib/paths.ts';
import type { InspectableModel, ScenarioChoice } from '../../experiments/model-inspect/index.ts';

interface ScenarioFlags { scenario: string; baseRps: string; peakRps: string; duration: string; seed: string }

function positive(flag: string, value: string, integer = false): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)) || n > 1e6) throw new UserError(`${flag}: got "${value}", expected ${integer ? 'an integer' : 'a number'} > 0 and ≤ 1e6`);
  return n;
}

async function scenarioFrom(f: ScenarioFlags): Promise<ScenarioChoice> {
  const { checkScenario } = await import('../../experiments/model-inspect/index.ts');
  try {
    checkScenario(f.scenario);
  } catch (err) {
    throw new UserError((err as Error).message);
  }
  const s = { scenario: f.scenario, baseRps: positive('--base-rps', f.baseRps), peakRps: positive('--peak-rps', f.peakRps), durationSeconds: positive('--duration', f.duration, true), seed: positive('--seed', f.seed, true) };
  if (s.peakRps < s.baseRps) throw new UserError(`--peak-rps: got ${f.peakRps}, expected at least --base-rps (${f.baseRps})`);
  if (s.durationSeconds < 60) throw new UserError(`--duration: got "${f.duration}", expected at least 60 seconds (four decisions)`);
  return s;
}

/** MODEL_DIR may be the model folder, the folder holding `model/`, or a committed model's name (models/<name>). */
export function resolveModelDir(arg: string): string {
  for (const dir of [join(arg, 'model'), arg, join(MODELS_DIR, arg, 'model')]) if (existsSync(join(dir, 'provenance.json'))) return resolve(dir);
  throw new UserError(`MODEL_DIR: no provenance.json in ${arg} or ${join(arg, 'model')} (expected a model folder such as models/hybrid/model, models/hybrid or hybrid)`);
}

async function load(arg: string): Promise<InspectableModel> {
  const { loadInspectableModel } = await import('../../experiments/model-inspect/index.ts');
  const { ModelFilesError } = await import('../../agent/rl/index.ts');
  try {
    return await loadInspectableModel(resolveModelDir(arg));
  } catch (err) {
    if (err instanceof ModelFilesError) throw new UserError(`MODEL_DIR ${arg}: ${err.message}`, { cause: err.cause });
    throw err;
  }
}

/** A path as the user reads it: relative to the working directory when inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') ? rel : path;
}

/** The name a model is shown by: its folder's name (models/hybrid/model → hybrid). */
const modelName = (dir: string) => (basename(dir) === 'model' ? basename(dirname(dir)) : basename(dir));

const addScenarioOptions = (c: Command) =>
  c
    .option('--scenario <name>', 'thesis scenario: steady, gradual-ramp, sudden-spike, daily-pattern, idle-periods, flash-crowd', 'sudden-spike')
    .option('--base-rps <n>', 'base rate, req/s', '100')
    .option('--peak-rps <n>', 'peak rate, req/s', '600')
    .option('--duration <s>', 'simulated seconds', '1800')
    .option('--seed <n>', 'plant seed (Poisson arrivals, start-up delays)', '1');

/** Registers `scalelab model inspect|diff`. */
export function register(program: Command): void {
  const model = program.command('model').description('inspect a trained RL model, or compare two');
  const inspect = model
    .command('inspect')
    .description('provenance, spaces, action histogram and reward terms over a scenario, the policy over two features and the decisions over time (SVG), the hybrid\'s PPO headroom')
    .argument('<model_dir>', 'a model folder (models/hybrid/model), its parent (models/hybrid) or a committed model\'s name (hybrid)');
  addOutputOption(addScenarioOptions(inspect))
    .option('--features <x,y>', 'the two features of the policy chart (names as in the observation list)', 'rps,pods')
    .option('--out <dir>', 'folder for the charts (default reports/out/model-inspect/<model>)', nonEmptyPath)
    .action(async (arg: string, flags: ScenarioFlags & { features: string; out?: string; output: OutputFormat }) => {
      const scenario = await scenarioFrom(flags);
      const [x, y, ...rest] = flags.features.split(',').map((s) => s.trim());
      if (!x || !y || rest.length > 0) throw new UserError(`--features: got "${flags.features}", expected two feature names, e.g. rps,pods`);
      const m = await load(arg);
      const { inspectModel, checkFeatures } = await import('../../experiments/model-inspect/index.ts');
      try {
        checkFeatures(m, x, y);
      } catch (err) {
        throw new UserError((err as Error).message);
      }
      const name = modelName(m.dir);
      const out = resolve(flags.out ?? join(REPORTS_OUT_DIR, 'model-inspect', name));
      checkOutDir(out);
      const inspection = inspectModel(m, scenario, { x, y });
      const { writeInspectionCharts } = await import('./model-charts.ts');
      const charts = await writeInspectionCharts(inspection, { name, actionSet: m.env.actionSet, slaLatencyMs: m.env.plant.slaLatencyMs, periodSeconds: m.env.decisionPeriodSeconds, out });
      const { formatInspection } = await import('./model-format.ts');
      process.stdout.write(formatOutput(flags.output, { ...inspection, charts }, () => `${formatInspection({ ...inspection, model: { ...inspection.model, dir: shown(inspection.model.dir) } }, Object.fromEntries(Object.entries(charts).map(([k, v]) => [k, shown(v)])))}\n`));
    });
  const diff = model
    .command('diff')
    .description('compare two models\' decisions on the same observations of a scenario (A drives the plant, B is asked at every decision)')
    .argument('<a>', 'model A (folder or committed name)')
    .argument('<b>', 'model B');
  addOutputOption(addScenarioOptions(diff)).action(async (a: string, b: string, flags: ScenarioFlags & { output: OutputFormat }) => {
    const scenario = await scenarioFrom(flags);
    const [ma, mb] = [await load(a), await load(b)];
    const { diffModels } = await import('../../experiments/model-inspect/index.ts');
    let result;
    try {
      result = diffModels(ma, mb, scenario);
    } catch (err) {
      if (err instanceof RangeError) throw new UserError(err.message);
      throw err;
    }
    const { formatDiff } = await import('./model-format.ts');
    process.stdout.write(formatOutput(flags.output, result, () => `${formatDiff(result, modelName(ma.dir), modelName(mb.dir))}\n`));
  });
}
