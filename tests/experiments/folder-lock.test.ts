// One writer per folder (issue 16 item 1): the lock file, a live holder in another process, stale locks.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { FolderLockedError, LOCK_FILE, lockFolder } from '../../experiments/folder-lock.ts';
import { tempDir } from './helpers/tiny.ts';

/** A pid that certainly ran on this host and no longer exists. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

const lockText = (pid: number, host: string) => JSON.stringify({ pid, host, command: 'scalelab run standard', since: '2026-12-06T08:00:00.000Z', token: 'abc' });

test('the lock file names the writer (pid, host, command) while held and is removed on release', () => {
  const dir = tempDir('lock-basic');
  const lock = lockFolder(dir, 'scalelab run tiny');
  const held = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'));
  assert.equal([held.pid, held.host, held.command], [process.pid, hostname(), 'scalelab run tiny']);
  // Re-entrant in one process: reproduce holds its folder while the runner locks it again.
  const inner = lockFolder(dir, 'scalelab run tiny');
  inner.release();
  assert.ok(existsSync(join(dir, LOCK_FILE)), 'still held by the outer holder');
  lock.release();
  assert.not.ok(existsSync(join(dir, LOCK_FILE)));
});

test('a folder held by a live process is refused (exit 2) naming its pid and host', async () => {
  const dir = tempDir('lock-live');
  const holderScript = `import { lockFolder } from ${JSON.stringify(new URL('../../experiments/folder-lock.ts', import.meta.url).href)};
lockFolder(${JSON.stringify(dir)}, 'scalelab run other'); process.stdout.write('held\\n'); setTimeout(() => {}, 60000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', holderScript], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => String(d).includes('held') && resolve());
      child.on('exit', (code) => reject(new Error(`holder exited early (${code})`)));
    });
    try {
      lockFolder(dir, 'scalelab run tiny');
      assert.unreachable('a second writer must be refused');
    } catch (err) {
      assert.instance(err, FolderLockedError);
      assert.is((err as FolderLockedError).exitCode, 2);
      assert.is((err as FolderLockedError).holder?.pid, child.pid);
      assert.match((err as Error).message, `in use by another writer: scalelab run other (pid ${child.pid} on host ${hostname()}`);
    }
  } finally {
    child.kill('SIGKILL');
  }
});

test('a stale lock (its pid is dead on this host) is taken over, and the takeover is reported', () => {
  const dir = tempDir('lock-stale');
  const pid = deadPid();
  writeFileSync(join(dir, LOCK_FILE), lockText(pid, hostname()));
  const lock = lockFolder(dir, 'scalelab run tiny');
  assert.is(lock.tookOverFrom?.pid, pid);
  assert.is(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid, process.pid);
  lock.release();
});

test('a lock of another host is never judged stale (its pid cannot be checked from here); an unreadable one is refused too', () => {
  const dir = tempDir('lock-host');
  writeFileSync(join(dir, LOCK_FILE), lockText(deadPid(), 'other-host.example'));
  assert.throws(() => lockFolder(dir, 'x'), (err: Error) => err instanceof FolderLockedError && /pid \d+ on host other-host\.example.*remove .*\.scalelab\.lock/.test(err.message));
  writeFileSync(join(dir, LOCK_FILE), 'not json');
  assert.throws(() => lockFolder(dir, 'x'), (err: Error) => err instanceof FolderLockedError && /exists but cannot be read/.test(err.message));
});
