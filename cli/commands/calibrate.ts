// `scalelab calibrate RECORDS [--out plant.json] [-o json|yaml|table] [--report [DIR]]`: fit the plant's
// parameters from run records of any backend (sim/calibration) and write a plant config an experiment can name
// (`"plant": "plant.json"`) and the calibration section of the sim-to-real report (issue 12).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { readRunRecords, writeLinesAtomically } from '../../experiments/records-file.ts';
import { REPORTS_OUT_DIR } from '../../lib/paths.ts';
import { calibrationCpuChart, renderCalibrationMarkdown, formatInterval, formatNumber, type CalibrationReportInput } from '../../reports/calibration/calibration-report.ts';
import { calibratePlant, CalibrationInputError, type CalibrationResult } from '../../sim/calibration/index.ts';
import { UserError } from '../errors.ts';
import { addOutputOption, formatOutput, type OutputFormat } from '../output.ts';

interface CalibrateFlags {
  out?: string;
  output: OutputFormat;
  report?: string | boolean;
  seed: string;
  resamples: string;
}

/** Default folder of `--report` without a value. */
export const DEFAULT_REPORT_DIR = join(REPORTS_OUT_DIR, 'sim-to-real');

const wholeNumber = (flag: string, value: string, min: number): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isSafeInteger(n) || n < min) throw new UserError(`${flag}: got "${value}", expected a whole number ≥ ${min}`);
  return n;
};

/** The printed table: one row per parameter, then where each plant field came from. */
function table(r: CalibrationResult): string {
  const rows = [['parameter', 'estimate', '95% CI (over runs)', 'runs', 'minutes']];
  const why: string[] = [];
  for (const [name, f] of Object.entries(r.fit)) {
    if (!f.identifiable) {
      rows.push([name, 'not identifiable', '', '', '']);
      why.push(`  ${name}: ${f.why}`);
    } else rows.push([name, `${formatNumber(f.estimate)} ${f.unit}`, f.ci ? formatInterval(f.ci) : `— ${f.error ?? ''}`, String(f.recordsUsed), String(f.minutesUsed)]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const text = rows.map((row) => row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
  const names = (s: string): string => Object.entries(r.sources).filter(([, v]) => v === s).map(([k]) => k).join(', ') || '—';
  return [
    ...text, ...(why.length ? ['', 'not identifiable (the plant keeps the default):', ...why] : []),
    '', `plant: fitted ${names('fitted')}`, `       from the records' settings: ${names('records')}`, `       defaults: ${names('default')}`,
    ...r.notes.map((n) => `note: ${n}`), `(${r.recordsRead} records, ${r.recordsWithSeries} with series)`, '',
  ].join('\n');
}

/** Registers `scalelab calibrate`. */
export function register(program: Command): void {
  const command = program
    .command('calibrate')
    .description('fit the simulated plant (CPU per request, base service time, start-up lag, pod capacity) from run records of any backend')
    .argument('<records>', 'a records.jsonl (scalelab run, any backend)')
    .option('--out <plant.json>', 'write the calibrated plant config (atomically); an experiment names it with "plant": "plant.json"')
    .option('--report [dir]', 'write calibration.md and calibration-cpu.svg (default folder: reports/out/sim-to-real in the repository)')
    .option('--seed <n>', 'seed of the bootstrap over runs', '1')
    .option('--resamples <n>', 'bootstrap resamples', '2000');
  addOutputOption(command).addHelpText('after', '\nExit codes: 0 done, 2 bad input (missing or non-records file, no records, records without series, plants that disagree).')
    .action(async (recordsFile: string, flags: CalibrateFlags) => {
      const seed = wholeNumber('--seed', flags.seed, 0);
      const resamples = wholeNumber('--resamples', flags.resamples, 1);
      const records = readRunRecords(recordsFile, { lastNewlineOptional: true });
      if (records.length === 0) throw new UserError(`records file ${recordsFile}: no records (the file is empty), expected run records (scalelab run)`);
      let result: CalibrationResult;
      try {
        result = calibratePlant(records, { seed, resamples });
      } catch (err) {
        if (err instanceof CalibrationInputError) throw new UserError(`records file ${recordsFile}: ${err.message}`, { cause: err });
        throw err;
      }
      if (flags.out) {
        try {
          writeLinesAtomically(resolve(flags.out), [JSON.stringify(result.plant, null, 2)]);
        } catch (err) {
          throw new UserError(`--out ${flags.out}: cannot write it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { cause: err });
        }
      }
      if (flags.report !== undefined) {
        const dir = typeof flags.report === 'string' ? resolve(flags.report) : DEFAULT_REPORT_DIR;
        const input: CalibrationReportInput = { ...result, source: recordsFile, command: `scalelab ${process.argv.slice(2).join(' ')}` };
        const svg = await calibrationCpuChart(input);
        try {
          mkdirSync(dir, { recursive: true });
          writeFileSync(join(dir, 'calibration.md'), renderCalibrationMarkdown(input, svg ? 'calibration-cpu.svg' : '(no chart: CPU not identified)'));
          if (svg) writeFileSync(join(dir, 'calibration-cpu.svg'), svg);
        } catch (err) {
          throw new UserError(`--report ${dir}: cannot write it (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, { cause: err });
        }
      }
      const { plant, fit, sources, recorded, recordsRead, recordsWithSeries, notes } = result;
      process.stdout.write(formatOutput(flags.output, { plant, fit, sources, recorded, recordsRead, recordsWithSeries, notes }, () => table(result)));
      if (flags.out && flags.output === 'table') process.stdout.write(`wrote ${flags.out}\n`);
    });
}
