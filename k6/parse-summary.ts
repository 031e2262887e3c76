// k6's end-of-test JSON (the `data` handleSummary receives, or the older `--summary-export` file) → the numbers
// a RunRecord needs. In k6's `http_req_failed` Rate metric, `passes` counts the samples that were true, i.e.
// the FAILED requests; `fails` counts the successful ones.

/** What a k6 summary tells about a run. */
export interface K6Summary {
  /** k6 test run duration, seconds (undefined in `--summary-export` files). */
  durationSeconds?: number;
  requests: number;
  failedRequests: number;
  /** http_req_duration statistics, ms (undefined when k6 did not report the statistic). */
  latencyMeanMs: number;
  latencyMedianMs: number;
  latencyP90Ms?: number;
  latencyP95Ms?: number;
  latencyP99Ms?: number;
  latencyMaxMs: number;
  /** Threshold expressions → passed. */
  thresholds: Record<string, boolean>;
  /** Highest VU count. */
  vusMax?: number;
}

function record(v: unknown, field: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`k6 summary: ${field}: expected an object, got ${JSON.stringify(v)?.slice(0, 60)}`);
  return v as Record<string, unknown>;
}

function num(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`k6 summary: ${field}: expected a number, got ${JSON.stringify(v)}`);
  return v;
}

function opt(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** Parses the JSON text (or object) of a k6 summary; throws naming the missing field. */
export function parseK6Summary(input: string | unknown): K6Summary {
  const root = record(typeof input === 'string' ? JSON.parse(input) : input, '(root)');
  const metrics = record(root.metrics, 'metrics');
  // handleSummary data nests stats under `values`; --summary-export puts them on the metric itself.
  const stats = (name: string) => {
    const m = record(metrics[name], `metrics.${name}`);
    return m.values === undefined ? m : record(m.values, `metrics.${name}.values`);
  };
  const dur = stats('http_req_duration');
  const reqs = stats('http_reqs');
  const requests = num(reqs.count, 'metrics.http_reqs.count');
  let failedRequests = 0;
  if (metrics.http_req_failed !== undefined) {
    failedRequests = num(stats('http_req_failed').passes, 'metrics.http_req_failed.passes');
  }
  const thresholds: Record<string, boolean> = {};
  for (const [name, m] of Object.entries(metrics)) {
    const t = (m as Record<string, unknown>)?.thresholds;
    if (t && typeof t === 'object') {
      for (const [expr, v] of Object.entries(t as Record<string, unknown>)) {
        // handleSummary: { ok: boolean }; --summary-export: boolean meaning "failed".
        thresholds[`${name}: ${expr}`] = typeof v === 'boolean' ? !v : Boolean((v as { ok?: boolean }).ok);
      }
    }
  }
  const state = root.state as Record<string, unknown> | undefined;
  const testMs = state ? opt(state.testRunDurationMs) : undefined;
  return {
    durationSeconds: testMs === undefined ? undefined : testMs / 1000,
    requests,
    failedRequests,
    latencyMeanMs: num(dur.avg, 'metrics.http_req_duration.avg'),
    latencyMedianMs: num(dur.med, 'metrics.http_req_duration.med'),
    latencyP90Ms: opt(dur['p(90)']),
    latencyP95Ms: opt(dur['p(95)']),
    latencyP99Ms: opt(dur['p(99)']),
    latencyMaxMs: num(dur.max, 'metrics.http_req_duration.max'),
    thresholds,
    vusMax: metrics.vus_max === undefined ? undefined : opt(stats('vus_max').max ?? stats('vus_max').value),
  };
}
