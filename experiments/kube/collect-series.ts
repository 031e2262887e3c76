// query_range of every collector query over a run window, aligned on one step grid; a step without a sample
// is NaN (the converter treats it as "no data" and fills from the previous step where that is sound).
import type { PrometheusClient } from '../../agent/controller/prometheus-client.ts';
import type { CollectorQueries } from './collector-queries.ts';

/** Aligned series: `tSeconds[i]` (Unix seconds) and one value per query per step. */
export interface CollectedSeries {
  stepSeconds: number;
  tSeconds: number[];
  values: Record<keyof CollectorQueries, number[]>;
}

/** Collects [startSeconds, endSeconds) at `stepSeconds`; throws with the query when Prometheus fails. */
export async function collectSeries(prom: PrometheusClient, q: CollectorQueries, startSeconds: number, endSeconds: number, stepSeconds: number): Promise<CollectedSeries> {
  const n = Math.max(1, Math.round((endSeconds - startSeconds) / stepSeconds));
  const tSeconds = Array.from({ length: n }, (_, i) => startSeconds + i * stepSeconds);
  const values = {} as Record<keyof CollectorQueries, number[]>;
  for (const key of Object.keys(q) as (keyof CollectorQueries)[]) {
    const series = await prom.queryRange(q[key], startSeconds, startSeconds + (n - 1) * stepSeconds, stepSeconds);
    const byT = new Map<number, number>();
    for (const [t, v] of series[0]?.points ?? []) byT.set(Math.round(t), v);
    values[key] = tSeconds.map((t) => byT.get(Math.round(t)) ?? NaN);
  }
  return { stepSeconds, tSeconds, values };
}
