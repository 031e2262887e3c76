// Runs every uvu suite under tests/ in one process and ends with the plain line CI reads:
// `N passed, N failed`. `--integration` runs tests/integration/ (suites that need Debian tools) instead, `--e2e`
// tests/e2e/ (suites that need the tools `npm run tools` builds).
// Extra arguments filter test files by substring: `npm test -- hpa`.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname);
const args = process.argv.slice(2);
const integration = args.includes('--integration');
const e2e = args.includes('--e2e');
const filters = args.filter((a) => !a.startsWith('--'));

function collect(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry === 'fixtures' || entry === 'helpers') continue;
      if (dir === root && (entry === 'integration' || entry === 'e2e') && join(root, entry) !== base) continue;
      out.push(...collect(full));
    } else if (entry.endsWith('.test.ts')) {
      out.push(full);
    }
  }
  return out;
}

const base = integration ? join(root, 'integration') : e2e ? join(root, 'e2e') : root;
const files = collect(base).filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));

// Capture uvu's summary while passing its output through.
let captured = '';
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
  captured += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
  if (captured.length > 20000) captured = captured.slice(-10000);
  return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
}) as typeof process.stdout.write;

(globalThis as Record<string, unknown>).UVU_DEFER = 1;
const uvu = await import('uvu');
const queue = (globalThis as unknown as { UVU_QUEUE: unknown[][] }).UVU_QUEUE;
let loadFailures = 0;
let index = 0;
for (const file of files) {
  (globalThis as Record<string, unknown>).UVU_INDEX = index++;
  queue.push([relative(root, file)]);
  try {
    await import(pathToFileURL(file).href);
  } catch (err) {
    loadFailures++;
    process.stderr.write(`\nFAIL to load ${relative(root, file)}: ${err instanceof Error ? err.stack : String(err)}\n`);
  }
}
await uvu.exec(false);

const plain = captured.replace(/\x1b\[[0-9;]*m/g, '');
const total = Number(/Total:\s+(\d+)/.exec(plain)?.[1] ?? 0);
const passed = Number(/Passed:\s+(\d+)/.exec(plain)?.[1] ?? 0);
const skipped = Number(/Skipped:\s+(\d+)/.exec(plain)?.[1] ?? 0);
const failed = total - passed - skipped + loadFailures;
if (files.length === 0) process.stderr.write('no test files found\n');
process.stdout.write = write;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 || files.length === 0 ? 1 : 0;
