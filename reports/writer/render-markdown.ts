// The report as Markdown (tables inline, charts linked as SVG files written beside it).
import { renderTableMarkdown } from '../tables/render-table.ts';
import type { ReportContent } from './report-content.ts';

/** report.md text; charts are referenced as charts/<id>.svg. */
export function renderReportMarkdown(c: ReportContent): string {
  const out: string[] = [`# ${c.title}`, ''];
  for (const p of c.intro) out.push(p, '');
  if (c.conclusions.length > 0) {
    out.push('## Conclusions', '');
    for (const p of c.conclusions) out.push(`- ${p}`);
    out.push('');
  }
  out.push('## Tables', '');
  for (const t of c.tables) out.push(renderTableMarkdown(t));
  if (c.charts.length > 0) {
    out.push('## Charts', '');
    for (const ch of c.charts) out.push(`### ${ch.title}`, '', `![${ch.title}](charts/${ch.id}.svg)`, '', ch.caption, '');
  }
  out.push('## Data problems', '');
  if (c.dataProblems.length === 0) out.push('None: every record was complete and every seed was paired.', '');
  else for (const p of c.dataProblems) out.push(`- ${p}`);
  out.push('', `Records: ${c.records.length} (records.jsonl; one line per run in summary.csv).`, '');
  return out.join('\n');
}
