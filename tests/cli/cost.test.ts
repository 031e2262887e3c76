import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { makeRecord } from '../reports/helpers/synthetic-records.ts';

const repo = resolve(import.meta.dirname, '../..');
const run = (...args: string[]) => spawnSync(process.execPath, ['bin/scalelab.js', ...args], { cwd: repo, encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'scalelab-cost-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

// HPA: 10 pod-hours of 250m + 256 MiB per run, 1 M requests; hybrid half the pod-hours.
const file = join(dir, 'records.jsonl');
const records = [1, 2, 3].flatMap((s) => [['hpa-70', 'hpa', 10], ['hybrid', 'hybrid', 5]].map(([name, type, podHours]) => {
  const r = makeRecord(name as string, s, { podHours: podHours as number, costUsd: (podHours as number) * 0.01125, successfulRequests: 1_000_000, requests: 1_000_000 }, { withSeries: false });
  r.config = { plant: { cpuRequestMilli: 250, memoryRequestMiB: 256, pricePerVcpuHourUsd: 0.04, pricePerGibHourUsd: 0.005 }, autoscaler: { name, type } };
  return JSON.stringify(r);
}));
writeFileSync(file, `${records.join('\n')}\n`);

test('`cost --json` reprices the runs and projects the month (hand values)', () => {
  const r = run('cost', file, '--json', '--requests-per-month', '200000000', '--price-vcpu-hour', '0.1', '--resamples', '100');
  assert.is(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const hpa = out.autoscalers.find((a: { autoscaler: string }) => a.autoscaler === 'hpa-70');
  // 10 × (0.25 × 0.10 + 0.25 × 0.005) = $0.2625 per million requests → × 200 = $52.50 a month.
  assert.ok(Math.abs(hpa.costPerMillionUsd.estimate - 0.2625) < 1e-12);
  assert.ok(Math.abs(hpa.monthlyUsd.estimate - 52.5) < 1e-9);
  assert.equal(out.prices, { vcpuHourUsd: 0.1, gibHourUsd: 'as recorded' });
  const hybrid = out.autoscalers.find((a: { autoscaler: string }) => a.autoscaler === 'hybrid');
  assert.ok(Math.abs(hybrid.savings[0].monthlyUsd.estimate - 26.25) < 1e-9);
});

test('`cost` prints the cost table and the savings table', () => {
  const r = run('cost', file, '--resamples', '100');
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /Cost calculator — 100,000,000 requests per month/);
  // 5 pod-hours × $0.01125 per million requests = $0.05625 (printed to 3 significant digits).
  assert.match(r.stdout, /hybrid \(agent\) +0\.056[23] \[0\.056[23], 0\.056[23]\] \$/, r.stdout);
  assert.match(r.stdout, /Monthly saving against each baseline/);
});

test('--tuning: the tuning records choose the frontier, the held-out records are costed; the agent’s saving vs the frontier (hand value)', () => {
  const rec = (experiment: string, name: string, type: string, seed: number, costUsd: number, violationPct: number): string => {
    const r = makeRecord(name, seed, { costUsd, successfulRequests: 1_000_000, requests: 1_000_000, slaViolationRateRequests: violationPct / 100 }, { withSeries: false, experiment });
    r.config = { autoscaler: { name, type } };
    return JSON.stringify(r);
  };
  const tuningFile = join(dir, 'tuning.jsonl');
  const heldoutFile = join(dir, 'heldout.jsonl');
  // hpa-100 is dear on the tuning seeds ($8, off the hull of (1 %, $10) and (5 %, $5)) and $6 on the held-out seeds.
  writeFileSync(tuningFile, [101, 102].flatMap((s) => [rec('tuning', 'hpa-50', 'hpa', s, 10, 1), rec('tuning', 'hpa-100', 'hpa', s, 8, 3), rec('tuning', 'hpa-150', 'hpa', s, 5, 5)]).join('\n'));
  writeFileSync(heldoutFile, [201, 202, 203].flatMap((s) => [rec('heldout', 'hpa-50', 'hpa', s, 10, 1), rec('heldout', 'hpa-100', 'hpa', s, 6, 3), rec('heldout', 'hpa-150', 'hpa', s, 5, 5), rec('heldout', 'hybrid', 'hybrid', s, 4.4, 4)]).join('\n'));
  const r = run('cost', heldoutFile, '--tuning', tuningFile, '--json', '--resamples', '50');
  assert.is(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const hybrid = out.autoscalers.find((a: { autoscaler: string }) => a.autoscaler === 'hybrid');
  // Frontier (1 %, $10)–(5 %, $5) at 4 %: $6.25 per million; hybrid $4.40 → 29.6 % cheaper; 100 M requests: $625 − $440 = $185 a month.
  assert.is(hybrid.vsFrontier.family, 'hpa');
  assert.ok(Math.abs(hybrid.vsFrontier.pct - ((6.25 - 4.4) / 6.25) * 100) < 1e-9, String(hybrid.vsFrontier.pct));
  assert.ok(Math.abs(hybrid.vsFrontier.monthlyUsd - 185) < 1e-9);
  // Only the held-out runs are costed: hpa-100 at $6 per million, not the tuning runs' $8.
  assert.ok(Math.abs(out.autoscalers.find((a: { autoscaler: string }) => a.autoscaler === 'hpa-100').costPerMillionUsd.estimate - 6) < 1e-9);
});

test('bad flags and files exit 2 with the flag or file named, never a stack trace', () => {
  for (const [args, message] of [
    [['--requests-per-month', 'lots'], /--requests-per-month: got "lots", expected a positive number/],
    [['--price-gib-hour', '-1'], /--price-gib-hour: got "-1", expected a price in \$ ≥ 0/],
    [['-o', 'yaml'], /--output: got "yaml", expected "table" or "json"/],
  ] as const) {
    const r = run('cost', file, ...args);
    assert.is(r.status, 2, r.stderr);
    assert.match(r.stderr, message);
    assert.not.match(r.stderr, /\n\s+at /);
  }
  const missing = run('cost', join(dir, 'nope.jsonl'));
  assert.is(missing.status, 2);
  assert.match(missing.stderr, /cannot read records file/);
});
