// Background processes of the emulated cluster: started detached with their output in log files, recorded by pid
// with the command they run, and stopped only when the pid still runs that command (a reused pid is left alone).
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** One started process: enough to find it again and to stop it. */
export interface ProcessRecord {
  name: string;
  pid: number;
  /** The executable, checked against /proc/<pid>/cmdline before any signal is sent. */
  command: string;
  log: string;
}

/** Starts `command args` detached (it outlives the CLI), output appended to `log`. */
export function startProcess(name: string, command: string, args: string[], o: { log: string; env?: NodeJS.ProcessEnv; cwd?: string }): ProcessRecord {
  const fd = openSync(o.log, 'a');
  try {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', fd, fd], env: o.env ?? process.env, cwd: o.cwd });
    if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
    child.on('error', () => { /* reported through the readiness wait and the log */ });
    child.unref();
    return { name, pid: child.pid, command, log: o.log };
  } finally {
    closeSync(fd);
  }
}

/** True when `p.pid` is alive, not a zombie, and still runs `p.command`. */
export function isRunning(p: ProcessRecord): boolean {
  try {
    const stat = readFileSync(`/proc/${p.pid}/stat`, 'utf8');
    if (/\) [ZX] /.test(stat)) return false;
    const argv = readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').split('\0');
    return argv.some((a) => a === p.command || a.endsWith(`/${p.command.split('/').pop()}`));
  } catch {
    return false;
  }
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves when the process is gone. */
export async function stopProcess(p: ProcessRecord, graceMs = 10000): Promise<void> {
  if (!isRunning(p)) return;
  try { process.kill(p.pid, 'SIGTERM'); } catch { return; }
  const deadline = Date.now() + graceMs;
  while (isRunning(p)) {
    if (Date.now() > deadline) {
      try { process.kill(p.pid, 'SIGKILL'); } catch { return; }
      await sleep(200);
      return;
    }
    await sleep(100);
  }
}

/** The last lines of a process log, for error messages. */
export function logTail(log: string, lines = 15): string {
  if (!existsSync(log)) return '(no log)';
  return readFileSync(log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A TCP port free on 127.0.0.1 right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** True when something listens on 127.0.0.1:`port`. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(true));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(false)));
  });
}

/** Polls `check` every `everyMs` until it returns true; throws `describe()` after `timeoutMs`. */
export async function waitFor(what: string, check: () => Promise<boolean>, o: { timeoutMs: number; everyMs?: number; describe?: () => string; alive?: () => boolean }): Promise<void> {
  const deadline = Date.now() + o.timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (err) {
      last = err;
    }
    const died = o.alive !== undefined && !o.alive();
    if (died || Date.now() > deadline) {
      if (died) throw new Error(`${what}: the process exited${o.describe ? `\n${o.describe()}` : ''}`);
      const why = last instanceof Error ? ` (last error: ${last.message})` : '';
      throw new Error(`${what}: not ready within ${Math.round(o.timeoutMs / 1000)} s${why}${o.describe ? `\n${o.describe()}` : ''}`);
    }
    await sleep(o.everyMs ?? 200);
  }
}
