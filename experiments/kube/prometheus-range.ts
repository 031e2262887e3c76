// Prometheus `query_range` for the collector, strict about what it accepts: an answer without any series, or a
// value that is not a finite number ≥ 0 ("NaN", "+Inf", "abc", "-3"), is a PrometheusDataError naming the query,
// the time and the value, so a cell fails with a reason instead of becoming a zero-cost record. Every call has a
// total deadline, a body cap and the cell's AbortSignal.
import { httpGetJson, type HttpGetOptions } from './http-get.ts';

/** Answer data a record must not be built from. */
export class PrometheusDataError extends Error {}

/** Limits of one query_range call. */
export interface RangeCallOptions {
  signal?: AbortSignal;
  /** Default 60 s for the whole call. */
  deadlineMs?: number;
  /** Default 32 MiB (a day of 15 s steps is 5,760 points ≈ 200 KB). */
  maxBytes?: number;
  /** Accept "NaN" (returned as NaN: a ratio over a window without requests); still refuse everything else. */
  nanIsGap?: boolean;
}

/** `[unix seconds, value]` points of the one series a `sum(...)` query returns. */
export type RangePoints = Array<[number, number]>;

/** Runs `expr` over [start, end] at `step` (seconds); requires exactly one series of finite values ≥ 0. */
export async function queryRange(baseUrl: string, expr: string, startSeconds: number, endSeconds: number, stepSeconds: number, o: RangeCallOptions = {}): Promise<RangePoints> {
  const url = new URL('api/v1/query_range', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  url.searchParams.set('query', expr);
  url.searchParams.set('start', String(startSeconds));
  url.searchParams.set('end', String(endSeconds));
  url.searchParams.set('step', String(stepSeconds));
  const http: HttpGetOptions = { deadlineMs: o.deadlineMs ?? 60_000, maxBytes: o.maxBytes ?? 32 * 1024 * 1024, signal: o.signal };
  let ans: { status?: unknown; error?: unknown; data?: { resultType?: unknown; result?: unknown } };
  try {
    ans = (await httpGetJson(url.href, http)) as typeof ans;
  } catch (err) {
    throw new Error(`prometheus query_range failed for ${expr}: ${(err as Error).message}`, { cause: err });
  }
  if (ans?.status !== 'success') throw new Error(`prometheus query_range: ${String(ans?.error ?? 'no success status')} for ${expr}`);
  const result = ans.data?.result;
  if (ans.data?.resultType !== 'matrix' || !Array.isArray(result)) throw new PrometheusDataError(`prometheus answered ${String(ans.data?.resultType)} instead of a matrix for ${expr}`);
  if (result.length === 0) throw new PrometheusDataError(`prometheus has no data for ${expr} between ${iso(startSeconds)} and ${iso(endSeconds)} (is the ServiceMonitor scraped? are the names right?)`);
  if (result.length > 1) throw new PrometheusDataError(`prometheus answered ${result.length} series for ${expr}, expected one (a sum)`);
  const values = (result[0] as { values?: unknown }).values;
  if (!Array.isArray(values)) throw new PrometheusDataError(`prometheus series without values for ${expr}`);
  return values.map((pair: unknown) => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'number') throw new PrometheusDataError(`prometheus sample ${JSON.stringify(pair)?.slice(0, 60)} for ${expr} is not [time, "value"]`);
    const raw = pair[1];
    if (o.nanIsGap && raw === 'NaN') return [pair[0], Number.NaN] as [number, number];
    const v = typeof raw === 'string' && /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isFinite(v) || v < 0) {
      throw new PrometheusDataError(`prometheus value ${JSON.stringify(raw)} at ${iso(pair[0])} for ${expr}: expected a finite number ≥ 0`);
    }
    return [pair[0], v] as [number, number];
  });
}

function iso(seconds: number): string {
  return Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : String(seconds);
}
