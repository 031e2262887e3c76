// Side by side: each paired cell's headline metrics on both backends, the difference and whether it is large.
// "Disagree" is a relative difference above a threshold (default 20 %) on a metric whose values are not both
// near zero — the reader's cue to look at that cell's series in the chart.
import type { RunMetricKey } from '../../lib/ports.ts';
import { formatNumber, type ReportTable } from '../tables/table-model.ts';
import type { CellPair } from './pair-cells.ts';

/** The metrics shown, with their display name and decimals. */
export const COMPARED_METRICS: readonly { key: RunMetricKey; label: string; decimals: number }[] = [
  { key: 'requests', label: 'requests', decimals: 0 },
  { key: 'costUsd', label: 'cost (USD)', decimals: 5 },
  { key: 'meanPods', label: 'mean pods', decimals: 2 },
  { key: 'maxPods', label: 'max pods', decimals: 0 },
  { key: 'scalingActionsPerHour', label: 'scaling actions / h', decimals: 1 },
  { key: 'latencyP95Ms', label: 'P95 latency (ms)', decimals: 1 },
  { key: 'slaViolationRateRequests', label: 'SLA-violating share', decimals: 4 },
];

/** One metric of one cell on both backends. */
export interface MetricComparison {
  cell: string;
  metric: RunMetricKey;
  a: number | null;
  b: number | null;
  /** (b − a) / a; null when a is 0 or a value is missing. */
  relative: number | null;
  disagree: boolean;
}

/** Values below this (per metric scale) count as "near zero": e.g. a violation share of 0.001 vs 0.002 is no disagreement. */
const NEAR_ZERO: Partial<Record<RunMetricKey, number>> = { slaViolationRateRequests: 0.01, scalingActionsPerHour: 1, costUsd: 1e-6 };

export function compareMetrics(pairs: readonly CellPair[], threshold = 0.2): MetricComparison[] {
  const out: MetricComparison[] = [];
  for (const p of pairs) {
    for (const { key } of COMPARED_METRICS) {
      const a = p.a.metrics[key];
      const b = p.b.metrics[key];
      const relative = a === null || b === null || a === 0 ? null : (b - a) / a;
      const small = NEAR_ZERO[key] ?? 0;
      const bothSmall = a !== null && b !== null && Math.abs(a) <= small && Math.abs(b) <= small;
      const disagree = !bothSmall && a !== null && b !== null && (relative === null ? a !== b : Math.abs(relative) > threshold);
      out.push({ cell: p.key, metric: key, a, b, relative, disagree });
    }
  }
  return out;
}

/** Use for the printed and Markdown table: a row per cell and metric. */
export function buildCompareTable(rows: readonly MetricComparison[], names: { a: string; b: string }, threshold = 0.2): ReportTable {
  const fmt = (v: number | null, decimals: number) => (v === null ? 'n/a' : formatNumber(v, decimals));
  const decimalsOf = new Map(COMPARED_METRICS.map((m) => [m.key, m.decimals]));
  const labelOf = new Map(COMPARED_METRICS.map((m) => [m.key, m.label]));
  return {
    id: 'backend-compare',
    title: `The same cells on two backends: ${names.a} vs ${names.b}`,
    columns: ['cell', 'metric', names.a, names.b, 'difference', ''],
    rows: rows.map((r) => [
      r.cell,
      labelOf.get(r.metric)!,
      fmt(r.a, decimalsOf.get(r.metric)!),
      fmt(r.b, decimalsOf.get(r.metric)!),
      r.relative === null ? (r.a === r.b ? '0' : 'n/a') : `${r.relative >= 0 ? '+' : ''}${formatNumber(100 * r.relative, 1)} %`,
      r.disagree ? 'disagree' : '',
    ]),
    notes: [
      `difference = (${names.b} − ${names.a}) / ${names.a}; "disagree" marks a difference above ${formatNumber(100 * threshold, 0)} % (values near zero excepted). One run per backend: no CI — the chart shows where in the run they part.`,
    ],
    incomplete: [],
  };
}
