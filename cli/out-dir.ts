// Checking an --out flag before any long work, so a typo never costs a full run.
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';
import type { LockHolder } from '../experiments/folder-lock.ts';
import { UserError } from './errors.ts';

/** --out must be a directory or creatable as one; creates it, else throws a UserError naming the flag (exit 2). */
export function checkOutDir(dir: string | undefined): void {
  if (dir === undefined) return;
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new UserError(`--out ${dir}: exists and is not a directory (expected an output directory)`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (cause) {
    throw new UserError(`--out ${dir}: cannot create the output directory`, { cause });
  }
}

/** commander argParser for every `--out`: an empty path would silently mean the current folder, so it is refused (exit 2). */
export function nonEmptyPath(value: string): string {
  if (value === '') throw new InvalidArgumentError('expected a non-empty path (an empty --out would write into the current folder)');
  return value;
}

/** A note for stderr when a run took over a stale lock (its writer died without releasing it). */
export function staleLockNote(dir: string, holder: LockHolder | undefined): string | undefined {
  if (!holder) return undefined;
  return `scalelab: took over the stale lock of ${dir} (${holder.command}, pid ${holder.pid} on host ${holder.host} no longer runs)\n`;
}
