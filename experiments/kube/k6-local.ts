// Runs the generated script with the k6 on PATH, supervised with execa: `k6 run --quiet --out json=<file> script.js`
// in its own process group, TARGET_URL and SUMMARY_PATH as env. Abort (Ctrl-C, SIGTERM, a failed cell) sends
// SIGINT to the whole group — k6 stops the test and still writes its summary — then SIGKILL after a grace period;
// a run longer than the load plus a margin is killed the same way. k6's own output is streamed to `log` line by
// line and only its last 64 KB kept for the error message. k6 exits 99 when a threshold fails: a result, not an error.
import { execa } from 'execa';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a local k6 run leaves behind: the summary JSON text and the path of the NDJSON points (read streaming). */
export interface K6RunOutput {
  summaryJson: string;
  ndjsonPath: string;
  exitCode: number;
}

/** How to supervise one k6 run. */
export interface K6RunLimits {
  /** Kill k6 after this long, ms (the load's length plus a margin). */
  timeoutMs: number;
  /** Between SIGINT and SIGKILL, ms (default 15 s). */
  graceMs?: number;
  log?: (line: string) => void;
}

/** Most of k6's own output kept for an error message, bytes. */
export const K6_OUTPUT_TAIL_BYTES = 64 * 1024;

/** Runs k6 in `dir`; rejects when k6 fails for another reason than thresholds (exit 99), times out, or is aborted. */
export async function runLocalK6(script: string, targetUrl: string, dir: string, signal: AbortSignal, limits: K6RunLimits): Promise<K6RunOutput> {
  const scriptPath = join(dir, 'script.js');
  const summaryPath = join(dir, 'summary.json');
  const ndjsonPath = join(dir, 'k6.ndjson');
  writeFileSync(scriptPath, script);
  const child = execa('k6', ['run', '--quiet', '--out', `json=${ndjsonPath}`, scriptPath], {
    env: { TARGET_URL: targetUrl, SUMMARY_PATH: summaryPath },
    detached: true, // its own process group, so a stop reaches k6 and anything it started
    buffer: false,
    reject: false,
    stdin: 'ignore',
  });
  let tail = '';
  let partial = '';
  const onData = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    tail = (tail + text).slice(-K6_OUTPUT_TAIL_BYTES);
    const lines = (partial + text).split('\n');
    partial = lines.pop()!.slice(-K6_OUTPUT_TAIL_BYTES);
    for (const l of lines) if (l.trim() !== '') limits.log?.(`k6: ${l.slice(0, 1000)}`);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  let why: string | undefined;
  let killer: NodeJS.Timeout | undefined;
  const stopGroup = (reason: string) => {
    if (why !== undefined || child.pid === undefined) return;
    why = reason;
    signalGroup(child.pid, 'SIGINT');
    killer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), limits.graceMs ?? 15_000);
  };
  // When k6 itself has exited, nothing it started may outlive it (and hold its output pipes open): kill the rest of its group.
  child.on('exit', () => child.pid !== undefined && signalGroup(child.pid, 'SIGKILL'));
  const onAbort = () => stopGroup('interrupted');
  if (signal.aborted) onAbort();
  signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => stopGroup(`timed out after ${Math.round(limits.timeoutMs / 1000)} s`), limits.timeoutMs);
  try {
    const out = await child;
    if (why !== undefined) throw new Error(`k6 was stopped: ${why}`);
    if (out.exitCode !== 0 && out.exitCode !== 99) throw new Error(`k6 exited with ${out.exitCode ?? out.signal}: ${tail.slice(-500)}`);
    return { summaryJson: readFileSync(summaryPath, 'utf8'), ndjsonPath, exitCode: out.exitCode ?? 0 };
  } finally {
    clearTimeout(timer);
    if (killer) clearTimeout(killer);
    signal.removeEventListener('abort', onAbort);
  }
}

function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    // the group is gone already
  }
}
