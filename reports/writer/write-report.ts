// Writes a report directory: report.md, self-contained index.html, records.jsonl, summary.csv, charts/*.svg.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderReportHtml } from './render-html.ts';
import { renderReportMarkdown } from './render-markdown.ts';
import type { ReportContent } from './report-content.ts';
import { summaryCsv } from './summary-csv.ts';

/** Paths of the files written. */
export interface WrittenReport {
  dir: string;
  markdown: string;
  html: string;
  records: string;
  summary: string;
}

/**
 * Use after building a ReportContent: writes every file under `dir` (created if needed). `writeRecords: false`
 * keeps an existing records.jsonl (e.g. the runner's own file in the same directory); an existing non-empty
 * records file is never replaced by an empty one.
 */
export function writeReport(dir: string, content: ReportContent, options: { writeRecords?: boolean } = {}): WrittenReport {
  mkdirSync(join(dir, 'charts'), { recursive: true });
  const paths: WrittenReport = {
    dir,
    markdown: join(dir, 'report.md'),
    html: join(dir, 'index.html'),
    records: join(dir, 'records.jsonl'),
    summary: join(dir, 'summary.csv'),
  };
  writeFileSync(paths.markdown, renderReportMarkdown(content));
  writeFileSync(paths.html, renderReportHtml(content));
  const keepExisting = options.writeRecords === false || (content.records.length === 0 && existsSync(paths.records) && statSync(paths.records).size > 0);
  if (!keepExisting) writeFileSync(paths.records, content.records.map((r) => JSON.stringify(r)).join('\n') + (content.records.length ? '\n' : ''));
  writeFileSync(paths.summary, summaryCsv(content.records));
  for (const ch of [...content.leadCharts, ...content.charts]) writeFileSync(join(dir, 'charts', `${ch.id}.svg`), ch.svg);
  return paths;
}
