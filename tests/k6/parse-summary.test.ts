import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { parseK6Summary } from '../../k6/parse-summary.ts';

const fixture = (f: string) => readFileSync(new URL(`../fixtures/k6-results/${f}`, import.meta.url), 'utf8');

test('handleSummary data: counts, failures from http_req_failed.passes, latency stats and threshold results', () => {
  const s = parseK6Summary(fixture('summary-handle.json'));
  assert.is(s.requests, 1000);
  assert.is(s.failedRequests, 23);
  assert.is(s.durationSeconds, 1800.4125);
  assert.is(s.latencyMeanMs, 87.25);
  assert.is(s.latencyMedianMs, 61.5);
  assert.is(s.latencyP95Ms, 231.7);
  assert.is(s.latencyP99Ms, 640.05);
  assert.is(s.latencyMaxMs, 912.4);
  assert.is(s.vusMax, 40);
  assert.equal(s.thresholds, { 'http_req_duration: p(95)<200': false, 'http_req_failed: rate<0.01': false });
});

test('--summary-export files (stats on the metric, thresholds as "failed" booleans) parse too', () => {
  const s = parseK6Summary(fixture('summary-export.json'));
  assert.is(s.requests, 600);
  assert.is(s.failedRequests, 6);
  assert.is(s.latencyP95Ms, 95);
  assert.is(s.latencyP99Ms, undefined);
  assert.is(s.durationSeconds, undefined);
  assert.equal(s.thresholds, { 'http_req_duration: p(95)<200': true });
});

test('a summary without http_reqs is refused naming the field', () => {
  assert.throws(() => parseK6Summary({ metrics: { http_req_duration: { values: { avg: 1, med: 1, max: 1 } } } }), /metrics\.http_reqs/);
  assert.throws(() => parseK6Summary('{"metrics": 3}'), /metrics: expected an object/);
});
