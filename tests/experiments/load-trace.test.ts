import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadTraceFile, traceLoader } from '../../experiments/load-trace.ts';
import { UserError } from '../../cli/errors.ts';
import { buildWorkload, traceStats, traceWorkload } from '../../workloads/index.ts';

const repo = resolve(import.meta.dirname, '../..');
const twitter = join(repo, 'data/traces/twitter-2021-08.rpm.csv');

test('the shipped Twitter trace loads with the figures published in data/traces/README.md', () => {
  const trace = loadTraceFile(twitter);
  const stats = traceStats(trace);
  assert.is(trace.name, 'twitter-2021-08');
  assert.is(trace.resolutionSeconds, 60);
  assert.is(stats.intervals, 31_651);
  assert.is(Math.round(stats.meanPerInterval), 3_816);
  assert.is(stats.maxPerInterval, 18_006);
  assert.ok(stats.zeroIntervals > 0, 'the capture gaps (zero minutes) are kept');
});

test('the Twitter trace scaled to a peak reaches exactly that peak with uniform spreading', () => {
  const w = traceWorkload(loadTraceFile(twitter), { peakRps: 300 });
  assert.ok(Math.abs(w.scaleFactor - 300 / (18_006 / 60)) < 1e-12);
  let peak = 0;
  for (let t = 0; t < w.durationSeconds; t += 60) peak = Math.max(peak, w.rateAt(t));
  assert.ok(Math.abs(peak - 300) < 1e-9, `peak ${peak}`);
  assert.is(w.durationSeconds, 31_651 * 60);
});

test('traceLoader resolves spec paths against a base directory for buildWorkload', () => {
  const w = buildWorkload({ type: 'trace', file: 'data/traces/twitter-2021-08.rpm.csv', startSeconds: 3600, durationSeconds: 3600, meanRps: 50 }, { seed: 1, loadTrace: traceLoader(repo) });
  let total = 0;
  for (let t = 0; t < 3600; t++) total += w.kind === 'open' ? w.rateAt(t) : NaN;
  assert.ok(Math.abs(total / 3600 - 50) < 1e-9);
});

test('bad content is a user error naming the file and the line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-trace-'));
  try {
    const file = join(dir, 'broken.csv');
    writeFileSync(file, 'minute,requests\n0,10\n1,ten\n');
    try {
      loadTraceFile(file);
      assert.unreachable('bad trace accepted');
    } catch (err) {
      assert.instance(err, UserError);
      assert.is((err as UserError).exitCode, 2);
      assert.match((err as Error).message, new RegExp(`^trace file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, line 3: got "ten", expected a request count ≥ 0 and ≤ 600000000 \\(10000000 req/s\\)$`));
    }
    assert.throws(() => loadTraceFile(join(dir, 'missing.csv')), (err: unknown) => err instanceof UserError && /cannot read trace file .*missing\.csv/.test((err as Error).message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
