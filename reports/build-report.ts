// Assembles a ReportContent from checked RunRecords (+ optionally the n=30 table and RL training logs):
// T4 and its realistic-plant versions, T1–T3, the charts, and every data problem.
import type { RunRecord } from '../lib/ports.ts';
import { latencyCdfChart, learningCurveChart, metricBoxChart, timeSeriesChart, type EpisodeLog } from './charts/charts.ts';
import type { Chart } from './charts/render-svg.ts';
import { T1, T2 } from './tables/claims.ts';
import { buildClaimTable, buildT3 } from './tables/claim-table.ts';
import { countVerdicts, renderClaimTable } from './tables/render-claims.ts';
import { METRICS } from './tables/metrics.ts';
import { buildPairedRecordTable, type Arm } from './tables/paired-record-table.ts';
import { buildSummaryTable } from './tables/summary-table.ts';
import { uniqueNotes, type ReportTable } from './tables/table-model.ts';
import type { ModelFacts } from './tables/model-facts.ts';
import type { ReportContent } from './writer/report-content.ts';
import { analyzeFrontiers, type FrontierOptions } from './frontier/tuned-frontier.ts';
import { buildFamilyMarginTable, buildFrontierTable, frontierAnswer } from './frontier/frontier-section.ts';
import { frontierChart } from './frontier/frontier-chart.ts';
import { costReport } from './cost/cost-calculator.ts';
import { buildCostTable, buildSavingsTable } from './cost/cost-table.ts';

/** Record names of the controllers in the realistic-plant version of T4. */
export const REALISTIC_ARMS = {
  thesisHpa: { label: 'HPA as the thesis simulates it', autoscalers: ['thesis-hpa'] },
  upstreamHpa: { label: 'upstream-exact HPA', autoscalers: ['hpa', 'hpa-70'] },
  threshold: { label: 'threshold rule ("Hybrid")', autoscalers: ['thesis-threshold'] },
} satisfies Record<string, Arm>;

/** At most this many claims (thesis | ours | verdict) per printed table, so that every table fits 1,400 px. */
const CLAIMS_PER_PART = 4;

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
  /**
   * Tuned-baseline frontier input: its own records (tuning + held-out experiments) with families, agents and the
   * tuning experiment; default: the report's records, families by autoscaler type, no split.
   */
  frontier?: Omit<FrontierOptions, 'resamples' | 'point'> & { records?: RunRecord[] };
  /** Requests per month for the cost section (default 100 million). */
  requestsPerMonth?: number;
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
    const checks = t.conclusionChecks ?? [];
    const changed = checks.filter((c) => c.here !== c.before).map((c) => `${c.metric} (${c.before} → ${c.here})`);
    const same = checks.filter((c) => c.here === c.before).map((c) => c.metric);
    if (changed.length + same.length === 0) continue;
    conclusions.push(`${t.title}: ${changed.length === 0 ? 'every tested conclusion of the thesis-compatible T4 holds' : `the conclusion changes for ${changed.join('; ')}`}${same.length ? `; unchanged: ${same.join(', ')}` : ''}.`);
  }
  const claimTables = [buildClaimTable(T1, records, opts), buildClaimTable(T2, records, { ...opts, modelFacts: input.modelFacts }), buildT3(records, opts)];
  for (const data of claimTables) {
    tables.push(...renderClaimTable(data, { maxClaimsPerPart: CLAIMS_PER_PART }));
    const n = countVerdicts(data);
    conclusions.push(`${data.id}: ${n.reproduced} reproduced, ${n.exceeded} exceeded, ${n['not reproduced']} not reproduced, ${n['not comparable']} not comparable, ${n['not available']} not available${n.incomplete ? `, ${n.incomplete} incomplete` : ''}.`);
  }
  if (records.length > 0) tables.push(buildSummaryTable(records, opts));
  for (const t of tables) t.notes = uniqueNotes(t.notes);
  const lead = await leadSection(records, input);
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
  if (input.trainingLogs && input.trainingLogs.length > 0) add(await learningCurveChart(input.trainingLogs));
  const incomplete = tables.flatMap((t) => t.incomplete.map((p) => `${t.id} — ${p}`));
  return {
    title: `scalelab — does RL beat tuned baselines? (${input.experiment})`,
    experiment: input.experiment,
    ...lead,
    intro: [
      ...(input.intro ?? []),
      'Verdicts: reproduced = our 95 % CI contains the thesis\'s value or comes within the tolerance stated for that claim (the rounding of the thesis\'s printed figures); exceeded = the whole CI is better than the claim in the direction the claim is an achievement (values the thesis reports for a baseline, descriptive values, claimed deteriorations and efficiencies above 100 % can only be reproduced); not reproduced = neither; not comparable = an absolute value measured on the thesis\'s plant or in its units, which ours cannot match (the reason is under the table; the relative change is judged instead); not available = no records for that autoscaler yet (never a made-up number).',
    ],
    tables,
    conclusions,
    charts,
    dataProblems: [...input.dataProblems, ...incomplete],
    records,
  };
}

/** The answer first: agents against the tuned-baseline frontiers (chart and tables) and the cost calculator. */
async function leadSection(records: readonly RunRecord[], input: BuildReportInput): Promise<Pick<ReportContent, 'answer' | 'leadCharts' | 'leadTables'>> {
  const resamples = input.resamples ?? 10_000;
  const frontierRecords = input.frontier?.records ?? records;
  const frontier = frontierRecords.length === 0 ? null : analyzeFrontiers(frontierRecords, { ...input.frontier, resamples });
  const leadTables: ReportTable[] = [];
  const leadCharts: Chart[] = [];
  const answer = frontier === null ? ['No agent and baseline records to compare yet: the frontier section needs both.'] : frontierAnswer(frontier);
  if (frontier !== null) {
    leadTables.push(buildFrontierTable(frontier), buildFamilyMarginTable(frontier));
    const chart = await frontierChart(frontier);
    if (chart) leadCharts.push(chart);
  }
  if ((input.frontier?.records ?? records).length > 0) {
    // With tuning + held-out records the cost section prices the held-out runs, against the same tuned frontier.
    const cost = costReport(input.frontier?.records ?? records, { requestsPerMonth: input.requestsPerMonth ?? 100_000_000, resamples, frontier: input.frontier });
    leadTables.push(buildCostTable(cost), buildSavingsTable(cost));
  }
  return { answer, leadCharts, leadTables };
}
