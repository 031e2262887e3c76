// The report as Markdown (tables inline, charts linked as SVG files written beside it), in the HTML's order:
// the answer and the frontier chart first, then frontier and cost tables, the thesis tables, the other charts.
import { renderTableMarkdown } from '../tables/render-table.ts';
import type { Chart } from '../charts/render-svg.ts';
import type { ReportContent } from './report-content.ts';

const chartMd = (ch: Chart): string[] => [`### ${ch.title}`, '', `![${ch.title}](charts/${ch.id}.svg)`, '', ch.caption, ''];

/** report.md text; charts are referenced as charts/<id>.svg. */
export function renderReportMarkdown(c: ReportContent): string {
  const out: string[] = [`# ${c.title}`, '', '## The answer', ''];
  for (const p of c.answer) out.push(`- ${p}`);
  out.push('');
  for (const ch of c.leadCharts) out.push(...chartMd(ch));
  if (c.leadTables.length > 0) {
    out.push('## Against tuned baselines, and what it costs', '');
    for (const t of c.leadTables) out.push(renderTableMarkdown(t));
  }
  out.push("## The thesis's tables", '');
  for (const p of c.intro) out.push(p, '');
  if (c.conclusions.length > 0) {
    out.push('### Conclusions', '');
    for (const p of c.conclusions) out.push(`- ${p}`);
    out.push('');
  }
  for (const t of c.tables) out.push(renderTableMarkdown(t));
  if (c.charts.length > 0) {
    out.push('## Charts', '');
    for (const ch of c.charts) out.push(...chartMd(ch));
  }
  out.push('## Data problems', '');
  if (c.dataProblems.length === 0) out.push('None: every record was complete and every seed was paired.', '');
  else for (const p of c.dataProblems) out.push(`- ${p}`);
  out.push('', `Records: ${c.records.length} (records.jsonl; one line per run in summary.csv).`, '');
  return out.join('\n');
}
