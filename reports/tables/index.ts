// Public surface of reports/tables: thesis claims as data, table builders, renderers.
export type { ReportTable, Verdict } from './table-model.ts';
export { formatNumber, formatWithCi, uniqueNotes } from './table-model.ts';
export { modelFactsFromLog, LAMBDA_TAIL_FRACTION, type ModelFacts } from './model-facts.ts';
export { judgeClaim, sameDirection, type Better } from './verdict.ts';
export { METRICS, type MetricId, type MetricSpec } from './metrics.ts';
export { collectSamples, pairSamples, resolveAutoscaler, type SampleSet, type Samples } from './samples.ts';
export { T1, T2, T3, type Claim, type ClaimColumn, type ClaimRow, type ClaimTableDef } from './claims.ts';
export { evaluateClaim, type CellResult } from './claim-cell.ts';
export { buildClaimTable, buildT3, type TableOptions } from './claim-table.ts';
export { analyzeN30, buildN30Table, pairN30Rows, T4_PUBLISHED, N30_BASELINE, N30_OTHER, type N30Row } from './n30-table.ts';
export { pairedRows, describeTest, signedPct, type PairedMetric, type PairedRow } from './paired-table.ts';
export { renderTableText, renderTableMarkdown } from './render-table.ts';
export { buildPairedRecordTable, conclusionOf, REALISTIC_T4_METRICS, type Arm } from './paired-record-table.ts';
export { buildSummaryTable, SUMMARY_METRICS } from './summary-table.ts';
