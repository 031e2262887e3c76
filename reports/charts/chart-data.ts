// Pure reshaping of RunRecords into the long tables the chart specs read.
import type { RunRecord } from '../../lib/ports.ts';

/** One point of a time series: minutes since start, which panel, value. */
export interface SeriesPoint {
  scenario: string;
  autoscaler: string;
  tMinutes: number;
  panel: string;
  value: number;
}

/** Long-format series of the lowest seed per (scenario, autoscaler), thinned to at most `maxPoints` per line. */
export function seriesPoints(records: readonly RunRecord[], maxPoints = 300): { points: SeriesPoint[]; seeds: Map<string, number> } {
  const chosen = new Map<string, RunRecord>();
  for (const r of records) {
    if (!r.series || r.series.tSeconds.length === 0) continue;
    const key = `${r.scenario}\u0000${r.autoscaler}`;
    const prev = chosen.get(key);
    if (!prev || r.seed < prev.seed) chosen.set(key, r);
  }
  const points: SeriesPoint[] = [];
  const seeds = new Map<string, number>();
  for (const r of chosen.values()) {
    seeds.set(r.scenario, r.seed);
    const s = r.series!;
    const step = Math.max(1, Math.ceil(s.tSeconds.length / maxPoints));
    for (let i = 0; i < s.tSeconds.length; i += step) {
      const t = s.tSeconds[i] / 60;
      const base = { scenario: r.scenario, autoscaler: r.autoscaler, tMinutes: t };
      if (Number.isFinite(s.rps[i])) points.push({ ...base, panel: 'load (req/s)', value: s.rps[i] });
      if (Number.isFinite(s.readyPods[i])) points.push({ ...base, panel: 'ready pods', value: s.readyPods[i] });
      if (Number.isFinite(s.latencyP95Ms[i])) points.push({ ...base, panel: 'P95 latency (ms)', value: s.latencyP95Ms[i] });
    }
  }
  return { points, seeds };
}

/**
 * CDF points per (scenario, autoscaler) from the run-level latency histograms, pooled over seeds. `counts` may
 * carry one extra overflow bucket after the last bound (the simulator's layout): it counts in the total but
 * has no finite bound to draw. Leading all-zero and trailing all-one points are trimmed to one each.
 */
export function latencyCdfPoints(records: readonly RunRecord[]): { scenario: string; autoscaler: string; latencyMs: number; cumulative: number }[] {
  const pooled = new Map<string, { scenario: string; autoscaler: string; bounds: number[]; counts: number[] }>();
  for (const r of records) {
    const h = r.latencyHistogram;
    if (!h || h.boundsMs.length === 0) continue;
    if (h.counts.length !== h.boundsMs.length && h.counts.length !== h.boundsMs.length + 1) continue;
    const key = `${r.scenario}\u0000${r.autoscaler}`;
    const p = pooled.get(key) ?? { scenario: r.scenario, autoscaler: r.autoscaler, bounds: h.boundsMs, counts: h.counts.map(() => 0) };
    if (p.bounds.length !== h.boundsMs.length || p.counts.length !== h.counts.length) continue;
    h.counts.forEach((c, i) => (p.counts[i] += Number.isFinite(c) ? c : 0));
    pooled.set(key, p);
  }
  const out: { scenario: string; autoscaler: string; latencyMs: number; cumulative: number }[] = [];
  for (const p of pooled.values()) {
    const total = p.counts.reduce((s, c) => s + c, 0);
    if (total === 0) continue;
    const line: { scenario: string; autoscaler: string; latencyMs: number; cumulative: number }[] = [];
    let acc = 0;
    p.bounds.forEach((b, i) => {
      acc += p.counts[i];
      if (Number.isFinite(b) && b > 0) line.push({ scenario: p.scenario, autoscaler: p.autoscaler, latencyMs: b, cumulative: acc / total });
    });
    const first = Math.max(0, line.findIndex((q) => q.cumulative > 0) - 1);
    const full = line.findIndex((q) => q.cumulative >= 1 - 1e-12);
    out.push(...line.slice(first, full < 0 ? line.length : full + 1));
  }
  return out;
}

/** Points not dominated in (cost, violation rate), both lower-is-better, sorted by cost. */
export function paretoFront<T extends { cost: number; violation: number }>(points: readonly T[]): T[] {
  const sorted = [...points].sort((a, b) => a.cost - b.cost || a.violation - b.violation);
  const front: T[] = [];
  let best = Infinity;
  for (const p of sorted) {
    if (p.violation < best) {
      front.push(p);
      best = p.violation;
    }
  }
  return front;
}
