// The report as one self-contained HTML page: inline CSS, inline SVG charts, no scripts, no network.
import { uniqueNotes, type ReportTable } from '../tables/table-model.ts';
import type { ReportContent } from './report-content.ts';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const CSS = `body{font:14px/1.45 Helvetica,Arial,sans-serif;margin:2em auto;max-width:1400px;padding:0 1em;color:#222}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;margin:.5em 0 1em;font-size:12.5px}th,td{border:1px solid #ddd;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.v-reproduced{background:#e3f4e3}td.v-not-reproduced{background:#fbe3e3}
td.v-not-comparable,td.v-not-available{background:#f0f0f0;color:#666}td.v-incomplete{background:#fff3d6}
.notes{font-size:12px;color:#555}.incomplete{font-size:12px;color:#8a5a00}figure{margin:1em 0}figcaption{font-size:12px;color:#555}
.chart{overflow-x:auto}`;

function verdictClass(cell: string, header: string): string {
  if (header !== 'verdict') return '';
  const v = cell.startsWith('not reproduced') ? 'not-reproduced' : cell.startsWith('reproduced') ? 'reproduced' : cell.startsWith('not comparable') ? 'not-comparable' : cell.startsWith('not available') ? 'not-available' : cell.startsWith('incomplete') ? 'incomplete' : '';
  const inc = cell.includes('incomplete') ? ' v-incomplete' : '';
  return v ? ` class="v-${v}${inc}"` : '';
}

function tableHtml(t: ReportTable): string {
  const head = `<tr>${t.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>`;
  const body = t.rows.map((r) => `<tr>${r.map((c, i) => `<td${verdictClass(c, t.columns[i])}>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  const notes = t.notes.length ? `<ul class="notes">${uniqueNotes(t.notes).map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '';
  const inc = t.incomplete.length
    ? `<details class="incomplete" open><summary>Incomplete comparisons (${t.incomplete.length})</summary><ul>${t.incomplete.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></details>`
    : '';
  return `<section class="report-table" id="${esc(t.id)}"><h3>${esc(t.title)}</h3><table data-table="${esc(t.id)}">${head}\n${body}</table>${notes}${inc}</section>`;
}

/** index.html text. */
export function renderReportHtml(c: ReportContent): string {
  const parts = [
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(c.title)}</title><style>${CSS}</style></head><body>`,
    `<h1>${esc(c.title)}</h1>`,
    ...c.intro.map((p) => `<p>${esc(p)}</p>`),
  ];
  if (c.conclusions.length) parts.push('<h2>Conclusions</h2><ul>', ...c.conclusions.map((p) => `<li>${esc(p)}</li>`), '</ul>');
  parts.push('<h2>Tables</h2>', ...c.tables.map(tableHtml));
  if (c.charts.length) {
    parts.push('<h2>Charts</h2>');
    for (const ch of c.charts) parts.push(`<figure class="chart" id="chart-${esc(ch.id)}"><h3>${esc(ch.title)}</h3>${ch.svg}<figcaption>${esc(ch.caption)}</figcaption></figure>`);
  }
  parts.push('<h2>Data problems</h2>');
  parts.push(c.dataProblems.length ? `<ul class="incomplete">${c.dataProblems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>` : '<p>None: every record was complete and every seed was paired.</p>');
  parts.push(`<p class="notes">Records: ${c.records.length} (records.jsonl, summary.csv beside this file).</p></body></html>`);
  return parts.join('\n');
}
