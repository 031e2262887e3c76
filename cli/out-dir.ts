// Checking an --out flag before any long work, so a typo never costs a full run.
import { existsSync, mkdirSync, statSync } from 'node:fs';
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
