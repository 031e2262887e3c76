// `scalelab run EXPERIMENT`: runs every (scenario, autoscaler, seed) cell of an experiment on a backend, in
// parallel, into OUT/records.jsonl + OUT/experiment.json, resuming a half-finished OUT, then prints a summary.
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { UserError } from '../errors.ts';
import { loadExperiment, shippedExperimentNames } from '../../experiments/load-experiment.ts';
import { runExperiment } from '../../experiments/runner.ts';
import { BACKEND_NAMES } from '../../lib/backend-names.ts';
import { REPORTS_OUT_DIR } from '../../lib/paths.ts';
import { chooseBackend } from '../backends.ts';
import { runProgressBar } from '../progress.ts';
import { nonEmptyPath, staleLockNote } from '../out-dir.ts';
import { addOutputOption, formatOutput, type OutputFormat } from '../output.ts';
import { formatSummaryTable, summarizeRecords } from '../../experiments/summary.ts';
import { parseShard, type Shard } from '../../experiments/cells.ts';

interface RunFlags {
  out?: string;
  workers?: number;
  output: OutputFormat;
  backend: string;
  repair?: boolean;
  clusterStack?: string;
  agentImage?: string;
  shard?: Shard;
  parallelism?: number;
}

/** commander argParser of --workers: an integer ≥ 1, at most one per core (more only slow the cells down and cost
 * memory, issue 16: 1000 threads took 5.7 GB and ran 20× slower); over the cap → a note, not an error. */
function parseWorkers(value: string): number {
  const cores = availableParallelism();
  const note = (text: string) => void process.stderr.write(`note: ${text}\n`);
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
  const command = program
    .command('run')
    .description('run an experiment (scenarios × autoscalers × seeds) and write its records')
    .argument('<experiment>', `a shipped experiment name (${safeNames()}) or a path to an experiment .json file`)
    .option('--out <dir>', 'output directory (default reports/out/<experiment>/, or reports/out/<experiment>-<backend>/ for a backend other than sim)', nonEmptyPath)
    .option('--workers <n>', 'worker threads (default: all cores)', parseWorkers)
    .addOption(new Option('--backend <name>', 'where cells run').choices(BACKEND_NAMES).default('sim'))
    .option('--repair', 'move a corrupt or truncated tail of records.jsonl to records.jsonl.corrupt and rerun those cells')
    .addOption(new Option('--cluster-stack <name>', 'microk8s: the Pulumi stack of the cluster (default cluster)').env('SCALELAB_CLUSTER_STACK'))
    .addOption(new Option('--agent-image <image>', 'microk8s: the agent image for agent cells (default Pulumi.yaml\'s)').env('SCALELAB_AGENT_IMAGE'))
    .option('--shard <I/N>', 'run only the cells whose index ≡ I (mod N), I 0-based; auto/N takes I from JOB_COMPLETION_INDEX (combine with `scalelab merge`)', parseShardFlag)
    .option('--parallelism <n>', 'k8s-jobs: pods of the Indexed Job (completions = parallelism = n; default min(cells, 8))', parseParallelism);
  addOutputOption(command, 'print the summary as JSON instead of a table (same as -o json)')
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
      const workers = flags.workers ?? availableParallelism();
      if (flags.parallelism !== undefined && flags.backend !== 'k8s-jobs') throw new UserError(`--parallelism: only the k8s-jobs backend runs pods (got --backend ${flags.backend}); use --workers for threads`);
      const { backend, backendName } = chooseBackend(flags.backend, { clusterStack: flags.clusterStack, agentImage: flags.agentImage || undefined });
      const loaded = await loadExperiment(experiment);
      // A non-simulator backend gets its own default folder, so cluster and simulated records never share a file.
      const backendSuffix = flags.backend && flags.backend !== 'sim' ? `-${flags.backend}` : '';
      const shardSuffix = flags.shard ? `-shard-${flags.shard.index}-of-${flags.shard.count}` : '';
      const outDir = resolve(flags.out ?? join(REPORTS_OUT_DIR, `${loaded.def.name}${backendSuffix}${shardSuffix}`));
      const started = performance.now();
      const result = await runExperiment({
        def: loaded.def,
        outDir,
        baseDir: loaded.baseDir,
        workers,
        backend,
        backendName,
        repair: flags.repair,
        shard: flags.shard,
        parallelism: flags.parallelism,
        progress: runProgressBar(`run ${loaded.def.name}`),
      });
      const seconds = (performance.now() - started) / 1000;
      const note = staleLockNote(outDir, result.tookOverStaleLock);
      if (note) process.stderr.write(note);
      const rows = summarizeRecords(result.records);
      if (flags.output !== 'table') {
        const { records: _records, ...rest } = result;
        process.stdout.write(formatOutput(flags.output, { experiment: loaded.def.name, ...rest, wallSeconds: seconds, summary: rows }, () => ''));
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

/** commander argParser of --shard (auto/N reads JOB_COMPLETION_INDEX). */
function parseShardFlag(value: string): Shard {
  try {
    return parseShard(value, process.env.JOB_COMPLETION_INDEX);
  } catch (err) {
    throw new UserError((err as Error).message);
  }
}

/** commander argParser of --parallelism. */
function parseParallelism(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10000) throw new UserError(`--parallelism: got "${value}", expected an integer from 1 to 10000`);
  return n;
}

function safeNames(): string {
  try {
    return shippedExperimentNames().join(', ');
  } catch {
    return 'standard';
  }
}
