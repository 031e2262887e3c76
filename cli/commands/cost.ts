// `scalelab cost RECORDS [--tuning RECORDS] [--families FILE] [--requests-per-month N] [--price-vcpu-hour P]
// [--price-gib-hour P] [-o json|table]`: per autoscaler, $ per million requests with a 95 % CI, the projected
// monthly cost, savings against each baseline and the tuned frontier, and the SLA-violation rate it buys
// (issue 11's cost calculator). Also reads the tuned-baseline input of the report (readTunedFrontierInput).
import { existsSync } from 'node:fs';
import { parseStrictJson } from '../../lib/strict-json.ts';
import { MAX_FILE_BYTES, readInputFile } from '../../experiments/input-file.ts';
import { readUsableRecords as readRecords } from '../read-usable-records.ts';
import { join } from 'node:path';
import type { Command } from 'commander';
import { costReport, buildCostTable, buildSavingsTable, frontierOptionsFromFamilies, renderTableText, type FrontierOptions } from '../../reports/index.ts';
import type { RunRecord } from '../../lib/ports.ts';
import { UserError } from '../errors.ts';

interface CostFlags {
  requestsPerMonth: string;
  priceVcpuHour?: string;
  priceGibHour?: string;
  tuning?: string;
  families?: string;
  output: string;
  json?: boolean;
  resamples: string;
}

/** Default traffic to project to: 100 million successful requests a month (≈ 38.6 req/s on average). */
export const DEFAULT_REQUESTS_PER_MONTH = 100_000_000;

const number = (flag: string, value: string | undefined, check: (n: number) => boolean, expected: string): number | undefined => {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/_/g, ''));
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UserError(`${flag}: got "${value}", expected ${expected}`);
  return n;
};

function readFamilies(path: string): Pick<FrontierOptions, 'families' | 'agents' | 'tuningExperiment'> {
  try {
    return frontierOptionsFromFamilies(parseStrictJson(readInputFile(path, 'families file', MAX_FILE_BYTES.smallJson)));
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`${path}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * The report's tuned-baseline input when the tuning and held-out experiments have been run
 * (experiments/defs/README-tuning.md): their records together, with families, agents and the tuning experiment
 * from frontier-families.json; undefined when any of the three files is missing.
 */
export function readTunedFrontierInput(root = join(import.meta.dirname, '..', '..')): (FrontierOptions & { records: RunRecord[] }) | undefined {
  const familiesFile = join(root, 'experiments', 'defs', 'frontier-families.json');
  if (!existsSync(familiesFile)) return undefined;
  const families = readFamilies(familiesFile);
  const heldout = (parseStrictJson(readInputFile(familiesFile, 'families file', MAX_FILE_BYTES.smallJson)) as { heldoutExperiment?: unknown }).heldoutExperiment;
  const files = [families.tuningExperiment, heldout].map((name) => join(root, 'reports', 'out', String(name), 'records.jsonl'));
  if (!files.every(existsSync)) return undefined;
  const warn = (line: string): void => void process.stderr.write(`scalelab: warning: ${line}\n`);
  return { ...families, records: files.flatMap((f) => readRecords(f, warn)) };
}

/** Most bootstrap resamples (each holds one mean per resample: 1e12 would not fit in memory; 1e6 is far past what
 * a stable 95 % CI needs). */
const MAX_RESAMPLES = 1_000_000;

/** Registers `scalelab cost`. */
export function register(program: Command): void {
  program
    .command('cost')
    .description('cost calculator: $ per million requests, monthly cost and savings per autoscaler, with the SLA-violation rate each buys')
    .argument('<records>', 'a records.jsonl (from scalelab run or reproduce); with --tuning, the held-out records')
    .option('--tuning <records>', 'records of the tuning experiment: they choose each family\'s frontier settings (experiments/defs/README-tuning.md)')
    .option('--families <file>', 'frontier-families.json: families, agents and the tuning experiment (default: families by autoscaler type)')
    .option('--requests-per-month <n>', 'successful requests per month to project to', String(DEFAULT_REQUESTS_PER_MONTH))
    .option('--price-vcpu-hour <usd>', 'reprice runs at this $ per requested vCPU-hour (default: the price in each record)')
    .option('--price-gib-hour <usd>', 'reprice runs at this $ per requested GiB-hour of memory (default: the price in each record)')
    .option('-o, --output <format>', 'table or json', 'table')
    .option('--json', 'same as -o json')
    .option('--resamples <n>', 'bootstrap resamples for the CIs', '10000')
    .addHelpText('after', '\nExit codes: 0 done, 2 bad input (flags, records or families file, records without the fields repricing needs).')
    .action((recordsFile: string, flags: CostFlags) => {
      const output = flags.json ? 'json' : flags.output;
      if (output !== 'json' && output !== 'table') throw new UserError(`--output: got "${output}", expected "table" or "json"`);
      const requestsPerMonth = number('--requests-per-month', flags.requestsPerMonth, (n) => n > 0, 'a positive number of requests')!;
      const priceVcpuHourUsd = number('--price-vcpu-hour', flags.priceVcpuHour, (n) => n >= 0, 'a price in $ ≥ 0');
      const priceGibHourUsd = number('--price-gib-hour', flags.priceGibHour, (n) => n >= 0, 'a price in $ ≥ 0');
      const resamples = number('--resamples', flags.resamples, (n) => Number.isInteger(n) && n >= 1 && n <= MAX_RESAMPLES, `a whole number from 1 to ${MAX_RESAMPLES}`)!;
      const warn = (line: string): void => void process.stderr.write(`scalelab cost: warning: ${line}\n`);
      const records = readRecords(recordsFile, warn);
      const tuning = flags.tuning ? readRecords(flags.tuning, warn) : [];
      const families = flags.families ? readFamilies(flags.families) : undefined;
      // Without a families file, the tuning file's experiment is the tuning experiment.
      const frontier: FrontierOptions = { ...families, tuningExperiment: families?.tuningExperiment ?? tuning[0]?.experiment };
      if (tuning.length > 0 && records.some((r) => r.experiment === frontier.tuningExperiment)) {
        throw new UserError(`--tuning: ${recordsFile} also holds records of the tuning experiment "${frontier.tuningExperiment}"; pass the held-out records as RECORDS`);
      }
      let report;
      try {
        report = costReport([...tuning, ...records], { requestsPerMonth, priceVcpuHourUsd, priceGibHourUsd, resamples, frontier });
      } catch (err) {
        if (err instanceof RangeError) throw new UserError(`${recordsFile}: ${err.message}`, { cause: err });
        throw err;
      }
      if (output === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else process.stdout.write(`${renderTableText(buildCostTable(report))}\n\n${renderTableText(buildSavingsTable(report))}\n`);
    });
}
