// The report's charts as Vega-Lite specs built from plain data; each returns a Chart with inline SVG.
import type { RunRecord } from '../../lib/ports.ts';
import { latencyCdfPoints, paretoFront, seriesPoints } from './chart-data.ts';
import { renderSvg, type Chart } from './render-svg.ts';

const FONT = { config: { font: 'Helvetica, Arial, sans-serif', view: { stroke: '#ddd' } } } as const;
/** 20 distinguishable colours (Tableau 20), enough for every autoscaler of the standard experiment. */
const COLOURS = { scheme: 'tableau20' } as const;
/** Panels whose values span orders of magnitude get a log axis. */
const LOG_PANELS = new Set(['P95 latency (ms)']);

/** Load, ready pods and P95 latency (log axis) over time: a row per panel, a column per scenario, a colour per autoscaler. */
export async function timeSeriesChart(records: readonly RunRecord[]): Promise<Chart | null> {
  const { points, seeds } = seriesPoints(records);
  if (points.length === 0) return null;
  const scenarios = new Set(points.map((p) => p.scenario)).size;
  const width = Math.max(110, Math.min(260, Math.floor(1150 / scenarios) - 20));
  const svg = await renderSvg({
    ...FONT,
    vconcat: ['load (req/s)', 'ready pods', 'P95 latency (ms)'].map((panel) => ({
      data: { values: points.filter((p) => p.panel === panel && (!LOG_PANELS.has(panel) || p.value > 0)) },
      facet: { column: { field: 'scenario', type: 'nominal', title: null } },
      spec: {
        width,
        height: 110,
        mark: { type: 'line', strokeWidth: 1.2, interpolate: 'step-after' },
        encoding: {
          x: { field: 'tMinutes', type: 'quantitative', title: 'minutes' },
          y: { field: 'value', type: 'quantitative', title: panel + (LOG_PANELS.has(panel) ? ', log' : ''), scale: LOG_PANELS.has(panel) ? { type: 'log' } : {} },
          color: { field: 'autoscaler', type: 'nominal', title: 'autoscaler', scale: COLOURS },
        },
      },
      resolve: { scale: { x: 'independent' } },
    })),
  });
  const seedText = [...seeds.entries()].map(([s, seed]) => `${s}: seed ${seed}`).join(', ');
  return { id: 'time-series', title: 'Load, ready pods and P95 latency over time', caption: `One run per scenario and autoscaler (${seedText}).`, svg };
}

/** Per-metric box plots across seeds: one panel per metric, one box per autoscaler. */
export async function metricBoxChart(
  records: readonly RunRecord[],
  metrics: { label: string; get: (r: RunRecord) => number | null; scale?: number }[],
): Promise<Chart | null> {
  const values: { metric: string; autoscaler: string; value: number }[] = [];
  for (const r of records) {
    for (const m of metrics) {
      const v = m.get(r);
      if (v !== null && Number.isFinite(v)) values.push({ metric: m.label, autoscaler: r.autoscaler, value: v * (m.scale ?? 1) });
    }
  }
  if (values.length === 0) return null;
  // One panel per metric (small multiples); latency panels on a log axis.
  const svg = await renderSvg({
    ...FONT,
    hconcat: metrics.map((m) => ({
      data: { values: values.filter((v) => v.metric === m.label && (!m.label.includes('latency') || v.value > 0)) },
      title: { text: m.label + (m.label.includes('latency') ? ' (log)' : ''), fontSize: 11 },
      width: 190,
      height: 180,
      mark: { type: 'boxplot', extent: 1.5, size: 9 },
      encoding: {
        y: { field: 'autoscaler', type: 'nominal', title: null },
        x: { field: 'value', type: 'quantitative', title: null, scale: m.label.includes('latency') ? { type: 'log' } : { zero: false } },
        color: { field: 'autoscaler', type: 'nominal', legend: null, scale: COLOURS },
      },
    })),
  });
  return { id: 'metric-boxes', title: 'Metrics across seeds and scenarios', caption: 'Box = interquartile range, line = median, whiskers = 1.5 × IQR; every run is one value.', svg };
}

/** Latency CDF over all requests (from the run histograms, pooled over seeds), log-scale x. */
export async function latencyCdfChart(records: readonly RunRecord[]): Promise<Chart | null> {
  const values = latencyCdfPoints(records);
  if (values.length === 0) return null;
  const svg = await renderSvg({
    ...FONT,
    data: { values },
    facet: { field: 'scenario', type: 'nominal', title: null },
    columns: 4,
    spec: {
      width: 220,
      height: 180,
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'latencyMs', type: 'quantitative', title: 'latency (ms, log)', scale: { type: 'log' } },
        y: { field: 'cumulative', type: 'quantitative', title: 'share of requests ≤ x', scale: { domain: [0, 1] } },
        color: { field: 'autoscaler', type: 'nominal', scale: COLOURS },
      },
    },
  });
  return { id: 'latency-cdf', title: 'Latency CDF', caption: 'Cumulative share of requests at or below each histogram bound, pooled over seeds.', svg };
}

/** Cost vs SLA-violation rate: faint dot per run, big dot per autoscaler mean, dashed line = Pareto front of the means. */
export async function paretoChart(records: readonly RunRecord[]): Promise<Chart | null> {
  const runs = records
    .map((r) => ({ autoscaler: r.autoscaler, cost: r.metrics?.costUsd, violation: (r.metrics?.slaViolationRateRequests ?? NaN) * 100 }))
    .filter((p): p is { autoscaler: string; cost: number; violation: number } => Number.isFinite(p.cost) && Number.isFinite(p.violation));
  if (runs.length === 0) return null;
  const names = [...new Set(runs.map((r) => r.autoscaler))];
  const means = names.map((a) => {
    const own = runs.filter((r) => r.autoscaler === a);
    return { autoscaler: a, cost: own.reduce((s, r) => s + r.cost, 0) / own.length, violation: own.reduce((s, r) => s + r.violation, 0) / own.length };
  });
  const front = paretoFront(means).map((p, i) => ({ ...p, order: i }));
  const enc = {
    x: { field: 'cost', type: 'quantitative', title: 'cost ($ per run)', scale: { zero: false } },
    y: { field: 'violation', type: 'quantitative', title: 'SLA violations (% of requests)', scale: { zero: false } },
  } as const;
  const svg = await renderSvg({
    ...FONT,
    width: 420,
    height: 300,
    layer: [
      { data: { values: runs }, mark: { type: 'point', opacity: 0.35, size: 25 }, encoding: { ...enc, color: { field: 'autoscaler', type: 'nominal' } } },
      { data: { values: front }, mark: { type: 'line', strokeDash: [5, 3], color: '#444' }, encoding: { ...enc, order: { field: 'order', type: 'quantitative' } } },
      { data: { values: means }, mark: { type: 'point', filled: true, size: 140, stroke: 'black', strokeWidth: 1 }, encoding: { ...enc, color: { field: 'autoscaler', type: 'nominal' } } },
      { data: { values: means }, mark: { type: 'text', dx: 8, dy: -8, align: 'left', fontSize: 10 }, encoding: { ...enc, text: { field: 'autoscaler' } } },
    ],
  });
  const onFront = front.map((p) => p.autoscaler).join(', ');
  return { id: 'pareto', title: 'Cost vs SLA violations (Pareto front)', caption: `Lower-left is better. On the front (no other autoscaler is cheaper and better on SLA): ${onFront}.`, svg };
}

/** One learning-curve point; extra fields are ignored. */
export interface EpisodeLog {
  agent: string;
  episode: number;
  reward: number;
}

/** Episode reward per agent (the RL trainer's JSON Lines), with a 10-episode moving average. */
export async function learningCurveChart(logs: readonly EpisodeLog[]): Promise<Chart | null> {
  const values = logs.filter((l) => Number.isFinite(l.episode) && Number.isFinite(l.reward));
  if (values.length === 0) return null;
  // Small multiples, one panel per agent (their episode counts and reward scales differ); the panel title names it.
  const svg = await renderSvg({
    ...FONT,
    data: { values },
    transform: [{ window: [{ op: 'mean', field: 'reward', as: 'smoothed' }], frame: [-9, 0], groupby: ['agent'], sort: [{ field: 'episode' }] }],
    facet: { field: 'agent', type: 'nominal', title: null },
    columns: 3,
    spec: {
      width: 330,
      height: 150,
      layer: [
        { mark: { type: 'line', opacity: 0.3, color: '#9aa9bb' }, encoding: { x: { field: 'episode', type: 'quantitative' }, y: { field: 'reward', type: 'quantitative', title: 'episode reward' } } },
        { mark: { type: 'line', strokeWidth: 2, color: '#1f5f9e' }, encoding: { x: { field: 'episode', type: 'quantitative' }, y: { field: 'smoothed', type: 'quantitative' } } },
      ],
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  });
  return { id: 'learning-curves', title: 'Learning curves', caption: 'One panel per agent: episode reward (grey) and its 10-episode moving average (blue).', svg };
}
