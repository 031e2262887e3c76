// The Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`) as the controller and the kube backend use
// it: instant vectors/scalars → numbers with their timestamps, ranges → [t, v] series.
import { httpJson, HttpError } from './http-json.ts';

/** One sample of an instant query: labels, value, and the evaluation timestamp (Unix seconds). */
export interface PromSample {
  labels: Record<string, string>;
  value: number;
  timestampSeconds: number;
}

/** One series of a range query. */
export interface PromSeries {
  labels: Record<string, string>;
  points: Array<[tSeconds: number, value: number]>;
}

/** The two calls the real path needs. */
export interface PrometheusClient {
  query(expr: string, atSeconds?: number): Promise<PromSample[]>;
  queryRange(expr: string, startSeconds: number, endSeconds: number, stepSeconds: number): Promise<PromSeries[]>;
}

interface ApiAnswer { status?: string; error?: string; data?: { resultType?: string; result?: unknown } }

function parseValue(v: unknown, expr: string): [number, number] {
  if (!Array.isArray(v) || v.length !== 2) throw new HttpError(`prometheus: unexpected sample ${JSON.stringify(v)} for ${expr}`);
  return [Number(v[0]), Number(v[1])]; // Prometheus encodes values as strings, including "NaN" and "+Inf".
}

/** Creates a client for `baseUrl` (e.g. http://127.0.0.1:9090). */
export function createPrometheusClient(baseUrl: string, opts: { timeoutMs?: number } = {}): PrometheusClient {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const call = async (path: string, params: Record<string, string>, expr: string): Promise<ApiAnswer['data']> => {
    const url = new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    let ans: ApiAnswer;
    try {
      ans = (await httpJson(url.href, { timeoutMs })) as ApiAnswer;
    } catch (err) {
      throw new HttpError(`prometheus ${path} failed for ${expr}`, (err as HttpError).status, { cause: err });
    }
    if (ans?.status !== 'success') throw new HttpError(`prometheus ${path}: ${ans?.error ?? 'no success status'} for ${expr}`);
    return ans.data;
  };
  return {
    async query(expr, atSeconds) {
      const data = await call('api/v1/query', atSeconds === undefined ? { query: expr } : { query: expr, time: String(atSeconds) }, expr);
      if (data?.resultType === 'scalar') {
        const [t, v] = parseValue(data.result, expr);
        return [{ labels: {}, value: v, timestampSeconds: t }];
      }
      if (data?.resultType !== 'vector' || !Array.isArray(data.result)) throw new HttpError(`prometheus: expected a vector for ${expr}, got ${data?.resultType}`);
      return (data.result as Array<{ metric: Record<string, string>; value: unknown }>).map((r) => {
        const [t, v] = parseValue(r.value, expr);
        return { labels: r.metric ?? {}, value: v, timestampSeconds: t };
      });
    },
    async queryRange(expr, startSeconds, endSeconds, stepSeconds) {
      const data = await call('api/v1/query_range', { query: expr, start: String(startSeconds), end: String(endSeconds), step: String(stepSeconds) }, expr);
      if (data?.resultType !== 'matrix' || !Array.isArray(data.result)) throw new HttpError(`prometheus: expected a matrix for ${expr}, got ${data?.resultType}`);
      return (data.result as Array<{ metric: Record<string, string>; values: unknown[] }>).map((r) => ({
        labels: r.metric ?? {},
        points: (r.values ?? []).map((v) => parseValue(v, expr)),
      }));
    },
  };
}
