// One writer per output or model folder: a lock file DIR/.scalelab.lock holding the writer's pid and host.
// Taken atomically (the complete file is written under a unique temp name, then hard-linked into place, which
// fails if a lock exists); a lock whose pid is dead on this host is stale and taken over; a live holder (or one on
// another host, which cannot be checked from here) refuses the second writer with exit 2 naming it.
// Re-entrant within one process (`reproduce` holds its folder while the runner locks it again).
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../lib/errors.ts';

/** The lock file's name inside the folder. */
export const LOCK_FILE = '.scalelab.lock';

/** What a lock file holds. */
export interface LockHolder {
  pid: number;
  host: string;
  /** What holds it, e.g. `scalelab run standard`. */
  command: string;
  /** ISO time it was taken (for the message only). */
  since: string;
  /** Unique per acquisition: a release or takeover only ever removes the lock it read. */
  token: string;
}

/** A held lock; `release` removes the lock file (once the last re-entrant holder releases). */
export interface FolderLock {
  dir: string;
  release(): void;
  /** The stale holder this acquisition took over, if any (for a note to the user). */
  tookOverFrom?: LockHolder;
}

/** Thrown when another live writer holds the folder (exit 2). */
export class FolderLockedError extends UserError {
  readonly holder: LockHolder | undefined;
  constructor(message: string, holder: LockHolder | undefined) {
    super(message);
    this.name = 'FolderLockedError';
    this.holder = holder;
  }
}

const held = new Map<string, { count: number; path: string; text: string }>();

/** Use before writing into `dir` (created if missing); throws FolderLockedError naming the holder. */
export function lockFolder(dir: string, command: string): FolderLock {
  mkdirSync(dir, { recursive: true });
  const key = realpathSync(dir);
  const mine = held.get(key);
  if (mine) {
    mine.count++;
    return { dir, release: () => release(key) };
  }
  const path = join(key, LOCK_FILE);
  const holder: LockHolder = { pid: process.pid, host: hostname(), command, since: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  const text = `${JSON.stringify(holder)}\n`;
  let tookOverFrom: LockHolder | undefined;
  for (let attempt = 0; ; attempt++) {
    if (tryCreate(path, text)) break;
    const current = readHolder(path);
    if (current === 'gone') continue; // released between our attempt and the read: try again
    if (current === 'unreadable' || !isStale(current) || attempt >= 5) {
      throw new FolderLockedError(describeHolder(dir, current), current === 'unreadable' ? undefined : current);
    }
    if (removeIfStill(path, current)) tookOverFrom = current;
  }
  held.set(key, { count: 1, path, text });
  return { dir, release: () => release(key), tookOverFrom };
}

/** Use to run `work` while holding `dir`'s lock; released however `work` ends. */
export async function withFolderLock<T>(dir: string, command: string, work: (lock: FolderLock) => Promise<T>): Promise<T> {
  const lock = lockFolder(dir, command);
  try {
    return await work(lock);
  } finally {
    lock.release();
  }
}

function tryCreate(path: string, text: string): boolean {
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(tmp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    unlinkSync(tmp);
  }
}

function readHolder(path: string): LockHolder | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    return 'unreadable';
  }
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (Number.isSafeInteger(v.pid) && typeof v.host === 'string' && typeof v.token === 'string') return v as LockHolder;
  } catch {
    // fall through
  }
  return 'unreadable';
}

/** Stale = held by a process of this host that no longer exists. */
function isStale(h: LockHolder): boolean {
  if (h.host !== hostname()) return false;
  if (h.pid === process.pid) return false; // our own (a lock object of ours elsewhere): never stale
  try {
    process.kill(h.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Moves the stale lock aside, and puts it back if what was moved is not the lock we judged stale (a race with another taker). */
function removeIfStill(path: string, stale: LockHolder): boolean {
  const aside = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.stale`;
  try {
    renameSync(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
  const moved = readHolder(aside);
  if (moved !== 'gone' && moved !== 'unreadable' && moved.token === stale.token) {
    unlinkSync(aside);
    return true;
  }
  try {
    linkSync(aside, path); // someone else's fresh lock: restore it
  } catch {
    // a third writer took the folder meanwhile; the lock we moved is lost, that writer holds the folder
  }
  unlinkSync(aside);
  return false;
}

function release(key: string): void {
  const mine = held.get(key);
  if (!mine) return;
  if (--mine.count > 0) return;
  held.delete(key);
  try {
    if (readFileSync(mine.path, 'utf8') === mine.text) unlinkSync(mine.path);
  } catch {
    // already gone
  }
}

function describeHolder(dir: string, h: LockHolder | 'gone' | 'unreadable'): string {
  if (h === 'unreadable' || h === 'gone') {
    return `${dir} is locked (${join(dir, LOCK_FILE)} exists but cannot be read): if no scalelab is writing there, remove that file; or use another --out`;
  }
  const where = `pid ${h.pid} on host ${h.host}`;
  return `${dir} is in use by another writer: ${h.command} (${where}, since ${h.since}). Wait for it to finish or use another --out` +
    (h.host === hostname() ? '' : `; if that process no longer runs, remove ${join(dir, LOCK_FILE)}`);
}

// A normal exit (or a crash reported by the CLI) leaves no lock behind; a kill -9 leaves a stale one, taken over next time.
process.on('exit', () => {
  for (const key of [...held.keys()]) {
    held.get(key)!.count = 1;
    release(key);
  }
});
