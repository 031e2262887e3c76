// `scalelab compare A B`: the same experiment's records from two backends side by side (real simulator records;
// the second file is the first with hand-changed values, so every expected number is known).
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');
const run = (...args: string[]) => spawnSync(process.execPath, ['bin/scalelab.js', ...args], { cwd: repo, encoding: 'utf8', timeout: 300_000 });
const dir = mkdtempSync(join(tmpdir(), 'scalelab-compare-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

test('two backends\' records of one experiment: the table pairs every cell, the difference is computed, files are written', () => {
  const simOut = join(dir, 'sim');
  const r = run('run', join(repo, 'tests', 'fixtures', 'experiments', 'e2e-smoke.json'), '--backend', 'sim', '--out', simOut);
  assert.is(r.status, 0, r.stderr);
  const sim = readFileSync(join(simOut, 'records.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.is(sim.length, 2);
  // "Emulated": the same records, its HPA cell's cost raised by half.
  mkdirSync(join(dir, 'emu'));
  const emu = sim.map((s) => ({ ...s, backend: 'emulated', metrics: { ...s.metrics, costUsd: s.autoscaler === 'hpa-70' ? s.metrics.costUsd * 1.5 : s.metrics.costUsd } }));
  emu[0].metrics.costPerMillionRequestsUsd = emu[0].metrics.costUsd / emu[0].metrics.successfulRequests * 1e6;
  writeFileSync(join(dir, 'emu', 'records.jsonl'), emu.map((e) => JSON.stringify(e)).join('\n') + '\n');
  const out = join(dir, 'report');
  const c = run('compare', join(dir, 'emu'), simOut, '--out', out, '--json');
  assert.is(c.status, 0, c.stderr);
  const j = JSON.parse(c.stdout);
  assert.equal(j.backends, { a: 'emulated', b: 'sim' });
  assert.equal(j.cells.sort(), ['sudden-spike/hpa-70/1', 'sudden-spike/hybrid/1']);
  const cost = j.metrics.find((m: { cell: string; metric: string }) => m.cell === 'sudden-spike/hpa-70/1' && m.metric === 'costUsd');
  // sim = emulated / 1.5 → (sim − emu) / emu = −1/3.
  assert.ok(Math.abs(cost.relative + 1 / 3) < 1e-9, String(cost.relative));
  assert.is(cost.disagree, true);
  assert.ok(j.metrics.filter((m: { cell: string }) => m.cell === 'sudden-spike/hybrid/1').every((m: { relative: number | null; a: number; b: number }) => m.a === m.b));
  for (const f of ['compare.md', 'index.html', 'compare.svg']) assert.ok(existsSync(join(out, f)), f);
  assert.match(readFileSync(join(out, 'compare.md'), 'utf8'), /\| sudden-spike\/hpa-70\/1 \| cost \(USD\) \|/);
});

test('bad input: no common cell, a missing file, a bad threshold → exit 2 naming it', () => {
  const one = join(dir, 'one.jsonl');
  const other = join(dir, 'other.jsonl');
  const base = readFileSync(join(dir, 'sim', 'records.jsonl'), 'utf8').trim().split('\n')[0];
  writeFileSync(one, `${base}\n`);
  writeFileSync(other, `${JSON.stringify({ ...JSON.parse(base), seed: 7 })}\n`);
  let r = run('compare', one, other);
  assert.is(r.status, 2);
  assert.match(r.stderr, /no cell in common between .*one\.jsonl and .*other\.jsonl:\n {2}sudden-spike\/hpa-70\/1: only in sim/);
  r = run('compare', one, join(dir, 'missing.jsonl'));
  assert.is(r.status, 2);
  assert.match(r.stderr, /missing\.jsonl/);
  r = run('compare', one, one, '--threshold', 'x');
  assert.is(r.status, 2);
  assert.match(r.stderr, /--threshold: got "x"/);
});
