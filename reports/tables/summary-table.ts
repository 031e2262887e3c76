// An rliable-style summary over every autoscaler in the records: per metric the IQM with a stratified
// bootstrap 95 % CI (strata = scenarios, resampled over seeds) and the probability of improving on the HPA.
import type { RunRecord } from '../../lib/ports.ts';
import { createRng } from '../../lib/rng.ts';
import { iqm, probabilityOfImprovement, stratifiedBootstrapCi } from '../stats/index.ts';
import { cellSeed } from './cell-seed.ts';
import { METRICS, type MetricSpec } from './metrics.ts';
import { collectSamples, resolveAutoscaler } from './samples.ts';
import { adaptiveDecimals, formatWithCi, maxDecimalsFor, type ReportTable } from './table-model.ts';

/** The metrics the summary shows. */
export const SUMMARY_METRICS: MetricSpec[] = [METRICS.latencyP95Ms, METRICS.slaRateRequests, METRICS.costUsd, METRICS.resourceEfficiency];

/** IQM of all values pooled over strata. */
const pooledIqm = (strata: number[][]): number => iqm(strata.flat());

/** Builds the summary; `baselineAliases` names the HPA the probability of improvement compares against. */
export function buildSummaryTable(records: readonly RunRecord[], options: { baselineAliases?: string[]; resamples?: number } = {}): ReportTable {
  const baselineAliases = options.baselineAliases ?? ['hpa', 'hpa-70'];
  const baseline = resolveAutoscaler(records, baselineAliases);
  const names = [...new Set(records.map((r) => r.autoscaler))].sort();
  const columns = ['autoscaler', ...SUMMARY_METRICS.flatMap((m) => [`${m.label}: IQM [95 % CI]`, `P(better than ${baseline ?? 'HPA'})`])];
  const table: ReportTable = { id: 'summary', title: 'Summary — IQM per autoscaler and probability of improving on the HPA', columns, rows: [], notes: [], incomplete: [] };
  const bursting: string[] = [];
  for (const name of names) {
    const row = [name];
    for (const m of SUMMARY_METRICS) {
      const own = collectSamples(records, [name], m);
      for (const p of own.problems) table.incomplete.push(`${m.label}: ${p}`);
      const strata = [...own.samples.keys()].sort().map((k) => [...own.samples.get(k)!.values()]);
      if (strata.length === 0) {
        row.push('no values', '—');
        continue;
      }
      const ci = stratifiedBootstrapCi(strata, pooledIqm, { rng: createRng(cellSeed(`summary/${name}/${m.id}`)), resamples: options.resamples ?? 10_000 });
      row.push(formatWithCi(ci.estimate, ci.low, ci.high, adaptiveDecimals(ci.estimate, m.decimals, maxDecimalsFor(m.unit)), m.unit));
      if (m.betterUpTo !== undefined && ci.estimate > m.betterUpTo) bursting.push(name);
      if (baseline === null || name === baseline) {
        row.push('—');
        continue;
      }
      const base = collectSamples(records, [baseline], m);
      const perScenario = [...own.samples.keys()].filter((s) => base.samples.has(s)).map((s) =>
        probabilityOfImprovement([...own.samples.get(s)!.values()], [...base.samples.get(s)!.values()], m.better === 'lower'),
      );
      row.push(perScenario.length === 0 ? '—' : (perScenario.reduce((a, b) => a + b, 0) / perScenario.length).toFixed(2));
    }
    table.rows.push(row);
  }
  table.notes.push(
    'IQM = mean of the middle 50 % of runs (rliable); CI = stratified percentile bootstrap over seeds within each scenario.',
    `P(better than ${baseline ?? 'HPA'}) = chance that a random run of the row beats a random run of ${baseline ?? 'the HPA'} on the same scenario (ties ½), averaged over scenarios; 0.5 = no difference.`,
  );
  if (bursting.length > 0) {
    table.notes.push(`Resource efficiency above 100 % (${bursting.join(', ')}): the pods use more CPU than they request (bursting towards the limit); its "P(better)" counts higher as better and should be read with the latency and SLA columns.`);
  }
  return table;
}
