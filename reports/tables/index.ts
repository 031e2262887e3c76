// Public surface of reports/tables: thesis claims as data, claim cells as numbers, table builders, renderers.
export type { ReportTable } from './table-model.ts';
export { formatNumber, formatWithCi, signedPct, uniqueNotes } from './table-model.ts';
export { modelFactsFromLog, LAMBDA_TAIL_FRACTION, type ModelFacts } from './model-facts.ts';
export { judgeClaim, sameDirection, VERDICTS, type Better, type Verdict } from './verdict.ts';
export { cellSeed } from './cell-seed.ts';
export { METRICS, type MetricId, type MetricSpec } from './metrics.ts';
export { collectSamples, pairSamples, resolveAutoscaler, type SampleSet, type Samples } from './samples.ts';
export { T1, T2, T3, impliedChange, type Claim, type ClaimColumn, type ClaimRow, type ClaimTableDef } from './claims.ts';
export { evaluateClaim, type ClaimResult } from './claim-cell.ts';
export { buildClaimTable, buildT3, type ClaimCell, type ClaimTableData, type TableOptions } from './claim-table.ts';
export { renderClaimTable, formatClaimResult, verdictText, countVerdicts } from './render-claims.ts';
export { analyzeN30, buildN30Table, pairN30Rows, T4_PUBLISHED, N30_BASELINE, N30_OTHER, type N30Row } from './n30-table.ts';
export { pairedRows, describeTest, type PairedMetric, type PairedRow } from './paired-table.ts';
export { renderTableText, renderTableMarkdown } from './render-table.ts';
export { buildPairedRecordTable, conclusionOf, REALISTIC_T4_METRICS, type Arm } from './paired-record-table.ts';
export { buildSummaryTable, SUMMARY_METRICS } from './summary-table.ts';
