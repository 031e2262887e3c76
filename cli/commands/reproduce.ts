// `scalelab reproduce [n30] [--quick] [--out DIR] [--records FILE] [--retrain]`: the thesis tables end to end.
// n30 → T4 on the thesis-compatible plant; then the standard experiment on the realistic plant (via the
// runner), T4 there, T1–T3, charts and the report under reports/out/<experiment>/.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { spawnSync } from 'node:child_process';
import type { Command } from 'commander';
import { runThesisStudy, thesisPerTraceCsv } from '../../sim/thesis/index.ts';
import { analyzeN30, buildReportContent, checkRecords, modelFactsFromLog, renderTableText, writeReport, type EpisodeLog, type ModelFacts } from '../../reports/index.ts';
import type { RunRecord } from '../../lib/ports.ts';
import type { ExperimentDef, LoadedExperiment } from '../../experiments/index.ts';
import { UserError } from '../errors.ts';
import { startProgress } from '../progress.ts';
import { checkOutDir } from '../out-dir.ts';
import { readTunedFrontierInput } from './cost.ts';

export interface ReproduceOptions {
  quick?: boolean;
  out?: string;
  records?: string;
  retrain?: boolean;
  trainingLogs?: string;
}

const say = (text: string): void => void process.stdout.write(`${text}\n`);

/** `reproduce n30`: runs the 30-trace study, prints T4 and optionally writes DIR/n30-per-trace.csv. */
export function reproduceN30(options: { out?: string; resamples?: number } = {}): ReturnType<typeof analyzeN30> {
  const rows = runThesisStudy();
  const analysis = analyzeN30(rows, { resamples: options.resamples });
  if (options.out) {
    mkdirSync(options.out, { recursive: true });
    writeFileSync(join(options.out, 'n30-per-trace.csv'), thesisPerTraceCsv(rows));
  }
  return analysis;
}

/** Reads a records.jsonl leniently: every line parsed, bad lines named; checkRecords decides what is usable. */
export function readRecordsFile(path: string): unknown[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UserError(`cannot read records file ${path}`, { cause: err });
  }
  const out: unknown[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      out.push(JSON.parse(line));
    } catch (err) {
      throw new UserError(`${path}: line ${i + 1} is not valid JSON (expected one RunRecord per line)`, { cause: err });
    }
  });
  return out;
}

/**
 * RL training logs: every *.jsonl under `dir` whose lines look like { agent?, episode, reward } (records files are
 * skipped). A log inside a model folder (`dir/<name>/…`) is labelled <name>: three DQN variants (dqn, dqn-weak-sla,
 * dqn-balanced) all write `agent: "dqn"` and must not merge into one curve. Logs directly in `dir` use `agent`.
 */
export function readTrainingLogs(dir: string): EpisodeLog[] {
  if (!existsSync(dir)) return [];
  const logs: EpisodeLog[] = [];
  const walk = (d: string, top: string | null): void => {
    for (const entry of readdirSync(d)) {
      const full = join(d, entry);
      if (statSync(full).isDirectory()) walk(full, top ?? entry);
      else if (entry.endsWith('.jsonl')) {
        for (const line of readFileSync(full, 'utf8').split('\n')) {
          if (!line.trim()) continue;
          try {
            const v = JSON.parse(line) as Partial<EpisodeLog>;
            const agent = top ?? (typeof v.agent === 'string' ? v.agent : basename(d));
            if (typeof v.episode === 'number' && typeof v.reward === 'number') logs.push({ agent, episode: v.episode, reward: v.reward });
          } catch {
            break; // not a training log
          }
        }
      }
    }
  };
  walk(dir, null);
  return logs;
}

/** Where experiment definitions live: an autoscaler spec's `model` path is relative to it. */
const DEFS_DIR = join(import.meta.dirname, '..', '..', 'experiments', 'defs');

/**
 * λ converged (and the log it came from) for every autoscaler in `records` that ran a trained model: the
 * record's config names the spec; its model is `spec.model` relative to `defsDir`, else models/<type>/model;
 * the training log is train-log.jsonl beside that model folder. Autoscalers without a log are left out.
 */
export function readModelFacts(records: readonly RunRecord[], defsDir = DEFS_DIR, modelsDir = MODELS_DIR): Record<string, ModelFacts> {
  const facts: Record<string, ModelFacts> = {};
  for (const r of records) {
    if (r.autoscaler in facts) continue;
    const spec = (r.config as { autoscaler?: { type?: unknown; model?: unknown } } | undefined)?.autoscaler;
    if (!spec || typeof spec.type !== 'string') continue;
    const modelDir = typeof spec.model === 'string' ? resolve(defsDir, spec.model) : join(modelsDir, spec.type, 'model');
    const log = join(dirname(modelDir), 'train-log.jsonl');
    if (!existsSync(log)) continue;
    const rows: Record<string, unknown>[] = [];
    for (const line of readFileSync(log, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      try {
        rows.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        throw new UserError(`${log}: a line is not valid JSON (expected one training episode per line)`);
      }
    }
    facts[r.autoscaler] = modelFactsFromLog(rows, relative(process.cwd(), log) || log);
  }
  return facts;
}

/** What the realistic-plant step produced. */
interface ExperimentRun {
  experiment: string;
  records: unknown[];
  description: string;
  /** Autoscalers of the experiment that could not be built (e.g. no trained model yet). */
  skipped: string[];
  /** The runner's records.jsonl, when it wrote one. */
  recordsPath?: string;
}

// The runner and the autoscaler registry are imported lazily: `reproduce n30` needs neither, and a runner that
// cannot load is reported (the realistic rows then say "not available") instead of hiding T4.

/** The experiment T1–T3 and the realistic T4 come from (DESIGN.md: `scalelab run standard`). */
export const REPRODUCE_EXPERIMENT = 'standard';

/** --quick: 2 seeds, the first 2 scenarios, at most 10 simulated minutes each. */
export function quickVariant(def: ExperimentDef): ExperimentDef {
  return {
    ...def,
    name: `${def.name}-quick`,
    seeds: def.seeds.slice(0, 2),
    scenarios: def.scenarios.slice(0, 2).map((s) => ({ ...s, durationSeconds: Math.min(s.durationSeconds ?? 600, 600) })),
  };
}

/** Trained agents with report rows: record name → autoscaler type; the model is models/<name>/model. */
export const RL_ROWS: [name: string, type: string][] = [
  ['dqn', 'dqn'], ['ppo', 'ppo'], ['hybrid', 'hybrid'], ['hybrid-constrained', 'hybrid-constrained'], ['dqn-weak-sla', 'dqn'], ['dqn-balanced', 'dqn'],
];
const MODELS_DIR = join(import.meta.dirname, '..', '..', 'models');

/**
 * Adds every trained agent of RL_ROWS whose model exists and that the experiment does not already run; the
 * experiment is then named `<name>-rl` so its records never mix with a plain `scalelab run <name>`.
 */
export function withTrainedAgents(def: ExperimentDef, baseDir: string, modelsDir = MODELS_DIR): { def: ExperimentDef; added: string[] } {
  const have = new Set(def.autoscalers.map((a) => a.name));
  const extra = RL_ROWS.filter(([name]) => !have.has(name) && existsSync(join(modelsDir, name, 'model', 'provenance.json')));
  if (extra.length === 0) return { def, added: [] };
  const autoscalers = [...def.autoscalers, ...extra.map(([name, type]) => ({ name, type, model: relative(baseDir, join(modelsDir, name, 'model')) }))];
  return { def: { ...def, name: `${def.name}-rl`, autoscalers }, added: extra.map(([name]) => name) };
}

/** Runs the standard experiment (or its quick variant) through the runner; autoscalers that cannot be built yet are left out and named. */
async function runStandardExperiment(options: { quick?: boolean; outDir?: string }): Promise<ExperimentRun> {
  let runner: typeof import('../../experiments/index.ts');
  let registry: typeof import('../../agent/index.ts');
  try {
    runner = await import('../../experiments/index.ts');
    registry = await import('../../agent/index.ts');
  } catch (err) {
    process.stderr.write(`scalelab reproduce: warning: the experiment runner could not be loaded: ${(err as Error).message.split('\n')[0]}\n`);
    return { experiment: REPRODUCE_EXPERIMENT, records: [], skipped: [], description: `the experiment runner could not be loaded (${(err as Error).message}), so every realistic-plant row is "not available"` };
  }
  let loaded: LoadedExperiment;
  try {
    loaded = await runner.loadExperiment(REPRODUCE_EXPERIMENT);
  } catch (err) {
    const why = (err as Error).message.split('\n')[0];
    process.stderr.write(`scalelab reproduce: warning: experiment ${REPRODUCE_EXPERIMENT} not run: ${why}\n`);
    return { experiment: REPRODUCE_EXPERIMENT, records: [], skipped: [`experiment ${REPRODUCE_EXPERIMENT} not run: ${why}`], description: `the ${REPRODUCE_EXPERIMENT} experiment could not be loaded (${why}), so every realistic-plant row is "not available"` };
  }
  const trained = withTrainedAgents(loaded.def, loaded.baseDir);
  let def = options.quick ? quickVariant(trained.def) : trained.def;
  const skipped: string[] = [];
  const usable: ExperimentDef['autoscalers'] = [];
  for (const spec of def.autoscalers) {
    try {
      await registry.createAutoscaler(spec, { baseDir: loaded.baseDir });
      usable.push(spec);
    } catch (err) {
      skipped.push(`autoscaler ${spec.name} (type ${spec.type}) left out of the run: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  def = { ...def, autoscalers: usable };
  const outDir = options.outDir ?? join('reports', 'out', def.name);
  const workers = Math.max(1, Math.min(availableParallelism(), 4));
  const runOnce = () => runner.runExperiment({ def, outDir, baseDir: loaded.baseDir, workers, quiet: process.env.SCALELAB_QUIET === '1' });
  let result: Awaited<ReturnType<typeof runOnce>>;
  try {
    result = await runOnce();
  } catch (err) {
    // Records of older code or another configuration are never mixed in: move them aside (kept, not deleted) and rerun.
    const message = (err as Error).message;
    if (!/another version of the simulator|run with another configuration|is not part of this experiment/.test(message)) throw err;
    const stale = join(outDir, 'records.jsonl');
    renameSync(stale, `${stale}.previous`);
    process.stderr.write(`scalelab reproduce: ${stale} came from other code or another configuration; moved to ${stale}.previous and running again\n`);
    result = await runOnce();
  }
  return {
    recordsPath: result.recordsPath,
    experiment: def.name,
    records: result.records,
    skipped,
    description: `experiment ${def.name}: ${def.scenarios.length} scenarios × ${usable.length} autoscalers × ${def.seeds.length} seeds on the realistic plant (${result.ran} runs simulated, ${result.skipped} reused from ${join(outDir, 'records.jsonl')})`,
  };
}

/** The documented way to rebuild every committed model (written by the RL work). */
const TRAIN_ALL_SCRIPT = join('models', 'train-all.sh');

/** --retrain: reruns models/train-all.sh (STEPS=2000 with --quick); returns what to tell the user. */
async function retrainAgents(options: { quick?: boolean }): Promise<string> {
  if (!existsSync(TRAIN_ALL_SCRIPT)) return `--retrain: ${TRAIN_ALL_SCRIPT} does not exist; using committed models where present.`;
  const env = { ...process.env, ...(options.quick ? { STEPS: '2000' } : {}) };
  const result = spawnSync('sh', [TRAIN_ALL_SCRIPT], { stdio: ['ignore', 'inherit', 'inherit'], env });
  if (result.status !== 0) throw new UserError(`--retrain: sh ${TRAIN_ALL_SCRIPT} failed (exit ${result.status ?? result.signal})`, { exitCode: 1 });
  return `RL agents retrained with sh ${TRAIN_ALL_SCRIPT}${options.quick ? ' (STEPS=2000)' : ''}.`;
}

/** The full reproduction; returns the report directory. */
export async function reproduceAll(options: ReproduceOptions): Promise<string> {
  const started = performance.now();
  const steps = startProgress('reproduce', 4);
  const n30 = reproduceN30({ out: options.out, resamples: options.quick ? 2000 : 10_000 });
  steps.increment(1, 'n=30 table');
  if (options.retrain) say(await retrainAgents({ quick: options.quick }));
  let raw: unknown[];
  let experiment: string;
  let source: string;
  const skippedAutoscalers: string[] = [];
  let runnerRecords: string | undefined;
  if (options.records) {
    raw = readRecordsFile(options.records);
    experiment = (raw.find((r) => typeof (r as { experiment?: unknown })?.experiment === 'string') as { experiment: string } | undefined)?.experiment ?? 'records';
    source = `records read from ${options.records}`;
  } else {
    const run = await runStandardExperiment({ quick: options.quick, outDir: options.out });
    raw = run.records;
    experiment = run.experiment;
    source = run.description;
    skippedAutoscalers.push(...run.skipped);
    runnerRecords = run.recordsPath;
  }
  steps.increment(1, 'experiment');
  const check = checkRecords(raw);
  if (raw.length > 0 && check.usable.length === 0) {
    throw new UserError(`none of the ${raw.length} records is usable:\n  ${check.rejected.slice(0, 5).join('\n  ')}`);
  }
  const outDir = options.out ?? join('reports', 'out', experiment);
  const content = await buildReportContent({
    experiment,
    records: check.usable,
    dataProblems: [...skippedAutoscalers, ...check.rejected, ...check.warnings],
    n30,
    trainingLogs: readTrainingLogs(options.trainingLogs ?? 'models'),
    modelFacts: readModelFacts(check.usable),
    frontier: readTunedFrontierInput(),
    resamples: options.quick ? 1000 : 10_000,
    intro: [
      `T4 comes from the thesis-compatible plant (30 traces × 8640 steps). The other tables come from ${check.usable.length} run records: ${source}.`,
      options.quick ? 'Quick mode: reduced experiment and fewer bootstrap resamples for T1–T3 — for tests, not for conclusions.' : '',
    ].filter(Boolean),
  });
  steps.increment(1, 'tables and charts');
  // The runner's own records.jsonl in the report directory is the copy; it is never rewritten here.
  const sameFile = runnerRecords !== undefined && resolve(runnerRecords) === resolve(join(outDir, 'records.jsonl'));
  const written = writeReport(outDir, content, { writeRecords: !sameFile });
  steps.increment(1, 'report written');
  steps.stop();
  say(`\n${content.answer.join('\n')}`);
  for (const t of [...content.leadTables, ...content.tables]) say(`\n${renderTableText(t)}`);
  if (content.conclusions.length) say(`\nConclusions:\n${content.conclusions.map((c) => `  - ${c}`).join('\n')}`);
  if (content.dataProblems.length) say(`\n${content.dataProblems.length} data problem(s), listed in the report.`);
  say(`\nReport: ${relative(process.cwd(), resolve(written.html)) || written.html} (and report.md, summary.csv, records.jsonl) — ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return outDir;
}

export function register(program: Command): void {
  program
    .command('reproduce')
    .description('reproduce the thesis tables: T4 exactly on the thesis-compatible plant, then T4 and T1–T3 on the realistic plant, with a report')
    .argument('[target]', '"n30" = only the n=30 table (T4)')
    .option('--quick', 'reduced run (seconds), for tests')
    .option('--out <dir>', 'output directory (default reports/out/<experiment>; n30 writes n30-per-trace.csv here)')
    .option('--records <file>', 'build the report from an existing records.jsonl instead of running the experiment')
    .option('--retrain', 'rerun models/train-all.sh first to retrain the RL agents (slow; with --quick STEPS=2000)')
    .option('--training-logs <dir>', 'directory searched for RL training logs (*.jsonl of {agent, episode, reward})', 'models')
    .action(async (target: string | undefined, opts: ReproduceOptions) => {
      if (target !== undefined && target !== 'n30') throw new UserError(`reproduce: unknown target "${target}", expected "n30" or nothing`);
      checkOutDir(opts.out);
      if (target === 'n30') {
        const { table } = reproduceN30({ out: opts.out });
        say(renderTableText(table));
        if (opts.out) say(`\nPer-trace rows: ${join(opts.out, 'n30-per-trace.csv')}`);
        return;
      }
      await reproduceAll(opts);
    });
}
