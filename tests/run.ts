// Runs the test files under tests/ with Node's built-in test runner and ends with the plain line CI reads:
// `N passed, N failed`. A skipped or todo test counts as failed: nothing may be silently left out.
// Extra arguments filter test files by substring: `npm test -- hpa`. `--integration` runs tests/integration/
// (suites that need Debian tools) instead, one process per file (each starts its own Prometheus or Chromium);
// `--e2e` runs tests/e2e/ (the emulated cluster and the real Pulumi engine; needs `npm run tools`) the same way.
// Test files use `import { test } from 'node:test'` and `uvu/assert`. The unit files run in one child process
// (tests/run-files.ts) with two documented reporters: `spec` for people and tests/count-reporter.ts for the counts.
// The spec output goes to a file this script relays as it grows, so tests that capture process.stdout or stderr
// cannot swallow it.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { TestCounts } from './count-reporter.ts';

const root = resolve(import.meta.dirname);
const args = process.argv.slice(2);
const e2e = args.includes('--e2e');
const integration = args.includes('--integration') || e2e;
const suite = e2e ? 'e2e' : 'integration';
const filters = args.filter((a) => !a.startsWith('--'));

function collect(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const full = join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry === 'fixtures' || entry === 'helpers') continue;
      if ((entry === 'integration' || entry === 'e2e') && dir === root && !(integration && entry === suite)) continue;
      out.push(...collect(full));
    } else if (entry.endsWith('.test.ts')) {
      out.push(full);
    }
  }
  return out;
}

const base = integration ? join(root, suite) : root;
const files = collect(base).filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)));
if (files.length === 0) process.stderr.write('no test files found\n');

// A file still written for uvu's runner would run outside the counts: refuse it by name.
const legacy = files.filter((f) => /from ['"]uvu['"]/.test(readFileSync(f, 'utf8')));
const runnable = files.filter((f) => !legacy.includes(f));

/** Runs `list` in one child process; returns its counts (a crashed child counts as one failure). */
async function runChild(list: string[], work: string): Promise<TestCounts> {
  const id = Math.random().toString(36).slice(2);
  const countsFile = join(work, `counts-${id}.json`);
  const specFile = join(work, `spec-${id}.txt`);
  writeFileSync(specFile, '');
  const child = spawn(
    process.execPath,
    [
      '--import', 'tsx',
      '--test-reporter=spec', `--test-reporter-destination=${specFile}`,
      `--test-reporter=${join(root, 'count-reporter.ts')}`, `--test-reporter-destination=${countsFile}`,
      join(root, 'run-files.ts'), ...list,
    ],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const relay = relayFile(specFile);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  relay.stop();
  let counts: TestCounts;
  try {
    counts = JSON.parse(readFileSync(countsFile, 'utf8')) as TestCounts;
  } catch {
    counts = { passed: 0, failed: 0, skipped: [] };
  }
  if (code !== 0 && counts.failed === 0) {
    process.stdout.write(`FAIL: the test process for ${list.map((f) => relative(root, f)).join(', ')} exited with ${code} without a failing test\n`);
    counts.failed++;
  }
  return counts;
}

/** Copies what is appended to `path` onto stdout, twice a second and once more at `stop`. */
function relayFile(path: string): { stop(): void } {
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(1 << 16);
  const pump = () => {
    for (let n; (n = readSync(fd, buffer, 0, buffer.length, null)) > 0; ) process.stdout.write(buffer.subarray(0, n));
  };
  const timer = setInterval(pump, 500);
  return {
    stop() {
      clearInterval(timer);
      pump();
      closeSync(fd);
    },
  };
}

const work = mkdtempSync(join(tmpdir(), 'scalelab-tests-'));
const total: TestCounts = { passed: 0, failed: legacy.length, skipped: [] };
try {
  const batches = runnable.length === 0 ? [] : integration ? runnable.map((f) => [f]) : [runnable];
  for (const batch of batches) {
    const c = await runChild(batch, work);
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped.push(...c.skipped);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
for (const f of legacy) process.stdout.write(`FAIL: ${relative(root, f)} uses uvu's runner: import { test } from 'node:test' instead and drop test.run()\n`);
for (const s of total.skipped) process.stdout.write(`FAIL (skipped): ${s}\n`);
const failed = total.failed + total.skipped.length;
console.log(`${total.passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || files.length === 0 ? 1 : 0;
