// End to end through bin/scalelab.js (a real process, as a user runs it). Kept to two spawns: CLI start-up is slow.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { TINY_PATH, tempDir } from '../experiments/helpers/tiny.ts';

const BIN = fileURLToPath(new URL('../../bin/scalelab.js', import.meta.url));
const scalelab = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, SCALELAB_QUIET: '1' } });

test('scalelab run FILE --out DIR --json runs every cell in worker threads and prints the summary as JSON', () => {
  const out = tempDir('cli-run');
  // Issue 16: --workers 1000 once started 1000 threads (5.7 GB, 20× slower); it is capped at the cores, with a note.
  const r = scalelab('run', TINY_PATH, '--out', out, '--workers', '1000', '--json');
  assert.is(r.status, 0, r.stderr);
  assert.ok(r.stderr.includes(`note: --workers 1000: using ${availableParallelism()}, the number of cores`), r.stderr);
  const lines = readFileSync(join(out, 'records.jsonl'), 'utf8').trim().split('\n');
  assert.is(lines.length, 8);
  assert.equal(lines.map((l) => JSON.parse(l).schema), Array(8).fill('scalelab.run/v1'));
  const json = JSON.parse(r.stdout);
  assert.equal([json.experiment, json.cells, json.ran, json.skipped], ['tiny', 8, 8, 0]);
  assert.equal(json.summary.map((s: { scenario: string; autoscaler: string }) => `${s.scenario}/${s.autoscaler}`), ['spike/hpa-70', 'spike/kpa', 'twitter/hpa-70', 'twitter/kpa']);
  assert.equal(Object.keys(json.summary[0]), ['scenario', 'autoscaler', 'seeds', 'slaViolationPct', 'latencyP95Ms', 'costUsd', 'meanPods']);
});

test('scalelab run on a bad experiment exits 2 naming the field, without a stack trace', () => {
  const dir = tempDir('cli-bad');
  const file = join(dir, 'bad.json');
  const e = JSON.parse(readFileSync(TINY_PATH, 'utf8'));
  e.scenarios[1].workload.file = fileURLToPath(new URL('../../data/traces/twitter-2021-08.rpm.csv', import.meta.url));
  e.autoscalers[0].targetCpuUtilization = 'seventy';
  writeFileSync(file, JSON.stringify(e));
  const r = scalelab('run', file, '--out', join(dir, 'out'));
  assert.is(r.status, 2);
  assert.match(r.stderr, /^scalelab: experiment .*bad\.json: autoscalers\[0\]\.targetCpuUtilization: expected an integer > 0, got "seventy"$/m);
  assert.not.match(r.stderr, /\n\s+at /);
});
