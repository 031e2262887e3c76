// Public surface of reports/: statistics, tables, charts, report content and writer.
export * from './stats/index.ts';
export * from './tables/index.ts';
export { renderSvg, type Chart } from './charts/render-svg.ts';
export { timeSeriesChart, metricBoxChart, latencyCdfChart, paretoChart, learningCurveChart, type EpisodeLog } from './charts/charts.ts';
export { seriesPoints, latencyCdfPoints, paretoFront } from './charts/chart-data.ts';
export { buildReportContent, REALISTIC_ARMS, type BuildReportInput } from './build-report.ts';
export type { ReportContent } from './writer/report-content.ts';
export { checkRecords, unpairedSeeds, type RecordCheck } from './writer/check-records.ts';
export { summaryCsv, SUMMARY_METRIC_COLUMNS } from './writer/summary-csv.ts';
export { renderReportMarkdown } from './writer/render-markdown.ts';
export { renderReportHtml } from './writer/render-html.ts';
export { writeReport, type WrittenReport } from './writer/write-report.ts';
