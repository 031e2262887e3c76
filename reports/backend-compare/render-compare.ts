// The backend comparison as files: compare.md (the table, the cells that could not be paired), index.html
// (self-contained: the table and the chart inline, in the report's style) and compare.svg.
import type { Chart } from '../charts/render-svg.ts';
import { renderTableMarkdown } from '../tables/render-table.ts';
import type { ReportTable } from '../tables/table-model.ts';
import { chartHtml, esc, REPORT_CSS, tableHtml } from '../writer/render-html.ts';

export interface CompareDocument {
  title: string;
  intro: string[];
  table: ReportTable;
  chart: Chart | null;
  unpaired: string[];
}

export function renderCompareMarkdown(d: CompareDocument): string {
  const parts = [`# ${d.title}`, '', ...d.intro.flatMap((p) => [p, '']), renderTableMarkdown(d.table), ''];
  if (d.chart) parts.push(`![${d.chart.title}](compare.svg)`, '', `*${d.chart.caption}*`, '');
  if (d.unpaired.length) parts.push('## Not compared', '', ...d.unpaired.map((u) => `- ${u}`), '');
  return parts.join('\n');
}

export function renderCompareHtml(d: CompareDocument): string {
  return [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(d.title)}</title><style>${REPORT_CSS}</style></head><body>`,
    `<h1>${esc(d.title)}</h1>`,
    ...d.intro.map((p) => `<p>${esc(p)}</p>`),
    d.chart ? chartHtml(d.chart) : '',
    tableHtml(d.table),
    d.unpaired.length ? `<h2>Not compared</h2><ul class="incomplete">${d.unpaired.map((u) => `<li>${esc(u)}</li>`).join('')}</ul>` : '',
    '</body></html>',
  ].join('\n');
}
