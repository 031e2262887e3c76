import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { createK6NdjsonWriter, createK6SummaryBuilder, k6Time } from '../../k6/k6-output-writer.ts';
import { parseK6Summary } from '../../k6/parse-summary.ts';

test("Metric and Point lines have k6's layout (output/json wrapper.go and json_test.go's expected lines)", () => {
  let out = '';
  const w = createK6NdjsonWriter((t) => (out += t), { http_req_duration: ['p(95)<200'] });
  w.vus(Date.parse('2021-02-24T13:37:10Z'), 3, 10);
  w.request({ timeMs: Date.parse('2021-02-24T13:37:20.5Z'), durationMs: 12.5, status: 200, url: 'http://10.0.0.5:31000/', scenario: 'load' });
  const lines = out.trim().split('\n');
  // First sight of a metric declares it, as k6 does.
  assert.is(lines[0], '{"type":"Metric","data":{"name":"vus","type":"gauge","contains":"default","thresholds":[],"submetrics":null},"metric":"vus"}');
  assert.is(lines[1], '{"metric":"vus","type":"Point","data":{"time":"2021-02-24T13:37:10Z","value":3,"tags":null}}');
  const points = lines.map((l) => JSON.parse(l)).filter((o) => o.type === 'Point');
  assert.equal(points.map((p) => p.metric), ['vus', 'vus_max', 'http_reqs', 'http_req_duration', 'http_req_blocked', 'http_req_connecting', 'http_req_tls_handshaking', 'http_req_sending', 'http_req_waiting', 'http_req_receiving', 'http_req_failed', 'data_sent', 'data_received', 'iteration_duration', 'iterations']);
  const dur = points.find((p) => p.metric === 'http_req_duration');
  assert.equal(dur.data, { time: '2021-02-24T13:37:20.5Z', value: 12.5, tags: { expected_response: 'true', group: '', method: 'GET', name: 'http://10.0.0.5:31000/', proto: 'HTTP/1.1', scenario: 'load', status: '200', url: 'http://10.0.0.5:31000/' } });
  assert.ok(lines.some((l) => l === '{"type":"Metric","data":{"name":"http_req_duration","type":"trend","contains":"time","thresholds":["p(95)<200"],"submetrics":null},"metric":"http_req_duration"}'));
  const failed = points.find((p) => p.metric === 'http_req_failed');
  assert.is(failed.data.value, 0);
});

test("Go's RFC 3339 nanosecond times, trailing zeros trimmed", () => {
  assert.is(k6Time(Date.parse('2026-11-27T10:00:05Z')), '2026-11-27T10:00:05Z');
  assert.is(k6Time(Date.parse('2026-11-27T10:00:05.120Z')), '2026-11-27T10:00:05.12Z');
  assert.is(k6Time(Date.parse('2026-11-27T10:00:05.120Z') + 0.25), '2026-11-27T10:00:05.12025Z');
});

test('a 503 is expected_response=false and http_req_failed=1; the summary counts it in passes, as k6 does', () => {
  let out = '';
  const w = createK6NdjsonWriter((t) => (out += t));
  const s = createK6SummaryBuilder();
  for (const [ms, status] of [[10, 200], [20, 200], [30, 503], [40, 200]] as const) {
    const r = { timeMs: 1_700_000_000_000 + ms, durationMs: ms, status, url: 'http://x/' };
    w.request(r);
    s.request(r);
  }
  const failedPoints = out.trim().split('\n').map((l) => JSON.parse(l)).filter((o) => o.metric === 'http_req_failed' && o.type === 'Point');
  assert.equal(failedPoints.map((p) => [p.data.value, p.data.tags.expected_response]), [[0, 'true'], [0, 'true'], [1, 'false'], [0, 'true']]);
  const summary = parseK6Summary(JSON.stringify(s.data(60_000, { http_req_duration: { 'p(95)<200': true } })));
  assert.equal([summary.requests, summary.failedRequests, summary.latencyMedianMs, summary.latencyMaxMs, summary.durationSeconds], [4, 1, 25, 40, 60]);
  // p(95) of 10,20,30,40 by hand: rank 2.85 → 30 + 0.85 × 10.
  assert.ok(Math.abs(summary.latencyP95Ms! - 38.5) < 1e-9);
  assert.equal(summary.thresholds, { 'http_req_duration: p(95)<200': true });
});
