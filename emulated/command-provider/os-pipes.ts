// A child's stdio as Go's os/exec gives it, so commands behave the same under the stand-in. Node's 'pipe' stdio
// hands the child a Unix socket, and a command that reopens a stream by path (`echo x >> /dev/stderr`,
// `cat /dev/stdin`) then fails with ENXIO. Node cannot call pipe(2), so:
// - each output is a FIFO in a private temporary folder, unlinked once both ends are open (while our read end is
//   open, reopening /dev/stdout or /dev/stderr for writing works as on a pipe);
// - stdin is an unlinked private file holding the whole input (a reopened FIFO would block once we closed the
//   writer, where an anonymous pipe does not; a file reads the same data to EOF both ways).
import { spawnSync } from 'node:child_process';
import { constants, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One output pipe: `childFd` goes into the child's stdio, `parent` is our readable end. */
export interface OutputPipe { childFd: number; parent: Socket }

function withPrivateDir<T>(use: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-cmd-'));
  try { return use(dir); } finally { rmSync(dir, { recursive: true, force: true }); }
}

/** `count` real pipes the child writes and we read. */
export function outputPipes(count: number): OutputPipe[] {
  return withPrivateDir((dir) => {
    const paths = Array.from({ length: count }, (_, i) => join(dir, `out${i}`));
    const made = spawnSync('mkfifo', ['-m', '600', ...paths]);
    if (made.status !== 0) throw new Error(`mkfifo failed: ${made.stderr?.toString().trim() || made.error?.message}`);
    return paths.map((path) => {
      // The read end opens without blocking (no writer yet); the write end then opens at once, and blocking, so
      // the child's writes block on a full pipe as usual.
      const read = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
      const write = openSync(path, constants.O_WRONLY);
      return { childFd: write, parent: new Socket({ fd: read, readable: true, writable: false }) };
    });
  });
}

/** A read-only descriptor of an already unlinked private file holding `content`. */
export function stdinFile(content: string): number {
  return withPrivateDir((dir) => {
    const path = join(dir, 'stdin');
    writeFileSync(path, content, { mode: 0o600 });
    return openSync(path, constants.O_RDONLY);
  });
}
