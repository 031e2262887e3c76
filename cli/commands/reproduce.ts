// `scalelab reproduce [n30] [--quick] [--out DIR] [--records FILE] [--retrain]`: the thesis tables end to end.
// n30 → T4 on the thesis-compatible plant; then the standard experiment on the realistic plant (via the
// runner), T4 there, T1–T3, charts and the report under reports/out/<experiment>/. What runs and what is read
// lives in experiments/reproduce/; this file draws progress and prints.
import { join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { buildReportContent, checkRecords, renderTableText, writeReport } from '../../reports/index.ts';
import { MODELS_DIR, REPORTS_OUT_DIR } from '../../lib/paths.ts';
import { readModelFacts, readRecordsFile, readTrainingLogs, reproduceN30, retrainAgents, runStandardExperiment, runTunedExperiments } from '../../experiments/reproduce/index.ts';
import { UserError } from '../errors.ts';
import { runProgressBar, startProgress } from '../progress.ts';
import { chooseBackend } from '../backends.ts';
import { checkOutDir, nonEmptyPath, staleLockNote } from '../out-dir.ts';
import { lockFolder, type FolderLock } from '../../experiments/folder-lock.ts';
import { readTunedFrontierInput } from './cost.ts';

export interface ReproduceOptions {
  quick?: boolean;
  out?: string;
  records?: string;
  retrain?: boolean;
  trainingLogs?: string;
}

const say = (text: string): void => void process.stdout.write(`${text}\n`);
const warn = (text: string): void => void process.stderr.write(`${text}\n`);

/** The full reproduction; returns the report directory. */
export async function reproduceAll(options: ReproduceOptions): Promise<string> {
  // One writer per folder: with --out the folder is held from the start (the runner re-enters the same lock);
  // the default folder is known once the experiment is planned, and is held while the report is written.
  const held: FolderLock[] = [];
  const hold = (dir: string) => {
    const lock = lockFolder(dir, 'scalelab reproduce');
    held.push(lock);
    const note = staleLockNote(dir, lock.tookOverFrom);
    if (note) process.stderr.write(note);
  };
  try {
    if (options.out) hold(options.out);
    return await reproduceLocked(options, hold);
  } finally {
    for (const lock of held.reverse()) lock.release();
  }
}

async function reproduceLocked(options: ReproduceOptions, hold: (dir: string) => void): Promise<string> {
  const started = performance.now();
  // Bad input is refused before any work starts (issue 16): the records file is read and validated first.
  const givenRecords = options.records === undefined ? undefined : readRecordsFile(options.records);
  // The training logs too (a FIFO among them was refused only after the n=30 table was written); --retrain rewrites
  // them, so then they are read after retraining.
  const logsBefore = options.retrain ? undefined : readTrainingLogs(options.trainingLogs ?? MODELS_DIR);
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
    raw = givenRecords ?? [];
    experiment = (raw.find((r) => typeof (r as { experiment?: unknown })?.experiment === 'string') as { experiment: string } | undefined)?.experiment ?? 'records';
    source = `records read from ${options.records}`;
  } else {
    const run = await runStandardExperiment({ quick: options.quick, outDir: options.out, warn, backend: chooseBackend('sim'), progress: (name) => runProgressBar(`run ${name}`) });
    raw = run.records;
    experiment = run.experiment;
    source = run.description;
    skippedAutoscalers.push(...run.skipped);
    runnerRecords = run.recordsPath;
    // The tuned baselines and the held-out evaluation the report's answer is about (not in --quick: minutes of work).
    if (!options.quick && !options.out) for (const line of await runTunedExperiments({ warn, backend: chooseBackend('sim'), progress: (name) => runProgressBar(`run ${name}`) })) warn(line);
  }
  steps.increment(1, 'experiment');
  const check = checkRecords(raw);
  if (raw.length > 0 && check.usable.length === 0) {
    throw new UserError(`none of the ${raw.length} records is usable:\n  ${check.rejected.slice(0, 5).join('\n  ')}`);
  }
  const outDir = options.out ?? join(REPORTS_OUT_DIR, experiment);
  if (!options.out) hold(outDir);
  const content = await buildReportContent({
    experiment,
    records: check.usable,
    dataProblems: [...skippedAutoscalers, ...check.rejected, ...check.warnings],
    n30,
    trainingLogs: logsBefore ?? readTrainingLogs(options.trainingLogs ?? MODELS_DIR),
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
    .option('--out <dir>', 'output directory (default reports/out/<experiment>; n30 writes n30-per-trace.csv here)', nonEmptyPath)
    .option('--records <file>', 'build the report from an existing records.jsonl instead of running the experiment')
    .option('--retrain', 'rerun models/train-all.mjs first to retrain the RL agents (slow; with --quick STEPS=2000)')
    .option('--training-logs <dir>', 'directory searched for RL training logs (*.jsonl of {agent, episode, reward}) (default: the repository\'s models/)')
    .action(async (target: string | undefined, opts: ReproduceOptions) => {
      if (target !== undefined && target !== 'n30') throw new UserError(`reproduce: unknown target "${target}", expected "n30" or nothing`);
      checkOutDir(opts.out);
      if (target === 'n30') {
        const lock = opts.out ? lockFolder(opts.out, 'scalelab reproduce n30') : undefined;
        let table: ReturnType<typeof reproduceN30>['table'];
        try {
          ({ table } = reproduceN30({ out: opts.out }));
        } finally {
          lock?.release();
        }
        say(renderTableText(table));
        if (opts.out) say(`\nPer-trace rows: ${join(opts.out, 'n30-per-trace.csv')}`);
        return;
      }
      await reproduceAll(opts);
    });
}
