// k6 `--out json` lines (one JSON object per line: `Metric` declarations and `Point` samples) → per-request
// data binned by time, so run-level percentiles are over requests and per-minute series can be drawn.

/** Requests completed within one bin. */
export interface K6Bin {
  /** Bin start, seconds since the first request. */
  tSeconds: number;
  requests: number;
  failedRequests: number;
  /** Latency of every request in the bin, ms (unsorted). */
  latenciesMs: number[];
  /** Highest VU count seen in the bin (0 when k6 reported none). */
  vus: number;
}

/** All requests of a run, binned. */
export interface K6Points {
  /** Epoch ms of the first sample (the time origin of the bins). */
  startEpochMs: number;
  binSeconds: number;
  bins: K6Bin[];
}

interface Point { metric: string; timeMs: number; value: number }

function parseLine(line: string, lineNo: number): Point | null {
  let o: { type?: string; metric?: string; data?: { time?: string; value?: number } };
  try {
    o = JSON.parse(line);
  } catch (err) {
    throw new Error(`k6 json output line ${lineNo}: not JSON (${line.slice(0, 60)})`, { cause: err });
  }
  if (o.type !== 'Point') return null;
  const timeMs = Date.parse(String(o.data?.time));
  const value = o.data?.value;
  if (!Number.isFinite(timeMs) || typeof value !== 'number') throw new Error(`k6 json output line ${lineNo}: Point without time or value`);
  return { metric: String(o.metric), timeMs, value };
}

/** Parses the NDJSON text; `http_req_duration` points are the requests, `http_req_failed` = 1 marks a failure. */
export function parseK6Ndjson(text: string, binSeconds = 60): K6Points {
  const points: Point[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    const p = parseLine(line, i + 1);
    if (p) points.push(p);
  });
  const requestPoints = points.filter((p) => p.metric === 'http_req_duration' || p.metric === 'http_req_failed' || p.metric === 'vus');
  if (requestPoints.length === 0) return { startEpochMs: 0, binSeconds, bins: [] };
  const start = Math.min(...requestPoints.map((p) => p.timeMs));
  const bins: K6Bin[] = [];
  const bin = (p: Point) => {
    const i = Math.floor((p.timeMs - start) / 1000 / binSeconds);
    while (bins.length <= i) bins.push({ tSeconds: bins.length * binSeconds, requests: 0, failedRequests: 0, latenciesMs: [], vus: 0 });
    return bins[i];
  };
  for (const p of requestPoints) {
    const b = bin(p);
    if (p.metric === 'http_req_duration') {
      b.requests++;
      b.latenciesMs.push(p.value);
    } else if (p.metric === 'http_req_failed') {
      if (p.value !== 0) b.failedRequests++;
    } else {
      b.vus = Math.max(b.vus, p.value);
    }
  }
  return { startEpochMs: start, binSeconds, bins };
}
