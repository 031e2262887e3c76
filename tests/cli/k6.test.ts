import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { buildWorkload } from '../../workloads/index.ts';
import { importCommand } from '../../cli/commands/k6.ts';
import { UserError } from '../../cli/errors.ts';

const repo = resolve(import.meta.dirname, '../..');
const run = (...args: string[]) => spawnSync(process.execPath, ['bin/scalelab.js', ...args], { cwd: repo, encoding: 'utf8' });

test('`k6 import --json` prints a WorkloadSpec that builds the script\'s ramping-vus workload', () => {
  const r = run('k6', 'import', 'tests/fixtures/k6/ramping-vus-stages.js', '--json');
  assert.is(r.status, 0, r.stderr);
  const spec = JSON.parse(r.stdout);
  assert.is(spec.type, 'k6');
  assert.is(spec.thinkTimeSeconds, 0.5);
  const w = buildWorkload(spec, { seed: 1 });
  assert.is(w.kind, 'closed');
  assert.is(w.durationSeconds, 240, '30 s + 1 m + 2 m + 30 s');
  if (w.kind !== 'closed') return;
  // stages shortcut: startVUs 1 → 10 over 30 s, → 50 over 1 m: at 15 s 1 + 9/2 = 5.5 → 5 VUs; at 60 s 10 + 40/2 = 30
  assert.is(w.vusAt(15), 5);
  assert.is(w.vusAt(60), 30);
  assert.is(w.vusAt(200), 50);
});

test('`k6 import` prints kind, duration, peak and a stage table', () => {
  const { stdout } = importCommand(resolve(repo, 'tests/fixtures/k6/arrival-rate-scenarios.js'), false);
  assert.match(stdout, /workload: +open/);
  assert.match(stdout, /duration: +5m0s \(300 s\)/);
  assert.match(stdout, /peak: +120 req\/s/);
  assert.match(stdout, /spike +ramping-arrival-rate +1m0s +2m0s +0 +100/);
  const closed = importCommand(resolve(repo, 'tests/fixtures/k6/scenarios-vus-export-list.js'), false).stdout;
  assert.match(closed, /think time 3 s/);
  assert.match(closed, /peak: +25 VUs/);
});

test('an unreadable script exits 2 with the problem and its line, and no stack trace', () => {
  const r = run('k6', 'import', 'tests/fixtures/k6/function-call-options.js');
  assert.is(r.status, 2);
  assert.match(r.stderr, /function-call-options\.js: options\.stages \(line 13\).*function call/);
  assert.not.match(r.stderr, /\n\s+at /);
  assert.throws(() => importCommand('tests/fixtures/k6/no-such-script.js', false), (e: unknown) => e instanceof UserError && /cannot read k6 script/.test((e as Error).message));
});

test('`k6 summarize --json` prints requests, failedRequests and latency quantiles of a k6 summary; exit 0', () => {
  const r = run('k6', 'summarize', 'tests/fixtures/k6-results/summary-handle.json', '--json');
  assert.is(r.status, 0, r.stderr);
  const o = JSON.parse(r.stdout);
  assert.equal([o.requests, o.failedRequests, o.latencyP50Ms, o.latencyP95Ms, o.latencyP99Ms], [1000, 23, 61.5, 231.7, 640.05]);
});

test('`k6 summarize` reads --out json NDJSON: 10 requests, 2 failed, P50 of 10..100 ms by k6\'s rule (55 ms, ±0.5 %)', () => {
  const r = run('k6', 'summarize', 'tests/fixtures/k6-results/run.ndjson');
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /requests: +10\n/);
  assert.match(r.stdout, /failed requests: 2 \(20\.00 %\)/);
  const p50 = Number(/latency p50: +([\d.]+) ms/.exec(r.stdout)![1]);
  assert.ok(Math.abs(p50 - 55) <= 0.005 * 55, String(p50));
});

test('`k6 summarize` of something else: exit 2 with the file named, no stack trace', () => {
  for (const file of ['package.json', 'tests', 'no-such-file.ndjson']) {
    const r = run('k6', 'summarize', file);
    assert.is(r.status, 2, `${file}: ${r.stderr}`);
    assert.match(r.stderr, file);
    assert.not.match(r.stderr, /\n\s+at /);
  }
});

test('`k6 export --duration 1e12` is refused with exit 2 (it crashed V8); the longest workload duration still exports', () => {
  const r = run('k6', 'export', 'steady', '--duration', '1e12');
  assert.is(r.status, 2, r.stderr);
  assert.match(r.stderr, /--duration: got "1e12", expected at most 9223372036 s/);
  // The longest workload a scenario may have (366 days, workloads/limits.ts) still exports.
  const ok = run('k6', 'export', 'steady', '--duration', '31622400');
  assert.is(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /"executor": "ramping-arrival-rate"/);
});

