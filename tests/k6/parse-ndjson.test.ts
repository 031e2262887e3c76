import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parseK6Ndjson } from '../../k6/parse-ndjson.ts';

const text = readFileSync(new URL('../fixtures/k6-results/run.ndjson', import.meta.url), 'utf8');

test('points are binned per minute from the first sample: 4 requests (1 failed) then 6 (1 failed)', () => {
  const p = parseK6Ndjson(text);
  assert.is(p.startEpochMs, Date.parse('2026-11-27T10:00:00Z'));
  assert.is(p.bins.length, 2);
  assert.equal(p.bins.map((b) => [b.tSeconds, b.requests, b.failedRequests, b.vus]), [
    [0, 4, 1, 3],
    [60, 6, 1, 5],
  ]);
  // The 503 at 59.999 s (40 ms) and the 500 at 100 s (90 ms) are tagged expected_response="false": only the
  // successful requests' latencies are kept (sum, count over the SLA, histogram).
  assert.equal(p.bins.map((b) => [b.okRequests, b.okLatencySumMs]), [[3, 60], [5, 360]]);
  const slow = parseK6Ndjson(text, 60, undefined, 65);
  assert.equal(slow.bins.map((b) => b.okSlowRequests), [0, 3], 'over 65 ms: 70, 80, 100');
  assert.equal(Array.from(p.bins[1].okLatencyCounts).reduce((a, b) => a + b, 0), 5);
});

test('10-second bins split the same requests finer', () => {
  const p = parseK6Ndjson(text, 10);
  assert.is(p.bins.length, 12);
  assert.is(p.bins.reduce((s, b) => s + b.requests, 0), 10);
  assert.is(p.bins[0].requests, 1);
});

test('a broken line is reported with its line number', () => {
  assert.throws(() => parseK6Ndjson('{"type":"Point"}\n'), /line 1/);
  assert.throws(() => parseK6Ndjson('\n{nope'), /line 2: not JSON/);
});
