// Writes k6's real result formats, for tests and for the emulated cluster's k6 stand-in (k6 itself is AGPL and is
// never built here). `--out json` (k6 output/json, wrapper.go): one JSON object per line, a `Metric` line
// ({"type":"Metric","data":{name,type,contains,thresholds,submetrics},"metric":…}) the first time a metric is seen,
// then `Point` lines ({"metric":…,"type":"Point","data":{time,value,tags}}) per sample, with k6's default system
// tags (expected_response, group, method, name, proto, scenario, status, url; tls_version on https). Per HTTP
// request of a one-request iteration k6 emits 13 samples (http_reqs, 7 timing trends, http_req_failed, data_sent,
// data_received, iteration_duration, iterations): about 3 KB. The summary is the `data` of handleSummary (k6 ≥ 0.30)
// with k6's own trend statistics (TrendSink.P: linear interpolation at rank q·(n−1)).

/** One HTTP request as k6 measures it. */
export interface K6Request {
  /** When the response ended, epoch ms. */
  timeMs: number;
  /** http_req_duration (sending + waiting + receiving), ms. */
  durationMs: number;
  /** HTTP status; 0 = network error. */
  status: number;
  url: string;
  method?: string;
  /** Scenario name (tag `scenario`, default "default"). */
  scenario?: string;
  /** Bytes on the wire (data_sent / data_received). */
  bytesSent?: number;
  bytesReceived?: number;
}

const TYPES: Record<string, [type: string, contains: string]> = {
  vus: ['gauge', 'default'],
  vus_max: ['gauge', 'default'],
  http_reqs: ['counter', 'default'],
  http_req_duration: ['trend', 'time'],
  http_req_blocked: ['trend', 'time'],
  http_req_connecting: ['trend', 'time'],
  http_req_tls_handshaking: ['trend', 'time'],
  http_req_sending: ['trend', 'time'],
  http_req_waiting: ['trend', 'time'],
  http_req_receiving: ['trend', 'time'],
  http_req_failed: ['rate', 'default'],
  data_sent: ['counter', 'data'],
  data_received: ['counter', 'data'],
  iteration_duration: ['trend', 'time'],
  iterations: ['counter', 'default'],
};

/** Go's time.Time JSON (RFC 3339 with nanoseconds, trailing zeros trimmed), in UTC. */
export function k6Time(epochMs: number): string {
  const iso = new Date(Math.floor(epochMs)).toISOString(); // …T10:00:05.123Z
  const nanos = Math.round((epochMs - Math.floor(epochMs)) * 1e6) + Number(iso.slice(20, 23)) * 1e6;
  const frac = String(nanos).padStart(9, '0').replace(/0+$/, '');
  return `${iso.slice(0, 19)}${frac === '' ? '' : `.${frac}`}Z`;
}

/** Emits k6 NDJSON lines through `write` (e.g. a file stream); thresholds per metric for the Metric lines. */
export function createK6NdjsonWriter(write: (text: string) => void, thresholds: Record<string, string[]> = {}) {
  const declared = new Set<string>();
  const point = (metric: string, timeMs: number, value: number, tags: string): string => {
    let head = '';
    if (!declared.has(metric)) {
      declared.add(metric);
      const [type, contains] = TYPES[metric] ?? ['counter', 'default'];
      head = `${JSON.stringify({ type: 'Metric', data: { name: metric, type, contains, thresholds: thresholds[metric] ?? [], submetrics: null }, metric })}\n`;
    }
    return `${head}{"metric":"${metric}","type":"Point","data":{"time":"${k6Time(timeMs)}","value":${value},"tags":${tags}}}\n`;
  };
  return {
    /** The samples of one request (its own iteration), as k6 writes them. */
    request(r: K6Request): void {
      const https = r.url.startsWith('https:');
      const tags: Record<string, string> = {
        expected_response: String(r.status >= 200 && r.status < 400),
        group: '',
        method: r.method ?? 'GET',
        name: r.url,
        proto: r.status === 0 ? '' : 'HTTP/1.1',
        scenario: r.scenario ?? 'default',
        status: String(r.status),
        ...(https ? { tls_version: 'tls1.3' } : {}),
        url: r.url,
      };
      const waiting = r.durationMs * 0.98;
      const t = JSON.stringify(tags);
      const parts = [
        point('http_reqs', r.timeMs, 1, t),
        point('http_req_duration', r.timeMs, r.durationMs, t),
        point('http_req_blocked', r.timeMs, 0.004, t),
        point('http_req_connecting', r.timeMs, 0, t),
        point('http_req_tls_handshaking', r.timeMs, 0, t),
        point('http_req_sending', r.timeMs, r.durationMs * 0.01, t),
        point('http_req_waiting', r.timeMs, waiting, t),
        point('http_req_receiving', r.timeMs, r.durationMs - waiting - r.durationMs * 0.01, t),
        point('http_req_failed', r.timeMs, tags.expected_response === 'true' ? 0 : 1, t),
      ];
      const iter = JSON.stringify({ group: '', scenario: tags.scenario });
      parts.push(
        point('data_sent', r.timeMs, r.bytesSent ?? 89, iter),
        point('data_received', r.timeMs, r.bytesReceived ?? 853, iter),
        point('iteration_duration', r.timeMs, r.durationMs + 0.05, iter),
        point('iterations', r.timeMs, 1, iter),
      );
      write(parts.join(''));
    },
    /** The VU gauges k6 samples once a second. */
    vus(timeMs: number, vus: number, vusMax: number): void {
      write(point('vus', timeMs, vus, 'null') + point('vus_max', timeMs, vusMax, 'null'));
    },
  };
}

/** k6's Trend percentile (metrics TrendSink.P) of sorted values. */
export function k6Percentile(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return 0;
  if (n === 1) return sorted[0];
  const i = q * (n - 1);
  const j = sorted[Math.floor(i)];
  const k = sorted[Math.ceil(i)];
  return j + (k - j) * (i - Math.floor(i));
}

/** Collects requests (exact values, as k6 keeps them) and renders handleSummary's `data`. */
export function createK6SummaryBuilder() {
  let durations = new Float64Array(1024);
  let n = 0;
  let failed = 0;
  let vusMax = 0;
  return {
    request(r: K6Request): void {
      if (n === durations.length) {
        const next = new Float64Array(n * 2);
        next.set(durations);
        durations = next;
      }
      durations[n++] = r.durationMs;
      if (!(r.status >= 200 && r.status < 400)) failed++;
    },
    vus(vusNow: number): void {
      vusMax = Math.max(vusMax, vusNow);
    },
    /** The summary object; thresholds as `{ "http_req_duration": { "p(95)<200": true } }` (true = passed). */
    data(testRunDurationMs: number, thresholds: Record<string, Record<string, boolean>> = {}): Record<string, unknown> {
      const sorted = durations.slice(0, n).sort();
      let sum = 0;
      for (const d of sorted) sum += d;
      const trend = { avg: n ? sum / n : 0, min: n ? sorted[0] : 0, med: k6Percentile(sorted, 0.5), max: n ? sorted[n - 1] : 0, 'p(90)': k6Percentile(sorted, 0.9), 'p(95)': k6Percentile(sorted, 0.95), 'p(99)': k6Percentile(sorted, 0.99) };
      const th = (m: string) => (thresholds[m] ? { thresholds: Object.fromEntries(Object.entries(thresholds[m]).map(([e, ok]) => [e, { ok }])) } : {});
      const rate = testRunDurationMs > 0 ? n / (testRunDurationMs / 1000) : 0;
      return {
        root_group: { name: '', path: '', id: 'd41d8cd98f00b204e9800998ecf8427e', groups: [], checks: [] },
        options: { summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'], summaryTimeUnit: '', noColor: false },
        state: { isStdOutTTY: false, isStdErrTTY: false, testRunDurationMs },
        metrics: {
          http_req_duration: { type: 'trend', contains: 'time', values: trend, ...th('http_req_duration') },
          http_req_failed: { type: 'rate', contains: 'default', values: { rate: n ? failed / n : 0, passes: failed, fails: n - failed }, ...th('http_req_failed') },
          http_reqs: { type: 'counter', contains: 'default', values: { count: n, rate } },
          iterations: { type: 'counter', contains: 'default', values: { count: n, rate } },
          vus_max: { type: 'gauge', contains: 'default', values: { value: vusMax, min: vusMax, max: vusMax } },
        },
      };
    },
  };
}
