// `scalelab run EXPERIMENT`: runs every (scenario, autoscaler, seed) cell of an experiment on a backend, in
// parallel, into OUT/records.jsonl + OUT/experiment.json, resuming a half-finished OUT, then prints a summary.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { loadExperiment, shippedExperimentNames } from '../../experiments/load-experiment.ts';
import { runExperiment } from '../../experiments/runner.ts';
import { backends } from '../../experiments/backends.ts';
import { formatSummaryTable, summarizeRecords } from '../../experiments/summary.ts';
import { parseShard, type Shard } from '../../experiments/cells.ts';

interface RunFlags {
  out?: string;
  workers?: string;
  json?: boolean;
  backend: string;
  repair?: boolean;
  shard?: string;
  parallelism?: string;
}

function parseWorkers(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UserError(`--workers: got "${value}", expected an integer ≥ 1`);
  return n;
}

/** Registers `scalelab run`. */
export function register(program: Command): void {
  program
    .command('run')
    .description('run an experiment (scenarios × autoscalers × seeds) and write its records')
    .argument('<experiment>', `a shipped experiment name (${safeNames()}) or a path to an experiment .json file`)
    .option('--out <dir>', 'output directory (default reports/out/<experiment>/, or reports/out/<experiment>-<backend>/ for a backend other than sim)')
    .option('--workers <n>', 'worker threads (default: all cores)')
    .option('--backend <name>', `where cells run: ${Object.keys(backends).join(', ')}`, 'sim')
    .option('--repair', 'move a corrupt or truncated tail of records.jsonl to records.jsonl.corrupt and rerun those cells')
    .option('--json', 'print the summary as JSON instead of a table')
    .option('--shard <I/N>', 'run only the cells whose index ≡ I (mod N), I 0-based; auto/N takes I from JOB_COMPLETION_INDEX (combine with `scalelab merge`)')
    .option('--parallelism <n>', 'k8s-jobs backend: pods of the Indexed Job (completions = parallelism = n; default: min(cells, 8))')
    .addHelpText(
      'after',
      `
Writes OUT/experiment.json (the resolved configuration) and OUT/records.jsonl (one scalelab.run/v1 record per
cell). Run it again on the same OUT to resume: finished cells (same key and config hash) are skipped. When every
cell is done the file is rewritten in cell order, so the result is byte-identical whatever --workers was.
A corrupt records file is reported with its line number and left alone unless --repair is given.
Exit codes: 0 done, 2 bad input (experiment file, flags, corrupt records), 1 a run failed.`,
    )
    .action(async (experiment: string, flags: RunFlags) => {
      const workers = parseWorkers(flags.workers);
      if (!(flags.backend in backends)) {
        throw new UserError(`--backend: got "${flags.backend}", expected one of ${Object.keys(backends).join(', ')}`);
      }
      const shard = parseShardFlag(flags.shard);
      const parallelism = parseParallelism(flags.parallelism, flags.backend);
      const loaded = await loadExperiment(experiment);
      // A non-simulator backend gets its own default folder, so cluster and simulated records never share a file.
      const backendSuffix = flags.backend && flags.backend !== 'sim' ? `-${flags.backend}` : '';
      const shardSuffix = shard ? `-shard-${shard.index}-of-${shard.count}` : '';
      const outDir = resolve(flags.out ?? `reports/out/${loaded.def.name}${backendSuffix}${shardSuffix}`);
      const started = performance.now();
      const result = await runExperiment({
        def: loaded.def,
        outDir,
        baseDir: loaded.baseDir,
        workers,
        backend: flags.backend,
        repair: flags.repair,
        shard,
        parallelism,
      });
      const seconds = (performance.now() - started) / 1000;
      const rows = summarizeRecords(result.records);
      if (flags.json) {
        const { records: _records, ...rest } = result;
        process.stdout.write(`${JSON.stringify({ experiment: loaded.def.name, ...rest, wallSeconds: seconds, summary: rows }, null, 2)}\n`);
        return;
      }
      if (result.repairedFromLine !== undefined) {
        process.stderr.write(`moved records from line ${result.repairedFromLine} on to ${result.recordsPath}.corrupt\n`);
      }
      process.stdout.write(`${formatSummaryTable(rows)}\n\n`);
      process.stdout.write(
        `${result.cells} cells (${result.ran} run, ${result.skipped} already done) in ${seconds.toFixed(1)} s → ${result.recordsPath}\n`,
      );
    });
}

function parseShardFlag(value: string | undefined): Shard | undefined {
  if (value === undefined) return undefined;
  try {
    return parseShard(value, process.env.JOB_COMPLETION_INDEX);
  } catch (err) {
    throw new UserError((err as Error).message);
  }
}

function parseParallelism(value: string | undefined, backend: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10000) throw new UserError(`--parallelism: got "${value}", expected an integer from 1 to 10000`);
  if (backend !== 'k8s-jobs') throw new UserError(`--parallelism: only the k8s-jobs backend runs pods (got --backend ${backend}); use --workers for threads`);
  return n;
}

function safeNames(): string {
  try {
    return shippedExperimentNames().join(', ');
  } catch {
    return 'standard';
  }
}
