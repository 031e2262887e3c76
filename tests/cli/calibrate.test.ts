// `scalelab calibrate` as a user runs it: records of a known plant → JSON, plant file, report; the plant file
// runs in an experiment; bad input is exit 2 naming the file.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { defaultPlantConfig } from '../../sim/config.ts';
import { BURSTS, TRUTH, knownPlantRecords } from '../sim/calibration/helpers/known-plant.ts';

const repo = resolve(import.meta.dirname, '../..');
const run = (...args: string[]) => spawnSync(process.execPath, ['bin/scalelab.js', ...args], { cwd: repo, encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'scalelab-calibrate-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

// Poisson arrivals here (calibrate.test.ts uses expected counts): the base-time fit must model the per-tick mixture.
const records = await knownPlantRecords(BURSTS, [1, 2], { poissonArrivals: true });
const recordsFile = join(dir, 'records.jsonl');
writeFileSync(recordsFile, records.map((r) => `${JSON.stringify(r)}\n`).join(''));

test('`calibrate --json --out --report` prints plant + fit, writes the plant file and the report', () => {
  const plantFile = join(dir, 'plant.json');
  const reportDir = join(dir, 'report');
  const r = run('calibrate', recordsFile, '--json', '--out', plantFile, '--report', reportDir, '--resamples', '200');
  assert.is(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(Object.keys(out.plant).sort(), Object.keys(defaultPlantConfig).sort());
  assert.equal(JSON.parse(readFileSync(plantFile, 'utf8')), out.plant);
  assert.ok(Math.abs(out.fit.cpuPerRequestCoreSeconds.estimate / TRUTH.cpuPerRequestCoreSeconds - 1) < 0.01);
  assert.is(out.fit.cpuPerRequestCoreSeconds.recordsUsed, 2);
  assert.ok(Math.abs(out.fit.baseServiceTimeMs.estimate / TRUTH.baseServiceTimeMs - 1) < 0.025, String(out.fit.baseServiceTimeMs.estimate));
  assert.is(out.fit.metricsLagSeconds.identifiable, false);
  assert.is(out.sources.metricsLagSeconds, 'default');
  assert.is(out.sources.baseServiceTimeMs, 'fitted');
  const md = readFileSync(join(reportDir, 'calibration.md'), 'utf8');
  assert.match(md, /\| `cpuPerRequestCoreSeconds` \| 0\.008\d* core-seconds \| \[/);
  assert.match(md, /`metricsLagSeconds`: not identifiable/);
  assert.match(readFileSync(join(reportDir, 'calibration-cpu.svg'), 'utf8'), /^<svg/);

  // The plant file runs: an experiment naming it records exactly that plant.
  writeFileSync(join(dir, 'exp.json'), JSON.stringify({
    name: 'on-calibrated', seeds: [1], plant: 'plant.json',
    scenarios: [{ name: 's', workload: { type: 'steady', rps: 50, durationSeconds: 120 } }],
    autoscalers: [{ name: 'hpa-70', type: 'hpa', targetCpuUtilization: 70 }],
  }));
  const ran = run('run', join(dir, 'exp.json'), '--out', join(dir, 'run'), '--workers', '1');
  assert.is(ran.status, 0, ran.stderr);
  const record = JSON.parse(readFileSync(join(dir, 'run', 'records.jsonl'), 'utf8').split('\n')[0]);
  assert.equal(record.config.plant, out.plant);
});

test('the table says which parameters are not identifiable and which plant fields are defaults', () => {
  const r = run('calibrate', recordsFile, '--resamples', '50');
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /metricsLagSeconds +not identifiable/);
  assert.match(r.stdout, /defaults: .*metricsLagSeconds/);
});

const bad: { title: string; file: () => string; says: RegExp }[] = [
  { title: 'a missing file', file: () => join(dir, 'none.jsonl'), says: /cannot read records file .*none\.jsonl: no such file/ },
  { title: 'an empty file', file: () => (writeFileSync(join(dir, 'empty.jsonl'), ''), join(dir, 'empty.jsonl')), says: /empty\.jsonl: no records \(the file is empty\)/ },
  { title: 'a file that is not records', file: () => (writeFileSync(join(dir, 'exp-as-records.jsonl'), '{"name":"x","seeds":[1]}\n'), join(dir, 'exp-as-records.jsonl')), says: /exp-as-records\.jsonl, line 1/ },
  {
    title: 'records without series',
    file: () => (writeFileSync(join(dir, 'bare.jsonl'), `${JSON.stringify({ ...records[0], series: undefined })}\n`), join(dir, 'bare.jsonl')),
    says: /bare\.jsonl: none of the 1 records has per-minute series/,
  },
];
for (const b of bad) {
  test(`\`calibrate\` on ${b.title} exits 2 naming it, without a stack trace`, () => {
    const r = run('calibrate', b.file(), '--out', join(dir, 'never.json'));
    assert.is(r.status, 2, r.stderr);
    assert.match(r.stderr, b.says);
    assert.not.match(r.stderr, /\n\s+at /);
    assert.not.ok(existsSync(join(dir, 'never.json')));
  });
}
