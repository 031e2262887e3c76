// `scalelab k6`: bridges k6 scripts and scalelab workloads. `k6 import SCRIPT.js [--json]` reads the script's
// options statically (the script never runs) and prints the resolved load, or a WorkloadSpec with --json.
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import {
  formatK6Duration,
  importK6Script,
  k6Peak,
  k6Workload,
  planK6Options,
  WorkloadSpecError,
  type K6Plan,
  type WorkloadSpec,
} from '../../workloads/index.ts';
import { exportK6Script } from '../../k6/export-workload.ts';
import { K6_MAX_DURATION_SECONDS } from '../../workloads/k6-duration.ts';
import { traceLoader } from '../../experiments/load-trace.ts';
import { MAX_FILE_BYTES, readInputFile } from '../../experiments/input-file.ts';
import { addOutputOption, formatOutput, type OutputFormat } from '../output.ts';
import { formatK6RunSummary, K6ResultFileError, summarizeK6File } from '../../k6/summarize-file.ts';

/** Registers `scalelab k6` and its subcommands. */
export function register(program: Command): void {
  const k6 = program.command('k6').description('k6 scripts ↔ scalelab workloads');
  addOutputOption(
    k6.command('import')
      .description("read a k6 script's options (stages or scenarios) without running it and print the workload")
      .argument('<script>', 'path of the k6 script (.js)'),
    'print a WorkloadSpec ({ type: "k6", options, thinkTimeSeconds }) for experiment files (same as -o json; -o yaml: the same as YAML)',
  ).action((script: string, opts: { output: OutputFormat }) => {
      const out = importCommand(script, opts.output);
      process.stdout.write(out.stdout);
      for (const w of out.warnings) process.stderr.write(`scalelab: warning: ${w}\n`);
    });
  k6.command('export')
    .description('write a k6 script for a workload (a thesis scenario name or a WorkloadSpec .json file): k6 run script.js')
    .argument('<workload>', 'thesis scenario (steady, gradual-ramp, sudden-spike, daily-pattern, idle-periods, flash-crowd) or spec file')
    .option('--sla-ms <ms>', 'SLA of the p(95) threshold', positive('sla-ms'), 200)
    .option('--max-stages <n>', 'most stages in the script', positive('max-stages'), 60)
    .option('--base-rps <rps>', 'thesis scenarios: quiet-time rate', positive('base-rps'))
    .option('--peak-rps <rps>', 'thesis scenarios: peak rate', positive('peak-rps'))
    .option('--duration <seconds>', 'thesis scenarios: length', (v: string) => {
      const n = positive('duration')(v);
      if (n > K6_MAX_DURATION_SECONDS) throw new UserError(`--duration: got "${v}", expected at most ${K6_MAX_DURATION_SECONDS} s (k6 holds durations as Go time.Duration, ~292 years)`);
      return n;
    })
    .action((workload: string, o: Record<string, number | undefined>) => {
      try {
        process.stdout.write(exportK6Script(workload, { slaLatencyMs: o.slaMs, maxStages: o.maxStages, baseRps: o.baseRps, peakRps: o.peakRps, durationSeconds: o.duration, traceLoaderFor: traceLoader, readText: (p) => readInputFile(p, 'workload spec file', MAX_FILE_BYTES.experiment, workload) }));
      } catch (err) {
        if (err instanceof UserError) throw err;
        throw new UserError(`k6 export ${workload}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
    });
  k6.command('summarize')
    .description("requests, failed requests and latency quantiles of a k6 run: its --out json NDJSON (any size, .gz too) or its summary JSON")
    .argument('<file>', 'k6 --out json file, or the handleSummary / --summary-export JSON')
    .option('--json', 'print { requests, failedRequests, latencyP50Ms, latencyP95Ms, latencyP99Ms, … } as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      process.stdout.write(await summarizeCommand(file, opts.json === true));
    });
}

/** The work of `k6 summarize` (stdout text), so tests can call it in-process; bad files are UserErrors (exit 2). */
export async function summarizeCommand(file: string, json: boolean): Promise<string> {
  try {
    const s = await summarizeK6File(file);
    return json ? `${JSON.stringify(s, null, 2)}\n` : formatK6RunSummary(file, s);
  } catch (err) {
    if (err instanceof K6ResultFileError) throw new UserError(`k6 summarize: ${err.message}`, { cause: err });
    throw err;
  }
}

/** commander argParser of a numeric flag: a finite number > 0, else exit 2 naming the flag. */
function positive(flag: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) throw new UserError(`--${flag}: got "${value}", expected a number > 0`);
    return n;
  };
}

/** The work of `k6 import` as a function (stdout text and warnings), so tests can call it in-process. */
export function importCommand(file: string, output: OutputFormat | boolean): { stdout: string; warnings: string[] } {
  const format: OutputFormat = output === true ? 'json' : output === false ? 'table' : output;
  const source = readInputFile(file, 'k6 script', MAX_FILE_BYTES.k6Script);
  try {
    const imported = importK6Script(source);
    const plan = planK6Options(imported.options);
    const name = file.replace(/^.*[\\/]/, '').replace(/\.[cm]?js$/, '');
    const workload = k6Workload(plan, { thinkTimeSeconds: imported.thinkTimeSeconds, name });
    const warnings = [...imported.warnings];
    if (workload.kind === 'closed' && imported.thinkTimeNote) warnings.push(imported.thinkTimeNote);
    if (format !== 'table') {
      const spec: WorkloadSpec = { type: 'k6', name, options: imported.options };
      if (workload.kind === 'closed') spec.thinkTimeSeconds = imported.thinkTimeSeconds;
      return { stdout: formatOutput(format, spec, () => ''), warnings };
    }
    const closed = workload.kind === 'closed';
    const unit = closed ? 'VUs' : 'req/s';
    const lines = [
      `k6 script: ${file}`,
      closed
        ? `workload:  closed (each VU loops request + sleep), think time ${imported.thinkTimeSeconds} s (${imported.thinkTimeSource === 'sleep' ? 'from sleep() in the default function' : 'default, no fixed sleep found'})`
        : 'workload:  open (arrival rate; one request per iteration)',
      `duration:  ${formatK6Duration(workload.durationSeconds)} (${round(workload.durationSeconds)} s)`,
      `peak:      ${round(k6Peak(plan))} ${unit}`,
      '',
      table(plan, unit),
      '',
      'ignored for the load shape: gracefulStop, gracefulRampDown, preAllocatedVUs/maxVUs (enough VUs assumed), exec, thresholds',
    ];
    return { stdout: `${lines.join('\n')}\n`, warnings };
  } catch (err) {
    if (err instanceof WorkloadSpecError) throw new UserError(`${file}: ${err.message}`);
    throw err;
  }
}

function table(plan: K6Plan, unit: string): string {
  const rows = [['scenario', 'executor', 'from', 'to', `start ${unit}`, `end ${unit}`]];
  for (const s of plan.scenarios) {
    for (const g of s.segments) {
      rows.push([s.name, s.executor, formatK6Duration(g.fromSeconds), formatK6Duration(g.toSeconds), String(round(g.from)), String(round(g.to))]);
    }
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (c >= 4 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd()).join('\n');
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
