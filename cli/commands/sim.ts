// `scalelab sim validate|config`: checks the simulated cluster against queueing theory and a request-level
// simulation, and shows the plant's default parameters with their units.
import type { Command } from 'commander';
import { defaultPlantConfig, maxCapacityRps, podCapacityRps, podCostPerSecondUsd } from '../../sim/config.ts';
import type { ValidationCheck } from '../../sim/validation.ts';
import { validationSuite } from '../../sim/validation.ts';
import { UserError } from '../errors.ts';
import { startProgress } from '../progress.ts';
import { addOutputOption, formatOutput, type OutputFormat } from '../output.ts';

function formatNumber(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1000 || a < 0.01 ? v.toPrecision(4) : v.toFixed(a >= 100 ? 1 : 3);
}

function printTable(checks: ValidationCheck[]): void {
  const width = Math.max(...checks.map((c) => c.name.length));
  const header = `${'check'.padEnd(width)}  ${'expected'.padStart(10)}  ${'plant'.padStart(10)}  ${'error'.padStart(7)}  ${'tol'.padStart(4)}  result`;
  process.stdout.write(`${header}\n${'-'.repeat(header.length)}\n`);
  for (const c of checks) {
    const rel = c.expected === 0 ? Math.abs(c.measured) : Math.abs(c.measured - c.expected) / Math.abs(c.expected);
    process.stdout.write(
      `${c.name.padEnd(width)}  ${formatNumber(c.expected).padStart(10)}  ${formatNumber(c.measured).padStart(10)}  ` +
        `${`${(rel * 100).toFixed(2)}%`.padStart(7)}  ${`${Math.round(c.tolerance * 100)}%`.padStart(4)}  ${c.pass ? 'pass' : 'FAIL'}\n`,
    );
  }
}

/** Registers `scalelab sim`. */
export function register(program: Command): void {
  const sim = program.command('sim').description('the embedded simulated cluster (plant): validation and defaults');

  addOutputOption(
    sim.command('validate').description('check the plant against Erlang C, fluid overload, closed-load laws and a request-level simulation'),
    'print the checks as JSON (same as -o json)',
  )
    .addHelpText(
      'after',
      `
Checks (DESIGN.md §3): at constant load without scaling, utilization = λ/(cμ) and the mean wait matches
Erlang C (textbook formula) for c = 1, 4, 16 at ρ = 0.5, 0.8, 0.95 within 5 %; in overload the backlog grows at
λ − cμ and drains at cμ − λ; with closed (VU) load throughput = VUs / (think + response); the request-level
simulation matches Erlang C, and the plant's P50/P95/P99 over a spike scenario with scaling (DES within 10 %).
Exit code 1 if any check fails.`,
    )
    .action((options: { output: OutputFormat }) => {
      const groups = validationSuite();
      const progress = startProgress('validate', groups.length);
      const checks: ValidationCheck[] = [];
      for (const group of groups) {
        checks.push(...group.run());
        progress.increment(1, group.name);
      }
      progress.stop();
      const failed = checks.filter((c) => !c.pass).length;
      if (options.output === 'table') printTable(checks);
      else process.stdout.write(formatOutput(options.output, { passed: checks.length - failed, failed, checks }, () => ''));
      if (failed > 0) throw new UserError(`${failed} of ${checks.length} plant checks failed`, { exitCode: 1 });
    });

  addOutputOption(
    sim.command('config').description('print the default plant configuration (units in sim/config.ts) and derived capacities'),
    'print as JSON (same as -o json)',
  ).action((options: { output: OutputFormat }) => {
      const derived = {
        podCapacityRps: podCapacityRps(defaultPlantConfig),
        maxCapacityRps: maxCapacityRps(defaultPlantConfig),
        podCostPerHourUsd: podCostPerSecondUsd(defaultPlantConfig) * 3600,
      };
      if (options.output !== 'table') {
        process.stdout.write(formatOutput(options.output, { config: defaultPlantConfig, derived }, () => ''));
        return;
      }
      const lines = Object.entries({ ...defaultPlantConfig, ...derived }).map(([k, v]) => `${k.padEnd(28)} ${JSON.stringify(v)}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
