// T4's procedure on RunRecords of the realistic plant: two autoscalers paired by (scenario, seed), the same
// tests, and whether each metric's conclusion agrees with the thesis-compatible T4.
import type { RunRecord } from '../../lib/ports.ts';
import { METRICS, type MetricSpec } from './metrics.ts';
import { describeTest, pairedRows, type PairedMetric, type PairedRow } from './paired-table.ts';
import { collectSamples, pairSamples } from './samples.ts';
import { adaptiveDecimals, formatSmall, maxDecimalsFor, signedPct, type ReportTable } from './table-model.ts';

/** The T4 metrics as RunRecord metrics (DESIGN.md §6 definitions), with the T4 row they correspond to. */
export const REALISTIC_T4_METRICS: { spec: MetricSpec; t4Field: string; higherIsBetter?: boolean; tested: boolean }[] = [
  { spec: METRICS.latencyMeanMs, t4Field: 'meanResponseTimeMs', tested: true },
  { spec: { ...METRICS.latencyP95Ms, id: 'latencyP50Ms', label: 'latency P50', get: (r) => r.metrics?.latencyP50Ms ?? NaN }, t4Field: 'medianResponseTimeMs', tested: true },
  { spec: METRICS.latencyP95Ms, t4Field: 'p95ResponseTimeMs', tested: true },
  { spec: { ...METRICS.resourceEfficiency, id: 'meanCpuUtilization', label: 'mean CPU utilization', get: (r) => r.metrics?.meanCpuUtilization ?? NaN }, t4Field: 'meanCpuPct', higherIsBetter: true, tested: true },
  { spec: METRICS.costUsd, t4Field: 'totalCost', tested: true },
  { spec: METRICS.slaRateRequests, t4Field: 'slaViolationRatePct', tested: true },
  { spec: METRICS.meanPods, t4Field: 'meanPods', tested: false },
];

/** A side of the comparison: the label printed and the record names that stand for it. */
export interface Arm {
  label: string;
  autoscalers: string[];
}

/** Direction + significance of one metric: 'lower*' = other is lower and Holm p < 0.05. */
export function conclusionOf(row: PairedRow): string {
  const c = row.comparison;
  const significant = c !== null && c.test !== 'none' && c.pHolm < 0.05;
  if (!significant) return 'no significant difference';
  return row.otherMean < row.baselineMean ? 'lower' : 'higher';
}

/**
 * Builds the realistic-plant version of T4 for `other` vs `baseline`. `t4Conclusions` maps a T4 field to the
 * thesis-compatible conclusion ('lower' | 'higher' | 'no significant difference') for the last column.
 */
export function buildPairedRecordTable(
  id: string,
  title: string,
  records: readonly RunRecord[],
  baseline: Arm,
  other: Arm,
  options: { t4Conclusions?: Record<string, string>; resamples?: number } = {},
): ReportTable {
  const columns = ['metric', baseline.label, other.label, 'change', 'test', 'p (Holm)', 'effect', 'mean diff [95 % CI]', 'conclusion here', 'thesis-compatible T4'];
  const table: ReportTable = { id, title, columns, rows: [], notes: [], incomplete: [], conclusionChecks: [] };
  const metrics: PairedMetric[] = [];
  for (const m of REALISTIC_T4_METRICS) {
    const b = collectSamples(records, baseline.autoscalers, m.spec);
    const o = collectSamples(records, other.autoscalers, m.spec);
    if (b.autoscaler === null || o.autoscaler === null) {
      const who = b.autoscaler === null ? baseline : other;
      table.rows.push([m.spec.label, ...(b.autoscaler === null ? ['not available'] : ['']), ...(o.autoscaler === null ? ['not available'] : ['']), 'not available', '', '', '', '', '', '']);
      const missing = `${who.label}: no records named ${who.autoscalers.join(' | ')}.`;
      if (!table.notes.includes(missing)) table.notes.push(missing);
      continue;
    }
    const paired = pairSamples(b, o);
    for (const p of [...b.problems, ...o.problems, ...paired.problems]) table.incomplete.push(`${m.spec.label}: ${p}`);
    const pairs = paired.strata.flat();
    if (pairs.length < 3) {
      table.rows.push([m.spec.label, '', '', `only ${pairs.length} paired run(s)`, '', '', '', '', 'incomplete', '']);
      continue;
    }
    metrics.push({ id: m.spec.id, label: m.spec.label, decimals: m.spec.decimals, higherIsBetter: m.higherIsBetter, tested: m.tested, baseline: pairs.map((p) => p[0]), other: pairs.map((p) => p[1]) });
  }
  if (metrics.length > 0) {
    for (const r of pairedRows(metrics, { seedKey: id, resamples: options.resamples })) {
      const spec = REALISTIC_T4_METRICS.find((m) => m.spec.id === r.metric.id)!;
      const t = describeTest(r.comparison, maxDecimalsFor(spec.spec.unit));
      const here = r.metric.tested ? conclusionOf(r) : '—';
      const before = options.t4Conclusions?.[spec.t4Field] ?? '—';
      const agree = !r.metric.tested || before === '—' ? before : `${before}${before === here ? ' (same)' : ' (changed)'}`;
      if (r.metric.tested && before !== '—') table.conclusionChecks!.push({ metric: r.metric.label, here, before });
      const unit = spec.spec.unit ? ` ${spec.spec.unit}` : '';
      const dec = adaptiveDecimals(Math.min(Math.abs(r.baselineMean), Math.abs(r.otherMean)) || Math.max(Math.abs(r.baselineMean), Math.abs(r.otherMean)), spec.spec.decimals, maxDecimalsFor(spec.spec.unit));
      table.rows.push([r.metric.label, formatSmall(r.baselineMean, dec) + unit, formatSmall(r.otherMean, dec) + unit, signedPct(r.changePct), t.test, t.p, t.effect, t.ci, here, agree]);
    }
  }
  table.notes.push(
    `Pairs: runs with the same scenario and seed. Same tests as T4 (Shapiro–Wilk → paired t or Wilcoxon, bootstrap CI, Holm over the tested metrics).`,
    `"conclusion here" = whether ${other.label} is significantly lower or higher than ${baseline.label} after Holm.`,
  );
  return table;
}
