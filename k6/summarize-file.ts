// What `scalelab k6 summarize FILE` reports: requests, failed requests and latency quantiles of a k6 run, from
// either k6 `--out json` NDJSON (any size, plain or gzip; streamed, quantiles from a LatencySketch) or k6's
// summary JSON (handleSummary `data` or `--summary-export`; its own exact statistics).
import { open, stat } from 'node:fs/promises';
import { accumulateK6Lines } from './k6-results.ts';
import { openMaybeGzip, readLines } from './read-lines.ts';
import { parseK6Summary } from './parse-summary.ts';
import { SKETCH_RELATIVE_ACCURACY } from './latency-sketch.ts';

/** One run's headline numbers; quantiles are null when the source does not have them. */
export interface K6RunSummary {
  source: 'ndjson' | 'summary';
  requests: number;
  failedRequests: number;
  latencyMeanMs: number | null;
  latencyP50Ms: number | null;
  latencyP90Ms: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
  latencyMaxMs: number | null;
  /** Bound on the quantiles' relative error against k6's exact values (0 = k6's own numbers). */
  quantileRelativeError: number;
  vusMax: number | null;
}

/** Largest summary JSON read into memory, bytes (k6's are a few KB to a few MB). */
export const MAX_SUMMARY_BYTES = 64 * 1024 * 1024;

/** Thrown for a file that is not a k6 result; the message names the file and what was expected. */
export class K6ResultFileError extends Error {}

const nullable = (v: number | undefined): number | null => (v === undefined || !Number.isFinite(v) ? null : v);

async function head(path: string, gz: boolean): Promise<string> {
  if (gz) {
    const stream = (await openMaybeGzip(path)) as AsyncIterable<Buffer>;
    for await (const line of readLines(stream)) if (line.trim() !== '') return line;
    return '';
  }
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(65536);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.toString('utf8', 0, bytesRead).trimStart().split('\n')[0];
  } finally {
    await fh.close();
  }
}

function isNdjsonLine(line: string): boolean {
  try {
    const o = JSON.parse(line) as { type?: unknown };
    return o.type === 'Metric' || o.type === 'Point';
  } catch {
    return false;
  }
}

/** Summarises the k6 result file at `path`; throws K6ResultFileError for an unreadable or foreign file. */
export async function summarizeK6File(path: string): Promise<K6RunSummary> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    throw new K6ResultFileError(`${path}: cannot read it (${(err as Error).message})`, { cause: err });
  }
  if (!info.isFile()) throw new K6ResultFileError(`${path}: not a regular file; expected k6 --out json NDJSON or a k6 summary JSON file`);
  const magic = Buffer.alloc(2);
  const fh = await open(path, 'r');
  await fh.read(magic, 0, 2, 0).finally(() => fh.close());
  const gz = magic[0] === 0x1f && magic[1] === 0x8b;
  const first = await head(path, gz).catch((err: Error) => {
    throw new K6ResultFileError(`${path}: ${err.message}`, { cause: err });
  });
  if (isNdjsonLine(first)) {
    let acc;
    try {
      acc = await accumulateK6Lines(readLines((await openMaybeGzip(path)) as AsyncIterable<Buffer>));
    } catch (err) {
      throw new K6ResultFileError(`${path}: ${(err as Error).message}`, { cause: err });
    }
    const r = acc.finish();
    const l = r.latency;
    return {
      source: 'ndjson',
      requests: r.requests,
      failedRequests: r.failedRequests,
      latencyMeanMs: nullable(l.meanMs()),
      latencyP50Ms: nullable(l.quantile(0.5)),
      latencyP90Ms: nullable(l.quantile(0.9)),
      latencyP95Ms: nullable(l.quantile(0.95)),
      latencyP99Ms: nullable(l.quantile(0.99)),
      latencyMaxMs: l.count ? l.maxMs : null,
      quantileRelativeError: SKETCH_RELATIVE_ACCURACY,
      vusMax: r.vusMax,
    };
  }
  if (gz || info.size > MAX_SUMMARY_BYTES) throw new K6ResultFileError(`${path}: neither k6 --out json lines (first line is not a Metric or Point object) nor a k6 summary JSON of at most ${MAX_SUMMARY_BYTES} bytes`);
  const { readFile } = await import('node:fs/promises');
  let s;
  try {
    s = parseK6Summary(await readFile(path, 'utf8'));
  } catch (err) {
    throw new K6ResultFileError(`${path}: not k6 --out json lines and not a k6 summary JSON: ${(err as Error).message}`, { cause: err });
  }
  return {
    source: 'summary',
    requests: s.requests,
    failedRequests: s.failedRequests,
    latencyMeanMs: s.latencyMeanMs,
    latencyP50Ms: s.latencyMedianMs,
    latencyP90Ms: nullable(s.latencyP90Ms),
    latencyP95Ms: nullable(s.latencyP95Ms),
    latencyP99Ms: nullable(s.latencyP99Ms),
    latencyMaxMs: s.latencyMaxMs,
    quantileRelativeError: 0,
    vusMax: nullable(s.vusMax),
  };
}

/** The text `k6 summarize` prints. */
export function formatK6RunSummary(path: string, s: K6RunSummary): string {
  const ms = (v: number | null) => (v === null ? 'n/a (not in the summary\'s summaryTrendStats)' : `${Number(v.toPrecision(6))} ms`);
  const pct = s.requests > 0 ? ` (${((100 * s.failedRequests) / s.requests).toFixed(2)} %)` : '';
  const how = s.source === 'ndjson' ? `k6 --out json points; quantiles within ±${s.quantileRelativeError * 100} % of k6's own` : "k6's end-of-test summary";
  return [
    `k6 results:      ${path} (${how})`,
    `requests:        ${s.requests}`,
    `failed requests: ${s.failedRequests}${pct}`,
    `latency mean:    ${ms(s.latencyMeanMs)}`,
    `latency p50:     ${ms(s.latencyP50Ms)}`,
    `latency p95:     ${ms(s.latencyP95Ms)}`,
    `latency p99:     ${ms(s.latencyP99Ms)}`,
    `latency max:     ${ms(s.latencyMaxMs)}`,
    '',
  ].join('\n');
}
