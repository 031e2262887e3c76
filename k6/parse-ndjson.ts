// k6 `--out json` lines (one JSON object per line: `Metric` declarations and `Point` samples) → per-request
// data binned by time, so run-level percentiles are over requests and per-minute series can be drawn.
import { jsonLines, type JsonLine } from '../lib/json-lines.ts';

/** Requests completed within one bin. */
export interface K6Bin {
  /** Bin start, seconds since the first request. */
  tSeconds: number;
  requests: number;
  failedRequests: number;
  /** Latency of every request in the bin, ms (unsorted). */
  latenciesMs: number[];
  /** Latency of the successful requests only (k6 tag expected_response="true"), ms. */
  okLatenciesMs: number[];
  /** Highest VU count seen in the bin (0 when k6 reported none). */
  vus: number;
}

/** All requests of a run, binned. */
export interface K6Points {
  /** Epoch ms of the first sample (the time origin of the bins). */
  startEpochMs: number;
  /** Epoch ms of the last sample. */
  endEpochMs: number;
  binSeconds: number;
  bins: K6Bin[];
}

interface Point { metric: string; timeMs: number; value: number; ok: boolean }

function parseLine(line: JsonLine): Point | null {
  const lineNo = line.lineNumber;
  if (!line.ok) throw new Error(`k6 json output line ${lineNo}: not JSON (${line.text.slice(0, 60)})`, { cause: line.error });
  const o = line.value as { type?: string; metric?: string; data?: { time?: string; value?: number; tags?: Record<string, string> | null } };
  if (o.type !== 'Point') return null;
  const timeMs = Date.parse(String(o.data?.time));
  const value = o.data?.value;
  if (!Number.isFinite(timeMs) || typeof value !== 'number') throw new Error(`k6 json output line ${lineNo}: Point without time or value`);
  // k6 tags every http_req_duration with expected_response (false for 4xx/5xx and network errors by default).
  const tags = o.data?.tags ?? {};
  const ok = tags.expected_response !== undefined ? tags.expected_response !== 'false' : !(Number(tags.status) >= 400 || tags.status === '0');
  return { metric: String(o.metric), timeMs, value, ok };
}

/** Parses the NDJSON text; `http_req_duration` points are the requests, `http_req_failed` = 1 marks a failure.
 * Bins start at `startEpochMs` (default: the first sample) so they can align with a Prometheus step grid. */
export function parseK6Ndjson(text: string, binSeconds = 60, startEpochMs?: number): K6Points {
  const points: Point[] = [];
  for (const line of jsonLines(text)) {
    const p = parseLine(line);
    if (p) points.push(p);
  }
  const requestPoints = points.filter((p) => p.metric === 'http_req_duration' || p.metric === 'http_req_failed' || p.metric === 'vus');
  if (requestPoints.length === 0) return { startEpochMs: 0, endEpochMs: 0, binSeconds, bins: [] };
  const start = startEpochMs ?? Math.min(...requestPoints.map((p) => p.timeMs));
  const bins: K6Bin[] = [];
  const bin = (p: Point) => {
    const i = Math.floor((p.timeMs - start) / 1000 / binSeconds);
    if (i < 0) throw new Error(`k6 json output: sample at ${new Date(p.timeMs).toISOString()} before the window start`);
    while (bins.length <= i) bins.push({ tSeconds: bins.length * binSeconds, requests: 0, failedRequests: 0, latenciesMs: [], okLatenciesMs: [], vus: 0 });
    return bins[i];
  };
  for (const p of requestPoints) {
    const b = bin(p);
    if (p.metric === 'http_req_duration') {
      b.requests++;
      b.latenciesMs.push(p.value);
      if (p.ok) b.okLatenciesMs.push(p.value);
    } else if (p.metric === 'http_req_failed') {
      if (p.value !== 0) b.failedRequests++;
    } else {
      b.vus = Math.max(b.vus, p.value);
    }
  }
  return { startEpochMs: start, endEpochMs: Math.max(...requestPoints.map((p) => p.timeMs)), binSeconds, bins };
}
