// `scalelab sim validate|config`: checks the simulated cluster against queueing theory and a request-level
// simulation, and shows the plant's default parameters with their units.
import type { Command } from 'commander';
import { defaultPlantConfig, maxCapacityRps, podCapacityRps, podCostPerSecondUsd } from '../../sim/config.ts';
import type { ValidationCheck } from '../../sim/validation.ts';
import { validationSuite } from '../../sim/validation.ts';
import { UserError } from '../errors.ts';
import { startProgress } from '../progress.ts';

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

  sim
    .command('validate')
    .description('check the plant against Erlang C, fluid overload, closed-load laws and a request-level simulation')
    .option('--json', 'print the checks as JSON')
    .addHelpText(
      'after',
      `
Checks (DESIGN.md §3): at constant load without scaling, utilization = λ/(cμ) and the mean wait matches
Erlang C (textbook formula) for c = 1, 4, 16 at ρ = 0.5, 0.8, 0.95 within 5 %; in overload the backlog grows at
λ − cμ and drains at cμ − λ; with closed (VU) load throughput = VUs / (think + response); the request-level
simulation matches Erlang C, and the plant's P50/P95/P99 over a spike scenario with scaling (DES within 10 %).
Exit code 1 if any check fails.`,
    )
    .action((options: { json?: boolean }) => {
      const groups = validationSuite();
      const progress = startProgress('validate', groups.length);
      const checks: ValidationCheck[] = [];
      for (const group of groups) {
        checks.push(...group.run());
        progress.increment(1, group.name);
      }
      progress.stop();
      const failed = checks.filter((c) => !c.pass).length;
      if (options.json) process.stdout.write(`${JSON.stringify({ passed: checks.length - failed, failed, checks }, null, 2)}\n`);
      else printTable(checks);
      if (failed > 0) throw new UserError(`${failed} of ${checks.length} plant checks failed`, { exitCode: 1 });
    });

  sim
    .command('config')
    .description('print the default plant configuration (units in sim/config.ts) and derived capacities')
    .option('--json', 'print as JSON')
    .action((options: { json?: boolean }) => {
      const derived = {
        podCapacityRps: podCapacityRps(defaultPlantConfig),
        maxCapacityRps: maxCapacityRps(defaultPlantConfig),
        podCostPerHourUsd: podCostPerSecondUsd(defaultPlantConfig) * 3600,
      };
      if (options.json) {
        process.stdout.write(`${JSON.stringify({ config: defaultPlantConfig, derived }, null, 2)}\n`);
        return;
      }
      const lines = Object.entries({ ...defaultPlantConfig, ...derived }).map(([k, v]) => `${k.padEnd(28)} ${JSON.stringify(v)}`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
