// Renders a ReportTable as aligned terminal text or as a Markdown table (notes and incomplete lines below).
import { uniqueNotes, type ReportTable } from './table-model.ts';

const width = (s: string): number => [...s].length;
const pad = (s: string, w: number): string => s + ' '.repeat(Math.max(0, w - width(s)));

/** Aligned plain text for the terminal. */
export function renderTableText(table: ReportTable): string {
  const widths = table.columns.map((c, i) => Math.max(width(c), ...table.rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]): string => cells.map((c, i) => pad(c, widths[i])).join('  ').trimEnd();
  const out = [table.title, line(table.columns), widths.map((w) => '─'.repeat(w)).join('  '), ...table.rows.map(line)];
  for (const n of uniqueNotes(table.notes)) out.push(`  · ${n}`);
  if (table.incomplete.length > 0) {
    out.push(`  ! incomplete comparisons (${table.incomplete.length}):`);
    for (const p of table.incomplete) out.push(`    - ${p}`);
  }
  return out.join('\n');
}

const md = (s: string): string => s.replace(/\|/g, '\\|');

/** GitHub-flavoured Markdown. */
export function renderTableMarkdown(table: ReportTable): string {
  const out = [`### ${table.title}`, '', `| ${table.columns.map(md).join(' | ')} |`, `|${table.columns.map(() => '---').join('|')}|`];
  for (const r of table.rows) out.push(`| ${r.map(md).join(' | ')} |`);
  out.push('');
  for (const n of uniqueNotes(table.notes)) out.push(`- ${n}`);
  if (table.incomplete.length > 0) {
    out.push('', `**Incomplete comparisons (${table.incomplete.length})** — these values were left out, with the reason:`, '');
    for (const p of table.incomplete) out.push(`- ${p}`);
  }
  return `${out.join('\n')}\n`;
}
