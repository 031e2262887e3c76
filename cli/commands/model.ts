// `scalelab model inspect MODEL_DIR` and `scalelab model diff A B`: what a trained model is and does
// (experiments/model-inspect does the work; this file parses flags and renders).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { MODELS_DIR, REPORTS_OUT_DIR } from '../../lib/paths.ts';
import { addOutputOption, formatOutput, type OutputFormat } from '../output.ts';
import type { ScenarioChoice } from '../../experiments/model-inspect/rollout.ts';


interface ScenarioFlags { scenario: string; baseRps: string; peakRps: string; duration: string; seed: string }

function positive(flag: string, value: string, integer = false): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)) || n > 1e6) throw new UserError(`${flag}: got "${value}", expected ${integer ? 'an integer' : 'a number'} > 0 and ≤ 1e6`);
  return n;
}

async function scenarioFrom(f: ScenarioFlags): Promise<ScenarioChoice> {
  const { checkScenario } = await import('../../experiments/model-inspect/rollout.ts');
  try {
    checkScenario(f.scenario);
  } catch (err) {
    throw new UserError((err as Error).message);
  }
  const s = { scenario: f.scenario, baseRps: positive('--base-rps', f.baseRps), peakRps: positive('--peak-rps', f.peakRps), durationSeconds: positive('--duration', f.duration, true), seed: positive('--seed', f.seed, true) };
  if (s.durationSeconds < 60) throw new UserError(`--duration: got "${f.duration}", expected at least 60 seconds (four decisions)`);
  return s;
}

/** MODEL_DIR may be the model folder, the folder holding `model/`, or a committed model's name (models/<name>). */
export function resolveModelDir(arg: string): string {
  for (const dir of [join(arg, 'model'), arg, join(MODELS_DIR, arg, 'model')]) if (existsSync(join(dir, 'provenance.json'))) return resolve(dir);
  throw new UserError(`MODEL_DIR: no provenance.json in ${arg} or ${join(arg, 'model')} (expected a model folder such as models/hybrid/model, models/hybrid or hybrid)`);
}

async function load(arg: string) {
  const { loadInspectableModel } = await import('../../experiments/model-inspect/model-decider.ts');
  const { ModelFilesError } = await import('../../agent/rl/index.ts');
  try {
    return await loadInspectableModel(resolveModelDir(arg));
  } catch (err) {
    if (err instanceof ModelFilesError) throw new UserError(`MODEL_DIR ${arg}: ${err.message}`, { cause: err });
    throw err;
  }
}

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
  addOutputOption(addScenarioOptions(
    model
      .command('inspect')
      .description('provenance, spaces, action histogram and reward terms over a scenario, the policy over two features (SVG), the hybrid\'s headroom over time')
      .argument('<model_dir>', 'a model folder (models/hybrid/model), its parent (models/hybrid) or a committed model\'s name (hybrid)'),
  ), 'print the inspection as JSON (same as -o json)')
    .option('--grid <x,y>', 'the two features of the policy chart', 'rps,pods')
    .option('--out <dir>', 'folder for the charts (default reports/out/model-inspect/<model>)')
    .action(async (arg: string, flags: ScenarioFlags & { grid: string; out?: string; output: OutputFormat }) => {
      const scenario = await scenarioFrom(flags);
      const [x, y, ...rest] = flags.grid.split(',').map((s) => s.trim());
      if (!x || !y || rest.length > 0) throw new UserError(`--grid: got "${flags.grid}", expected two feature names, e.g. rps,pods`);
      const m = await load(arg);
      const { inspectModel } = await import('../../experiments/model-inspect/inspect-model.ts');
      let inspection;
      try {
        inspection = inspectModel(m, scenario, { x, y });
      } catch (err) {
        if (err instanceof RangeError) throw new UserError(err.message);
        throw err;
      }
      const name = basename(m.dir) === 'model' ? basename(dirname(m.dir)) : basename(m.dir);
      const out = resolve(flags.out ?? join(REPORTS_OUT_DIR, 'model-inspect', name));
      mkdirSync(out, { recursive: true });
      const { policyGridSvg, headroomSvg } = await import('../../reports/charts/policy-charts.ts');
      const charts: Record<string, string> = {};
      charts.policyGrid = join(out, 'policy-grid.svg');
      writeFileSync(charts.policyGrid, await policyGridSvg({ ...inspection.grid, actions: inspection.actions, title: `${name}: greedy action over ${x} × ${y} (others at their ${scenario.scenario} median)` }));
      if (inspection.headroom) {
        charts.headroom = join(out, 'headroom.svg');
        writeFileSync(charts.headroom, await headroomSvg({ points: inspection.headroom, title: `${name}: PPO headroom over ${scenario.scenario}` }));
      }
      const { formatInspection } = await import('./model-format.ts');
      process.stdout.write(formatOutput(flags.output, { ...inspection, charts }, () => `${formatInspection(inspection, charts)}\n`));
    });
  addOutputOption(addScenarioOptions(
    model
      .command('diff')
      .description('compare two models\' decisions on the same observations of a scenario (A drives the plant)')
      .argument('<a>', 'model A (folder or committed name)')
      .argument('<b>', 'model B'),
  ), 'print the comparison as JSON (same as -o json)')
    .action(async (a: string, b: string, flags: ScenarioFlags & { output: OutputFormat }) => {
      const scenario = await scenarioFrom(flags);
      const [ma, mb] = [await load(a), await load(b)];
      const { diffModels } = await import('../../experiments/model-inspect/diff-models.ts');
      const diff = diffModels(ma, mb, scenario);
      const { formatDiff } = await import('./model-format.ts');
      process.stdout.write(formatOutput(flags.output, diff, () => `${formatDiff(diff)}\n`));
    });
}
