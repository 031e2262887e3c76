// The probe harness: runs the real `scalelab` command (bin/scalelab.js) in a child process with a deadline and
// checks what a user sees. A hang shows up as a timeout, a V8 crash as a signal or exit 134, a raw internal message
// as one of RAW_TEXT below in stderr.
import { execa } from 'execa';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../../../bin/scalelab.js', import.meta.url));
export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** What a user saw. */
export interface CliResult {
  /** The arguments, for messages. */
  args: string[];
  exitCode: number | undefined;
  signal: string | undefined;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

export interface CliOptions {
  /** Text (or bytes) on stdin; default none (stdin closed). */
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Deadline in ms (default 60 s: generous for a loaded 2-core machine; a hang takes hours). */
  timeoutMs?: number;
  /** Run this file with node instead of bin/scalelab.js (e.g. the agent controller's entrypoint). */
  entry?: string[];
}

/** Runs `scalelab ARGS…` and returns what happened (never throws for a failing command). */
export async function scalelab(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const started = Date.now();
  const r = await execa(process.execPath, [...(options.entry ?? [BIN]), ...args], {
    input: options.input ?? '',
    env: { SCALELAB_QUIET: '1', ...options.env },
    cwd: options.cwd ?? ROOT,
    timeout: options.timeoutMs ?? 60_000,
    reject: false,
    stripFinalNewline: false,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { args, exitCode: r.exitCode, signal: r.signal, stdout: String(r.stdout), stderr: String(r.stderr), timedOut: r.timedOut, ms: Date.now() - started };
}

/** Text that only an unhandled internal failure prints: stack frames, V8 fatal errors, JavaScript engine messages.
 * (JSON.parse's syntax detail is allowed after the file and line it concerns: assertRefused checks those are named.) */
export const RAW_TEXT: RegExp[] = [
  /^\s+at .+[:(]\d+/m,
  /FATAL ERROR|heap out of memory|bad_alloc|Aborted|Segmentation/i,
  /Maximum call stack size exceeded/,
  /Cannot read propert(y|ies) of/,
  /is not a function|is not iterable|is not defined|is not a constructor/,
  /Invalid array length|Invalid string length|Array buffer allocation failed/,
  /node:internal|ERR_[A-Z_]{4,}/,
  /\[object Object\]/,
  /TimeoutOverflowWarning|UnhandledPromiseRejection/,
];

/** Asserts a clean refusal: exit `code` (2 = bad input), in time, every `names` pattern in stderr, no raw text. */
export function assertRefused(r: CliResult, names: Array<string | RegExp>, code = 2): void {
  const shown = `scalelab ${r.args.join(' ').slice(0, 300)}: exit ${r.exitCode} signal ${r.signal} after ${r.ms} ms${r.timedOut ? ' (TIMED OUT: a hang)' : ''}\nstderr: ${r.stderr.slice(0, 2000)}`;
  assert.not.ok(r.timedOut, shown);
  assert.is(r.exitCode, code, shown);
  for (const n of names) assert.ok(typeof n === 'string' ? r.stderr.includes(n) : n.test(r.stderr), `stderr names ${n}\n${shown}`);
  assertNoRawText(r);
}

/** Asserts stderr carries no internal text (stack frames, V8 or engine messages). */
export function assertNoRawText(r: CliResult): void {
  for (const raw of RAW_TEXT) assert.not.ok(raw.test(r.stderr), `scalelab ${r.args.join(' ').slice(0, 300)}: raw internal text ${raw} in stderr:\n${r.stderr.slice(0, 2000)}`);
}

/** Asserts a success within the deadline. */
export function assertOk(r: CliResult): void {
  assert.ok(!r.timedOut && r.exitCode === 0, `scalelab ${r.args.join(' ').slice(0, 300)}: exit ${r.exitCode} signal ${r.signal} after ${r.ms} ms${r.timedOut ? ' (TIMED OUT)' : ''}\nstderr: ${r.stderr.slice(0, 2000)}`);
  assertNoRawText(r);
}

/** A fresh temp folder removed when the test process exits. */
export function probeDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `scalelab-probe-${name}-`));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The tiny fixture experiment (2 scenarios × 2 autoscalers × 2 seeds, 5 simulated minutes) with its trace path
 * made absolute, changed by `edit`, written to a temp file; returns the path. */
export function tinyExperiment(dir: string, name: string, edit: (e: TinyExperiment) => void = () => {}): string {
  const e = JSON.parse(readFileSync(join(ROOT, 'tests/experiments/fixtures/tiny.json'), 'utf8')) as TinyExperiment;
  delete e.$schema;
  e.scenarios[1].workload.file = join(ROOT, 'data/traces/twitter-2021-08.rpm.csv');
  edit(e);
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(e, null, 2));
  return path;
}

/** The fixture's shape, loosely: probes put hostile values anywhere. */
export type TinyExperiment = Record<string, unknown> & {
  plant: Record<string, unknown>;
  scenarios: Array<{ name: string; workload: Record<string, unknown>; plant?: Record<string, unknown> }>;
  autoscalers: Array<Record<string, unknown>>;
};

/** A named pipe at `path` (opening it for reading blocks until a writer comes: the classic hang). */
export function mkfifo(path: string): string {
  execFileSync('mkfifo', [path]);
  return path;
}

let records: Promise<string> | undefined;
/** A records.jsonl of the tiny experiment written by a real `scalelab run` (once per test process). */
export function tinyRecords(): Promise<string> {
  records ??= (async () => {
    const dir = probeDir('records');
    const r = await scalelab(['run', tinyExperiment(dir, 'tiny'), '--out', join(dir, 'out'), '--workers', '2']);
    assertOk(r);
    return join(dir, 'out', 'records.jsonl');
  })();
  return records;
}
