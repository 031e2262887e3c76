// Streams an hour of k6 `--out json` output at 100 req/s (360,000 requests, k6's default tags, ~3 KB per request)
// to a file with the shared writer, never holding it in memory, and returns the exact facts to compare against:
// k6's own summary of the same requests (exact trend statistics) and the file size.
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { createK6NdjsonWriter, createK6SummaryBuilder } from '../../../k6/k6-output-writer.ts';

export interface WrittenRun {
  path: string;
  bytes: number;
  requests: number;
  summary: Record<string, unknown>;
  startEpochMs: number;
}

/** Writes `requests` requests (default 360,000 = 1 h × 100 req/s) to `path`; latencies log-normal-ish, 1 % 503s. */
export function writeHourOfLoad(path: string, requests = 360_000, startEpochMs = Date.parse('2026-11-27T10:00:00Z')): WrittenRun {
  const fd = openSync(path, 'w');
  let buf = '';
  const flush = () => {
    writeSync(fd, buf);
    buf = '';
  };
  const w = createK6NdjsonWriter((t) => {
    buf += t;
    if (buf.length > 1 << 20) flush();
  }, { http_req_duration: ['p(95)<200'], http_req_failed: ['rate<0.01'] });
  const summary = createK6SummaryBuilder();
  let seed = 42;
  const u = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) + 0.5) / 2 ** 31;
  const rps = 100;
  for (let i = 0; i < requests; i++) {
    const timeMs = startEpochMs + (i * 1000) / rps + 3;
    if (i % rps === 0) w.vus(timeMs - 3, 20, 50);
    const normal = Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
    const r = { timeMs, durationMs: Math.round(40 * Math.exp(0.6 * normal) * 1000) / 1000, status: i % 100 === 37 ? 503 : 200, url: 'http://10.20.30.40:31000/', scenario: 'load' };
    w.request(r);
    summary.request(r);
  }
  flush();
  closeSync(fd);
  return { path, bytes: statSync(path).size, requests, summary: summary.data((requests / rps) * 1000), startEpochMs };
}
