// Runs one command as the real provider does (local/commandOutputs.go run): the interpreter found on the
// provider's PATH, the working directory checked first, stdout and stderr captured separately and interleaved
// for the error message, the logged streams sent line by line, and a failure reported as
// `<os/exec error>: running "<command>":\n<output>`.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, closeSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { commandFailure, exitErrorText, missingDirText, notFoundText } from './go-errors.ts';
import { trimOutput, type Invocation, type RunOutputs } from './lifecycle.ts';
import { outputPipes, stdinFile } from './os-pipes.ts';

/** A command that could not start or ended unsuccessfully; `message` is the real provider's text. */
export class CommandFailedError extends Error {}

const executable = (p: string) => {
  try { accessSync(p, constants.X_OK); return statSync(p).isFile(); } catch { return false; }
};

/** exec.LookPath: a name without `/` is searched on PATH; undefined when not found. */
export function lookPath(program: string, path: string | undefined): string | undefined {
  if (program.includes('/')) return executable(program) ? program : undefined;
  for (const dir of (path ?? '').split(delimiter)) {
    const candidate = join(dir === '' ? '.' : dir, program);
    if (executable(candidate)) return candidate;
  }
  return undefined;
}

/** Splits a byte stream into lines (bufio.ScanLines: `\n` ends a line, a trailing `\r` is dropped). */
function lineSplitter(emit: (line: string) => void) {
  let rest = '';
  return {
    push(chunk: string) {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop() ?? '';
      for (const p of parts) emit(p.endsWith('\r') ? p.slice(0, -1) : p);
    },
    flush() { if (rest !== '') emit(rest); rest = ''; },
  };
}

/** Runs `inv`; resolves with the trimmed streams or rejects with CommandFailedError. `signal` kills it (SIGKILL). */
export function runCommand(inv: Invocation, opts: { log?: (line: string) => void; signal?: AbortSignal; searchPath?: string } = {}): Promise<RunOutputs> {
  const fail = (cause: string, combined = '') => Promise.reject(new CommandFailedError(commandFailure(cause, inv.command, combined)));
  const cwd = inv.dir ?? process.cwd();
  if (inv.dir !== undefined) {
    try { statSync(inv.dir); } catch { return fail(missingDirText(inv.dir)); }
  }
  const program = inv.argv[0]!;
  const resolved = lookPath(program, opts.searchPath ?? process.env.PATH);
  if (!resolved) return fail(notFoundText(program));

  return new Promise((resolve, reject) => {
    const pipes = outputPipes(2);
    const [stdout, stderr] = pipes;
    const stdin = inv.stdin === undefined ? undefined : stdinFile(inv.stdin);
    const destroyPipes = () => { for (const p of pipes) p.parent.destroy(); };
    let child: ChildProcess;
    try {
      child = spawn(resolved, inv.argv.slice(1), { argv0: program, cwd, env: inv.env, stdio: [stdin ?? 'ignore', stdout!.childFd, stderr!.childFd] });
    } catch (e) {
      destroyPipes();
      reject(new CommandFailedError(commandFailure(`fork/exec ${resolved}: ${(e as Error).message}`, inv.command, '')));
      return;
    } finally {
      // Our copies of the child's ends: closed so EOF arrives when the child (and any child of it) exits.
      for (const fd of [stdin, stdout!.childFd, stderr!.childFd]) if (fd !== undefined) closeSync(fd);
    }
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const both: Buffer[] = [];
    const lines = lineSplitter((line) => opts.log?.(line));
    const onData = (into: Buffer[], logged: boolean) => (chunk: Buffer) => {
      into.push(chunk);
      both.push(chunk);
      if (logged) lines.push(chunk.toString('utf8'));
    };
    stdout!.parent.on('data', onData(out, inv.logStdout));
    stderr!.parent.on('data', onData(err, inv.logStderr));
    // Settle when the process has exited and both output pipes reached EOF (cmd.Wait waits for the copies).
    let pending = 3;
    let exit: { code: number | null; sig: NodeJS.Signals | null } = { code: null, sig: null };
    const done = () => { if (--pending === 0) finish(exit.code, exit.sig); };
    stdout!.parent.on('close', done);
    stderr!.parent.on('close', done);
    const kill = () => child.kill('SIGKILL');
    opts.signal?.addEventListener('abort', kill, { once: true });
    child.on('error', (e) => {
      // Could not start (the program vanished or is not executable); nothing ran, so there is no output.
      const reason = (e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : e.message;
      destroyPipes();
      reject(new CommandFailedError(commandFailure(`fork/exec ${resolved}: ${reason}`, inv.command, '')));
    });
    child.on('exit', (code, sig) => { exit = { code, sig }; done(); });
    const finish = (code: number | null, sig: NodeJS.Signals | null) => {
      opts.signal?.removeEventListener('abort', kill);
      lines.flush();
      const combined = Buffer.concat(both).toString('utf8');
      if (code !== 0 || sig) {
        reject(new CommandFailedError(commandFailure(exitErrorText(code, sig), inv.command, combined)));
      } else {
        resolve({ stdout: trimOutput(Buffer.concat(out).toString('utf8')), stderr: trimOutput(Buffer.concat(err).toString('utf8')) });
      }
    };
  });
}
