// Comparing the same cells across two backends (issue 10: where the emulated cluster and the simulator disagree).
export { pairCells, type CellPair, type Pairing } from './pair-cells.ts';
export { buildCompareTable, compareMetrics, COMPARED_METRICS, type MetricComparison } from './compare-table.ts';
export { compareChart } from './compare-chart.ts';
export { renderCompareHtml, renderCompareMarkdown, type CompareDocument } from './render-compare.ts';
