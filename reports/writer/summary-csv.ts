// One CSV line per RunRecord with every metric of DESIGN.md §6 (for spreadsheets and R/pandas).
import { RUN_METRIC_KEYS, type RunMetrics, type RunRecord } from '../../lib/ports.ts';

/** Metric columns, in the order of RunMetrics: the one list in lib/ports.ts, so no metric can be left out. */
export const SUMMARY_METRIC_COLUMNS: readonly (keyof RunMetrics)[] = RUN_METRIC_KEYS;

const cell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV text with a header; a missing metric is an empty cell, NaN stays "NaN" so nothing is hidden. */
export function summaryCsv(records: readonly RunRecord[]): string {
  const header = ['experiment', 'scenario', 'autoscaler', 'seed', 'backend', ...SUMMARY_METRIC_COLUMNS];
  const lines = [header.join(',')];
  for (const r of records) {
    const m = (r.metrics ?? {}) as Partial<RunMetrics>;
    lines.push([r.experiment, r.scenario, r.autoscaler, r.seed, r.backend, ...SUMMARY_METRIC_COLUMNS.map((k) => m[k])].map(cell).join(','));
  }
  return `${lines.join('\n')}\n`;
}
