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

interface RunFlags {
  out?: string;
  workers?: string;
  json?: boolean;
  backend: string;
  repair?: boolean;
}

/** Worker threads: at most one per core (more only slow the cells down and cost memory, issue 16: 1000 threads
 * took 5.7 GB and ran 20× slower); the pool also starts at most one per cell. Over the cap → a note, not an error. */
function parseWorkers(value: string | undefined, note: (text: string) => void): number {
  const cores = availableParallelism();
  if (value === undefined) return cores;
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new UserError(`--workers: got "${value}", expected an integer ≥ 1`);
  if (n > cores) {
    note(`--workers ${n}: using ${cores}, the number of cores (at most one worker per cell is started either way)`);
    return cores;
  }
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
      const workers = parseWorkers(flags.workers, (text) => void process.stderr.write(`note: ${text}\n`));
      if (!(flags.backend in backends)) {
        throw new UserError(`--backend: got "${flags.backend}", expected one of ${Object.keys(backends).join(', ')}`);
      }
      const loaded = await loadExperiment(experiment);
      // A non-simulator backend gets its own default folder, so cluster and simulated records never share a file.
      const backendSuffix = flags.backend && flags.backend !== 'sim' ? `-${flags.backend}` : '';
      const outDir = resolve(flags.out ?? `reports/out/${loaded.def.name}${backendSuffix}`);
      const started = performance.now();
      const result = await runExperiment({
        def: loaded.def,
        outDir,
        baseDir: loaded.baseDir,
        workers,
        backend: flags.backend,
        repair: flags.repair,
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

function safeNames(): string {
  try {
    return shippedExperimentNames().join(', ');
  } catch {
    return 'standard';
  }
}
