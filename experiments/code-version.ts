// A fingerprint of the code that produces records (lib, workloads, sim, agent): stored in every record so a
// resumed run never mixes records of an older simulator or autoscaler with new ones.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FOLDERS = ['lib', 'workloads', 'sim', 'agent'];
const FILES = ['experiments/run-sim-cell.ts'];

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of entries) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...tsFiles(full));
    else if (name.endsWith('.ts')) out.push(full);
  }
  return out;
}

let cached: string | undefined;

/** SHA-256 (16 hex digits) over the paths and contents of every .ts file of the folders that shape a record. */
export function codeVersion(): string {
  if (cached !== undefined) return cached;
  const hash = createHash('sha256');
  for (const file of [...FOLDERS.flatMap((f) => tsFiles(join(ROOT, f))), ...FILES.map((f) => join(ROOT, f))]) {
    {
      hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
    }
  }
  cached = hash.digest('hex').slice(0, 16);
  return cached;
}
