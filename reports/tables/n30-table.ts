// T4, the thesis's "n=30 publication table", rebuilt from per-trace rows of the thesis-compatible plant:
// thesis means beside ours (verdict: equal at the thesis's printed precision), and the thesis's tests.
import { formatNumber, signedPct, type ReportTable } from './table-model.ts';
import { conclusionOf } from './paired-record-table.ts';
import { describeTest, pairedRows, type PairedMetric } from './paired-table.ts';

/** One per-trace row of the thesis-compatible study (structurally what sim/thesis's runThesisStudy returns). */
export interface N30Row {
  seed: number;
  controller: string;
  meanResponseTimeMs: number;
  medianResponseTimeMs: number;
  p95ResponseTimeMs: number;
  meanCpuPct: number;
  totalCost: number;
  slaViolationRatePct: number;
  meanPods: number;
  maxPods: number;
}

type N30Field = Exclude<keyof N30Row, 'seed' | 'controller'>;

/** The published T4 (thesis-n30.md §A): means over 30 traces and what the thesis's prose says. */
export const T4_PUBLISHED: { field: N30Field; label: string; hpa: number; other: number; decimals: number; says: string; higherIsBetter?: boolean; tested: boolean }[] = [
  { field: 'meanResponseTimeMs', label: 'mean response time (ms)', hpa: 106.78, other: 101.62, decimals: 2, says: '−4.8 %', tested: true },
  { field: 'medianResponseTimeMs', label: 'median response time (ms)', hpa: 100.0, other: 100.0, decimals: 2, says: '0', tested: true },
  { field: 'p95ResponseTimeMs', label: 'P95 response time (ms)', hpa: 137.45, other: 110.49, decimals: 2, says: '−19.6 %', tested: true },
  { field: 'meanCpuPct', label: 'mean CPU utilization (%)', hpa: 65.78, other: 60.55, decimals: 2, says: '', higherIsBetter: true, tested: true },
  { field: 'totalCost', label: 'total cost ($)', hpa: 77.0, other: 83.87, decimals: 2, says: '+8.9 %', tested: true },
  { field: 'slaViolationRatePct', label: 'SLA violation rate (% of steps)', hpa: 0.173, other: 0.068, decimals: 3, says: '−60.6 %', tested: true },
  { field: 'meanPods', label: 'mean pods', hpa: 5.35, other: 5.82, decimals: 2, says: '', tested: false },
];

/** Controller names in the per-trace rows. */
export const N30_BASELINE = 'hpa';
export const N30_OTHER = 'thesis-threshold';

/** Pairs rows by seed; throws with the offending seeds when a controller lacks a trace (nothing is dropped). */
export function pairN30Rows(rows: readonly N30Row[]): { baseline: N30Row[]; other: N30Row[] } {
  const by = (c: string): Map<number, N30Row> => new Map(rows.filter((r) => r.controller === c).map((r) => [r.seed, r]));
  const b = by(N30_BASELINE);
  const o = by(N30_OTHER);
  const unknown = rows.filter((r) => r.controller !== N30_BASELINE && r.controller !== N30_OTHER);
  if (unknown.length > 0) throw new RangeError(`n30 rows: controller "${unknown[0].controller}" is neither "${N30_BASELINE}" nor "${N30_OTHER}"`);
  const missing = [...new Set([...b.keys(), ...o.keys()])].filter((s) => !b.has(s) || !o.has(s));
  if (missing.length > 0) throw new RangeError(`n30 rows: seed(s) ${missing.join(', ')} present for one controller only`);
  const seeds = [...b.keys()].sort((x, y) => x - y);
  return { baseline: seeds.map((s) => b.get(s)!), other: seeds.map((s) => o.get(s)!) };
}

/** Builds T4 with the thesis's values beside ours; `resamples` defaults to the thesis's 10,000. */
export function buildN30Table(rows: readonly N30Row[], options: { resamples?: number } = {}): ReportTable {
  return analyzeN30(rows, options).table;
}

/** T4 plus each tested metric's conclusion ('lower' | 'higher' | 'no significant difference'), keyed by field. */
export function analyzeN30(rows: readonly N30Row[], options: { resamples?: number } = {}): { table: ReportTable; conclusions: Record<string, string> } {
  const { baseline, other } = pairN30Rows(rows);
  const metrics: PairedMetric[] = T4_PUBLISHED.map((p) => ({
    id: p.field,
    label: p.label,
    decimals: p.decimals,
    higherIsBetter: p.higherIsBetter,
    tested: p.tested,
    baseline: baseline.map((r) => r[p.field]),
    other: other.map((r) => r[p.field]),
  }));
  for (const m of metrics) {
    const bad = [...m.baseline, ...m.other].find((v) => !Number.isFinite(v));
    if (bad !== undefined) throw new RangeError(`n30 rows: ${m.label} has a non-finite value (${bad})`);
  }
  const results = pairedRows(metrics, { seedKey: 'T4', resamples: options.resamples });
  const columns = ['metric', 'HPA: thesis', 'ours', '"Hybrid": thesis', 'ours (threshold rule)', 'thesis says', 'our change', '% improvement', 'test', 'p (Holm)', 'effect', 'mean diff [95 % CI]', 'verdict'];
  const table: ReportTable = { id: 'T4', title: `T4 — n=${baseline.length} publication table (thesis-compatible plant)`, columns, rows: [], notes: [], incomplete: [], cellVerdicts: [] };
  results.forEach((r, i) => {
    const p = T4_PUBLISHED[i];
    const ours = [formatNumber(r.baselineMean, p.decimals), formatNumber(r.otherMean, p.decimals)];
    const match = ours[0] === formatNumber(p.hpa, p.decimals) && ours[1] === formatNumber(p.other, p.decimals);
    const t = describeTest(r.comparison);
    table.rows.push([
      p.label, formatNumber(p.hpa, p.decimals), ours[0], formatNumber(p.other, p.decimals), ours[1], p.says || '—',
      signedPct(r.changePct), signedPct(r.improvementPct), t.test, t.p, t.effect, t.ci, match ? 'reproduced' : 'not reproduced',
    ]);
    table.cellVerdicts!.push([...columns.slice(1).map(() => null), match ? 'reproduced' : 'not reproduced']);
  });
  table.notes.push(
    'verdict: both means equal the published ones at the thesis\'s printed precision.',
    'The thesis calls the second controller "Hybrid DQN-PPO"; it is a CPU-threshold rule with a traffic trend (thesis-n30.md §B), named thesis-threshold here.',
    'our change = (threshold − HPA)/HPA; % improvement = (HPA − threshold)/HPA × 100, sign reversed for CPU (the thesis\'s formula).',
    `Tests per metric: Shapiro–Wilk on the paired differences → paired t + Cohen's d if p > 0.05, else Wilcoxon signed-rank + rank-biserial r; percentile bootstrap 95 % CI of the mean difference (threshold − HPA, ${(options.resamples ?? 10_000).toLocaleString('en-US')} resamples); Holm over the 6 tested metrics (mean pods is not tested).`,
  );
  const conclusions: Record<string, string> = {};
  results.forEach((r, i) => {
    if (T4_PUBLISHED[i].tested) conclusions[T4_PUBLISHED[i].field] = conclusionOf(r);
  });
  return { table, conclusions };
}
