// The report as one self-contained HTML page: inline CSS, inline SVG charts, no scripts, no network.
// Order: the answer and the frontier chart, then the frontier and cost tables, then the thesis tables, then the
// other charts and the data problems. Everything fits a 1,400 px window: cells wrap, charts scale down.
import { uniqueNotes, type ReportTable } from '../tables/table-model.ts';
import type { Verdict } from '../tables/verdict.ts';
import type { Chart } from '../charts/render-svg.ts';
import type { ReportContent } from './report-content.ts';

export const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export const REPORT_CSS = `*{box-sizing:border-box}body{font:14px/1.45 Helvetica,Arial,sans-serif;margin:1.5em auto;max-width:1400px;padding:0 16px;color:#222}
h1{font-size:1.6em}h2{margin-top:1.8em;border-bottom:1px solid #ccc}
.answer{background:#f5f8fc;border-left:4px solid #3b6ea8;padding:.6em 1em}.answer li{margin:.25em 0}
table{border-collapse:collapse;margin:.5em 0 1em;font-size:12.5px;max-width:100%}th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top;overflow-wrap:break-word}
th{background:#f3f3f3}td.v-reproduced{background:#e3f4e3}td.v-exceeded{background:#cdebd6}td.v-not-reproduced{background:#fbe3e3}
td.v-not-comparable,td.v-not-available,td.v-baseline{background:#f0f0f0;color:#666}td.v-incomplete{background:#fff3d6}
.notes{font-size:12px;color:#555}.incomplete{font-size:12px;color:#8a5a00}figure{margin:1em 0;max-width:100%}figcaption{font-size:12px;color:#555}
figure.chart svg{max-width:100%;height:auto}`;

const verdictClass = (v: Verdict | null | undefined): string => (v ? ` class="v-${v.replace(/ /g, '-')}"` : '');

export function tableHtml(t: ReportTable): string {
  const head = `<tr>${t.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>`;
  const body = t.rows.map((r, ri) => `<tr>${r.map((c, i) => `<td${verdictClass(t.cellVerdicts?.[ri]?.[i])}>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  const notes = t.notes.length ? `<ul class="notes">${uniqueNotes(t.notes).map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  const inc = t.incomplete.length
    ? `<details class="incomplete" open><summary>Incomplete comparisons (${t.incomplete.length})</summary><ul>${t.incomplete.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></details>`
    : '';
  return `<section class="report-table" id="${esc(t.id)}"><h3>${esc(t.title)}</h3><table data-table="${esc(t.id)}">${head}\n${body}</table>${notes}${inc}</section>`;
}

export const chartHtml = (ch: Chart): string => `<figure class="chart" id="chart-${esc(ch.id)}"><h3>${esc(ch.title)}</h3>${ch.svg}<figcaption>${esc(ch.caption)}</figcaption></figure>`;

/** index.html text. */
export function renderReportHtml(c: ReportContent): string {
  const parts = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(c.title)}</title><style>${REPORT_CSS}</style></head><body>`,
    `<h1>${esc(c.title)}</h1>`,
    `<section id="answer"><h2>The answer</h2><ul class="answer">${c.answer.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>`,
    ...c.leadCharts.map(chartHtml),
    '</section>',
  ];
  if (c.leadTables.length) parts.push('<section id="frontier-and-cost"><h2>Against tuned baselines, and what it costs</h2>', ...c.leadTables.map(tableHtml), '</section>');
  parts.push('<section id="thesis"><h2>The thesis\'s tables</h2>', ...c.intro.map((p) => `<p>${esc(p)}</p>`));
  if (c.conclusions.length) parts.push('<h3>Conclusions</h3><ul>', ...c.conclusions.map((p) => `<li>${esc(p)}</li>`), '</ul>');
  parts.push(...c.tables.map(tableHtml), '</section>');
  if (c.charts.length) parts.push('<section id="charts"><h2>Charts</h2>', ...c.charts.map(chartHtml), '</section>');
  parts.push('<section id="data-problems"><h2>Data problems</h2>');
  parts.push(c.dataProblems.length ? `<ul class="incomplete">${c.dataProblems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : '<p>None: every record was complete and every seed was paired.</p>');
  parts.push(`<p class="notes">Records: ${c.records.length} (records.jsonl, summary.csv beside this file).</p></section></body></html>`);
  return parts.join('\n');
}
