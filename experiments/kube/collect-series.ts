// query_range of every collector query over a run window, aligned on one step grid. Each query must answer one
// series of finite values ≥ 0 (prometheus-range.ts); a step without a sample (a missed scrape) takes the previous
// step's value (the next one at the start), but a series missing more than MAX_MISSING_SHARE of its steps fails
// the cell: its numbers would be guesses.
import type { CollectorQueries } from './collector-queries.ts';
import { PrometheusDataError, queryRange, type RangeCallOptions } from './prometheus-range.ts';

/** Aligned series: `tSeconds[i]` (Unix seconds) and one value per query per step. */
export interface CollectedSeries {
  stepSeconds: number;
  tSeconds: number[];
  values: Record<keyof CollectorQueries, number[]>;
}

/** Queries that are ratios over the window's requests (a latency quantile, an error rate): NaN there means "no
 * request in the window", a gap, not bad data. Every other query must be a finite number ≥ 0. */
export const RATIO_QUERY_KEYS: ReadonlySet<string> = new Set(['latencyP95Ms', 'errorRate']);

/** Largest share of steps a series may miss. */
export const MAX_MISSING_SHARE = 0.25;

/** Collects [startSeconds, endSeconds) at `stepSeconds` from the Prometheus at `baseUrl`. */
export async function collectSeries(baseUrl: string, q: CollectorQueries, startSeconds: number, endSeconds: number, stepSeconds: number, o: RangeCallOptions = {}): Promise<CollectedSeries> {
  const n = Math.max(1, Math.round((endSeconds - startSeconds) / stepSeconds));
  const tSeconds = Array.from({ length: n }, (_, i) => startSeconds + i * stepSeconds);
  const values = {} as Record<keyof CollectorQueries, number[]>;
  for (const key of Object.keys(q) as (keyof CollectorQueries)[]) {
    const ratio = RATIO_QUERY_KEYS.has(key);
    const points = await queryRange(baseUrl, q[key], startSeconds, startSeconds + (n - 1) * stepSeconds, stepSeconds, { ...o, nanIsGap: ratio });
    const byT = new Map<number, number>();
    for (const [t, v] of points) if (!Number.isNaN(v)) byT.set(Math.round(t), v);
    const raw = tSeconds.map((t) => byT.get(Math.round(t)));
    if (ratio) {
      values[key] = raw.map((v) => v ?? Number.NaN);
      continue;
    }
    const missing = raw.filter((v) => v === undefined).length;
    if (missing > MAX_MISSING_SHARE * n) {
      throw new PrometheusDataError(`prometheus has ${missing} of ${n} steps missing for ${q[key]} (more than ${MAX_MISSING_SHARE * 100} %): scrapes failed during the run`);
    }
    const firstKnown = raw.find((v) => v !== undefined)!;
    let prev = firstKnown;
    values[key] = raw.map((v) => (prev = v ?? prev));
  }
  return { stepSeconds, tSeconds, values };
}
