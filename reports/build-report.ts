// Assembles a ReportContent from checked RunRecords (+ optionally the n=30 table and RL training logs):
// T4 and its realistic-plant versions, T1–T3, the charts, and every data problem.
import type { RunRecord } from '../lib/ports.ts';
import { latencyCdfChart, learningCurveChart, metricBoxChart, paretoChart, timeSeriesChart, type EpisodeLog } from './charts/charts.ts';
import type { Chart } from './charts/render-svg.ts';
import { T1, T2 } from './tables/claims.ts';
import { buildClaimTable, buildT3 } from './tables/claim-table.ts';
import { METRICS } from './tables/metrics.ts';
import { buildPairedRecordTable, type Arm } from './tables/paired-record-table.ts';
import { buildSummaryTable } from './tables/summary-table.ts';
import { uniqueNotes, type ReportTable } from './tables/table-model.ts';
import type { ModelFacts } from './tables/model-facts.ts';
import type { ReportContent } from './writer/report-content.ts';

/** Record names of the controllers in the realistic-plant version of T4. */
export const REALISTIC_ARMS = {
  thesisHpa: { label: 'HPA as the thesis simulates it', autoscalers: ['thesis-hpa'] },
  upstreamHpa: { label: 'upstream-exact HPA', autoscalers: ['hpa', 'hpa-70'] },
  threshold: { label: 'threshold rule ("Hybrid")', autoscalers: ['thesis-threshold'] },
} satisfies Record<string, Arm>;

export interface BuildReportInput {
  experiment: string;
  /** Records that passed checkRecords. */
  records: RunRecord[];
  /** Lines from checkRecords (rejected + warnings) and anything else the caller could not use. */
  dataProblems: string[];
  /** The n=30 analysis when it was run. */
  n30?: { table: ReportTable; conclusions: Record<string, string> };
  trainingLogs?: EpisodeLog[];
  /** Trained-model facts (λ converged) by autoscaler record name, read from the models' training logs by the CLI. */
  modelFacts?: Readonly<Record<string, ModelFacts>>;
  /** Paragraphs at the top (what ran, how long). */
  intro?: string[];
  /** Bootstrap resamples for record tables (default 10,000; --quick uses fewer). */
  resamples?: number;
}

/** Builds every table and chart; tables for autoscalers without records say "not available". */
export async function buildReportContent(input: BuildReportInput): Promise<ReportContent> {
  const { records } = input;
  const opts = { resamples: input.resamples };
  const tables: ReportTable[] = [];
  const conclusions: string[] = [];
  if (input.n30) tables.push(input.n30.table);
  const realistic = [
    buildPairedRecordTable('T4-realistic', 'T4 on the realistic plant — threshold rule vs the HPA as the thesis simulates it', records, REALISTIC_ARMS.thesisHpa, REALISTIC_ARMS.threshold, { ...opts, t4Conclusions: input.n30?.conclusions }),
    buildPairedRecordTable('T4-upstream', 'T4 on the realistic plant — threshold rule vs the upstream-exact HPA', records, REALISTIC_ARMS.upstreamHpa, REALISTIC_ARMS.threshold, { ...opts, t4Conclusions: input.n30?.conclusions }),
  ];
  tables.push(...realistic);
  for (const t of realistic) {
    const changed = t.rows.filter((r) => r[9]?.endsWith('(changed)')).map((r) => `${r[0]} (${r[9].replace(' (changed)', '')} → ${r[8]})`);
    const same = t.rows.filter((r) => r[9]?.endsWith('(same)')).map((r) => r[0]);
    if (changed.length + same.length === 0) continue;
    conclusions.push(`${t.title}: ${changed.length === 0 ? 'every tested conclusion of the thesis-compatible T4 holds' : `the conclusion changes for ${changed.join('; ')}`}${same.length ? `; unchanged: ${same.join(', ')}` : ''}.`);
  }
  tables.push(buildClaimTable(T1, records, opts), buildClaimTable(T2, records, { ...opts, modelFacts: input.modelFacts }), buildT3(records, opts));
  if (records.length > 0) tables.push(buildSummaryTable(records, opts));
  for (const t of tables) t.notes = uniqueNotes(t.notes);
  for (const t of tables) {
    const verdicts = t.rows.flatMap((r) => r.filter((_, i) => t.columns[i] === 'verdict'));
    const count = (prefix: string): number => verdicts.filter((v) => v.startsWith(prefix)).length;
    if (verdicts.length > 0 && t.id !== 'T4' && t.id !== 'summary') {
      conclusions.push(`${t.id}: ${count('reproduced')} reproduced, ${count('not reproduced')} not reproduced, ${count('not comparable')} not comparable, ${count('not available')} not available.`);
    }
  }
  const charts: Chart[] = [];
  const add = (c: Chart | null): void => void (c && charts.push(c));
  add(await timeSeriesChart(records));
  add(
    await metricBoxChart(records, [
      { label: 'latency P95 (ms)', get: METRICS.latencyP95Ms.get },
      { label: 'cost ($)', get: METRICS.costUsd.get },
      { label: 'SLA violations (% requests)', get: METRICS.slaRateRequests.get, scale: 100 },
      { label: 'resource efficiency (%)', get: METRICS.resourceEfficiency.get, scale: 100 },
      { label: 'mean pods', get: METRICS.meanPods.get },
    ]),
  );
  add(await latencyCdfChart(records));
  add(await paretoChart(records));
  if (input.trainingLogs && input.trainingLogs.length > 0) add(await learningCurveChart(input.trainingLogs));
  const incomplete = tables.flatMap((t) => t.incomplete.map((p) => `${t.id} — ${p}`));
  return {
    title: `scalelab — reproduction of the thesis tables (${input.experiment})`,
    experiment: input.experiment,
    intro: [
      ...(input.intro ?? []),
      'Verdicts: reproduced = our 95 % CI contains the thesis\'s value or beats it in the claimed direction (values the thesis reports for a baseline, descriptive values such as λ or the safety-intervention rate, claimed deteriorations and efficiencies above 100 % count only by containment); not reproduced = it does not; not comparable = the thesis\'s unit cannot be matched (the reason is under the table); not available = no records for that autoscaler yet (never a made-up number).',
    ],
    tables,
    conclusions,
    charts,
    dataProblems: [...input.dataProblems, ...incomplete],
    records,
  };
}
