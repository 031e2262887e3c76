// k6 `--out json` NDJSON → what a RunRecord needs, one line at a time and in bounded memory, whatever the size
// (an hour at 100 req/s is 360,000 requests ≈ 1.2 GB of lines). Kept per request: its time bin, whether it failed
// (http_req_failed = 1), and its http_req_duration into (a) a run-level LatencySketch (quantiles within
// SKETCH_RELATIVE_ACCURACY of k6's own) and (b) per bin, counts of the successful requests in the simulator's
// log-spaced buckets plus the exact latency sum and the exact count over the SLA. Only the lines of the three
// metrics needed (http_req_duration, http_req_failed, vus) are JSON-parsed; the others are only checked to be
// one JSON object. Bins lie on the absolute grid floor(epoch s / binSeconds), the same grid as a Prometheus
// query_range whose start is a multiple of the step.
import { createLatencyCounts, latencyBucketIndex } from '../sim/latency-histogram.ts';
import { LatencySketch } from './latency-sketch.ts';

/** The requests that completed within one bin. */
export interface K6Bin {
  /** Bin start, seconds since the points' start. */
  tSeconds: number;
  requests: number;
  failedRequests: number;
  /** Successful requests (k6 tag expected_response="true") and their latencies: sum, count over the SLA, histogram (sim/latency-histogram layout). */
  okRequests: number;
  okLatencySumMs: number;
  okSlowRequests: number;
  okLatencyCounts: Float64Array;
  /** Highest VU count seen in the bin (0 when k6 reported none). */
  vus: number;
}

/** All requests of a run, binned. */
export interface K6Points {
  /** Epoch ms where bin 0 starts (a multiple of binSeconds). */
  startEpochMs: number;
  /** Epoch ms of the first and the last request/VU sample. */
  firstEpochMs: number;
  endEpochMs: number;
  binSeconds: number;
  bins: K6Bin[];
}

/** Run-level totals, plus the bins when asked for. */
export interface K6Results {
  requests: number;
  failedRequests: number;
  /** http_req_duration of every request (what k6's summary reports). */
  latency: LatencySketch;
  vusMax: number;
  points?: K6Points;
}

/** Options of the accumulator. */
export interface K6AccumulatorOptions {
  /** Bin width, seconds (undefined = no bins, totals only). */
  binSeconds?: number;
  /** Requests slower than this count as slow in the bins, ms (default 200). */
  slaLatencyMs?: number;
}

/** Most bins one run may span (a week at 1 s), so a stray timestamp cannot exhaust memory. */
export const MAX_BINS = 7 * 86_400;

const NEEDED = ['"metric":"http_req_duration"', '"metric":"http_req_failed"', '"metric":"vus"'];

interface Parsed { type?: unknown; metric?: unknown; data?: { time?: unknown; value?: unknown; tags?: Record<string, unknown> | null } }

/** Feeds NDJSON lines in order with `add`, then `finish()`; throws naming the line number on a broken line. */
export function createK6Accumulator(o: K6AccumulatorOptions = {}) {
  const sla = o.slaLatencyMs ?? 200;
  const binMs = o.binSeconds === undefined ? undefined : o.binSeconds * 1000;
  if (binMs !== undefined && !(binMs >= 1)) throw new RangeError(`binSeconds: got ${o.binSeconds}, expected ≥ 0.001`);
  const latency = new LatencySketch();
  const bins = new Map<number, K6Bin>();
  let requests = 0;
  let failed = 0;
  let vusMax = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  let lineNo = 0;
  const bin = (timeMs: number): K6Bin | undefined => {
    if (binMs === undefined) return undefined;
    const k = Math.floor(timeMs / binMs);
    let b = bins.get(k);
    if (!b) {
      b = { tSeconds: 0, requests: 0, failedRequests: 0, okRequests: 0, okLatencySumMs: 0, okSlowRequests: 0, okLatencyCounts: createLatencyCounts(), vus: 0 };
      bins.set(k, b);
    }
    return b;
  };
  const fail = (why: string, line: string): never => {
    throw new Error(`k6 json output line ${lineNo}: ${why} (${line.slice(0, 80)})`);
  };
  return {
    add(raw: string): void {
      lineNo++;
      const line = raw.trim();
      if (line === '') return;
      if (line[0] !== '{' || line[line.length - 1] !== '}') fail('not JSON', line);
      if (line.includes('"metric":"') && !NEEDED.some((m) => line.includes(m))) return;
      let o: Parsed;
      try {
        o = JSON.parse(line) as Parsed;
      } catch {
        return fail('not JSON', line);
      }
      if (o.type !== 'Point') return;
      const timeMs = Date.parse(String(o.data?.time));
      const value = o.data?.value;
      if (!Number.isFinite(timeMs) || typeof value !== 'number' || !Number.isFinite(value)) fail('Point without time or value', line);
      const v = value as number;
      if (o.metric !== 'http_req_duration' && o.metric !== 'http_req_failed' && o.metric !== 'vus') return;
      if (timeMs < first) first = timeMs;
      if (timeMs > last) last = timeMs;
      const b = bin(timeMs);
      if (o.metric === 'vus') {
        vusMax = Math.max(vusMax, v);
        if (b) b.vus = Math.max(b.vus, v);
      } else if (o.metric === 'http_req_failed') {
        if (v !== 0) {
          failed++;
          if (b) b.failedRequests++;
        }
      } else {
        if (v < 0) fail(`negative http_req_duration ${v}`, line);
        requests++;
        latency.add(v);
        // k6 tags every http_req_duration with expected_response (false for 4xx/5xx and network errors by default).
        const tags = o.data?.tags ?? {};
        const ok = tags.expected_response !== undefined ? tags.expected_response !== 'false' : !(Number(tags.status) >= 400 || tags.status === '0');
        if (b) {
          b.requests++;
          if (ok) {
            b.okRequests++;
            b.okLatencySumMs += v;
            if (v > sla) b.okSlowRequests++;
            b.okLatencyCounts[latencyBucketIndex(v)]++;
          }
        }
      }
    },
    /** Totals; bins from `startEpochMs` (default: the first sample's bin) in order, empty bins filled. */
    finish(startEpochMs?: number): K6Results {
      const result: K6Results = { requests, failedRequests: failed, latency, vusMax };
      if (binMs === undefined) return result;
      if (bins.size === 0) {
        result.points = { startEpochMs: startEpochMs ?? 0, firstEpochMs: 0, endEpochMs: 0, binSeconds: binMs / 1000, bins: [] };
        return result;
      }
      const keys = [...bins.keys()].sort((a, b) => a - b);
      const k0 = startEpochMs === undefined ? keys[0] : startEpochMs / binMs;
      if (!Number.isInteger(k0)) throw new RangeError(`startEpochMs: got ${startEpochMs}, expected a multiple of ${binMs}`);
      if (keys[0] < k0) throw new Error(`k6 json output: sample at ${new Date(keys[0] * binMs).toISOString()} before the window start ${new Date(k0 * binMs).toISOString()}`);
      const span = keys[keys.length - 1] - k0 + 1;
      if (span > MAX_BINS) throw new Error(`k6 json output: samples span ${span} bins of ${binMs / 1000} s (more than ${MAX_BINS}); are the timestamps right?`);
      const out: K6Bin[] = [];
      for (let k = k0; k <= keys[keys.length - 1]; k++) {
        const b = bins.get(k) ?? { tSeconds: 0, requests: 0, failedRequests: 0, okRequests: 0, okLatencySumMs: 0, okSlowRequests: 0, okLatencyCounts: createLatencyCounts(), vus: 0 };
        b.tSeconds = ((k - k0) * binMs) / 1000;
        out.push(b);
      }
      result.points = { startEpochMs: k0 * binMs, firstEpochMs: first, endEpochMs: last, binSeconds: binMs / 1000, bins: out };
      return result;
    },
  };
}

/** Accumulates every line of an async line source (see read-lines.ts). */
export async function accumulateK6Lines(lines: AsyncIterable<string>, o: K6AccumulatorOptions = {}): Promise<ReturnType<typeof createK6Accumulator>> {
  const acc = createK6Accumulator(o);
  for await (const line of lines) acc.add(line);
  return acc;
}
