// `scalelab cost RECORDS [--requests-per-month N] [--price-vcpu-hour P] [--price-gib-hour P] [-o json|table]`:
// per autoscaler, $ per million requests with a 95 % CI, the projected monthly cost, savings against each
// baseline and the tuned frontier, and the SLA-violation rate it buys (issue 11's cost calculator).
import type { Command } from 'commander';
import { checkRecords, costReport, buildCostTable, buildSavingsTable, renderTableText } from '../../reports/index.ts';
import { UserError } from '../errors.ts';
import { readRecordsFile } from './reproduce.ts';

interface CostFlags {
  requestsPerMonth: string;
  priceVcpuHour?: string;
  priceGibHour?: string;
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

/** Registers `scalelab cost`. */
export function register(program: Command): void {
  program
    .command('cost')
    .description('cost calculator: $ per million requests, monthly cost and savings per autoscaler, with the SLA-violation rate each buys')
    .argument('<records>', 'a records.jsonl (from scalelab run or reproduce)')
    .option('--requests-per-month <n>', 'successful requests per month to project to', String(DEFAULT_REQUESTS_PER_MONTH))
    .option('--price-vcpu-hour <usd>', 'reprice runs at this $ per requested vCPU-hour (default: the price in each record)')
    .option('--price-gib-hour <usd>', 'reprice runs at this $ per requested GiB-hour of memory (default: the price in each record)')
    .option('-o, --output <format>', 'table or json', 'table')
    .option('--json', 'same as -o json')
    .option('--resamples <n>', 'bootstrap resamples for the CIs', '10000')
    .addHelpText('after', '\nExit codes: 0 done, 2 bad input (flags, records file, records without the fields repricing needs).')
    .action((records: string, flags: CostFlags) => {
      const output = flags.json ? 'json' : flags.output;
      if (output !== 'json' && output !== 'table') throw new UserError(`--output: got "${output}", expected "table" or "json"`);
      const requestsPerMonth = number('--requests-per-month', flags.requestsPerMonth, (n) => n > 0, 'a positive number of requests')!;
      const priceVcpuHourUsd = number('--price-vcpu-hour', flags.priceVcpuHour, (n) => n >= 0, 'a price in $ ≥ 0');
      const priceGibHourUsd = number('--price-gib-hour', flags.priceGibHour, (n) => n >= 0, 'a price in $ ≥ 0');
      const resamples = number('--resamples', flags.resamples, (n) => Number.isInteger(n) && n >= 1, 'a whole number ≥ 1')!;
      const check = checkRecords(readRecordsFile(records), (i) => `${records}: record ${i + 1}`);
      if (check.usable.length === 0) throw new UserError(`${records}: no usable records${check.rejected.length ? `:\n  ${check.rejected.slice(0, 5).join('\n  ')}` : ' (the file is empty)'}`);
      for (const line of [...check.rejected, ...check.warnings]) process.stderr.write(`scalelab cost: warning: ${line}\n`);
      let report;
      try {
        report = costReport(check.usable, { requestsPerMonth, priceVcpuHourUsd, priceGibHourUsd, resamples });
      } catch (err) {
        if (err instanceof RangeError) throw new UserError(`${records}: ${err.message}`, { cause: err });
        throw err;
      }
      if (output === 'json') process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      else process.stdout.write(`${renderTableText(buildCostTable(report))}\n\n${renderTableText(buildSavingsTable(report))}\n`);
    });
}
