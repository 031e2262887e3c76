// Percentile bootstrap over runs: resample whole runs (records) with replacement and recompute a statistic.
// Minutes of one run are not independent (the autoscaler's state carries over), runs are.
import { quantileSorted } from '../../lib/quantile.ts';
import type { Rng } from '../../lib/rng.ts';

/** How a bootstrap is drawn. */
export interface RunBootstrapOptions {
  rng: Rng;
  /** Resamples, e.g. 2000. */
  resamples: number;
  /** Confidence level, e.g. 0.95. */
  confidence: number;
}

/**
 * Use for a CI of any statistic of a set of runs: `statistic(runs)` gets a multiset of run ids (with repeats);
 * resamples where it returns NaN (nothing to fit) are dropped. Null when fewer than two distinct runs.
 */
export function bootstrapOverRuns(runIds: readonly number[], statistic: (runs: number[]) => number, o: RunBootstrapOptions): [number, number] | null {
  if (new Set(runIds).size < 2) return null;
  const values: number[] = [];
  const n = runIds.length;
  for (let b = 0; b < o.resamples; b++) {
    const draw: number[] = new Array(n);
    for (let i = 0; i < n; i++) draw[i] = runIds[Math.floor(o.rng.next() * n)];
    const v = statistic(draw);
    if (Number.isFinite(v)) values.push(v);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const tail = (1 - o.confidence) / 2;
  return [quantileSorted(values, tail), quantileSorted(values, 1 - tail)];
}

/** The points of the drawn runs, a run drawn twice counted twice. */
export function pointsOf<P extends { run: number }>(byRun: ReadonlyMap<number, readonly P[]>, runs: readonly number[]): P[] {
  const out: P[] = [];
  for (const r of runs) for (const p of byRun.get(r) ?? []) out.push(p);
  return out;
}

/** Groups points by run. */
export function groupByRun<P extends { run: number }>(points: readonly P[]): Map<number, P[]> {
  const m = new Map<number, P[]>();
  for (const p of points) {
    let list = m.get(p.run);
    if (!list) m.set(p.run, (list = []));
    list.push(p);
  }
  return m;
}
