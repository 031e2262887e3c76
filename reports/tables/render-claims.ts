// Rendering last: a ClaimTableData becomes one or more ReportTables of display strings (thesis | ours | verdict per
// claim), split into parts of a few claims so that each part fits a 1,400 px window.
import type { ClaimResult } from './claim-cell.ts';
import type { ClaimTableData } from './claim-table.ts';
import { adaptiveDecimals, formatSmall, formatWithCi, maxDecimalsFor, type ReportTable } from './table-model.ts';
import type { Verdict } from './verdict.ts';

/** Our value as text: "12.3 [11.9, 12.8] ms", "-20.0 [-26.0, -14.0] %", "1.25", or what stands in for a missing number. */
export function formatClaimResult(r: ClaimResult): string {
  if (r.estimate === null) return r.missing ?? 'no values';
  const decimals = r.kind === 'relative' ? 1 : adaptiveDecimals(r.estimate, r.decimals, maxDecimalsFor(r.unit));
  if (r.ci === null) {
    const single = formatSmall(r.estimate, decimals) + (r.unit ? ` ${r.unit}` : '');
    return r.missing ? `${single} (${r.missing})` : single;
  }
  return formatWithCi(r.estimate, r.ci.low, r.ci.high, decimals, r.unit);
}

/** The verdict as words: "not reproduced (same direction) — incomplete", "baseline", "—" for no claim. */
export function verdictText(r: ClaimResult): string {
  if (r.verdict === 'no claim') return '—';
  const words = r.verdict === 'not reproduced' && r.sameDirection ? 'not reproduced (same direction)' : r.verdict;
  return r.incomplete && r.verdict !== 'incomplete' && r.verdict !== 'not available' ? `${words} — incomplete` : words;
}

/** How many cells of each verdict a claim table has (the report's conclusions count from these, not from text). */
export function countVerdicts(table: ClaimTableData): Record<Verdict, number> {
  const counts = { reproduced: 0, exceeded: 0, 'not reproduced': 0, 'not comparable': 0, 'not available': 0, incomplete: 0, baseline: 0, 'no claim': 0 } satisfies Record<Verdict, number>;
  for (const row of table.rows) for (const c of row.cells) counts[c.result.verdict]++;
  return counts;
}

/**
 * The table(s) to print. With more than `maxClaimsPerPart` claims per row the table is split into parts with ids
 * `<id>a`, `<id>b`, … (notes and incomplete comparisons go with the last part).
 */
export function renderClaimTable(data: ClaimTableData, options: { maxClaimsPerPart?: number } = {}): ReportTable[] {
  const width = data.rows[0]?.cells.length ?? 0;
  const parts = Math.max(1, Math.ceil(width / Math.max(1, options.maxClaimsPerPart ?? width)));
  const per = Math.ceil(width / parts); // even parts: 8 claims at most 4 per part → 4 + 4, 6 at most 4 → 3 + 3
  const out: ReportTable[] = [];
  for (let p = 0; p < parts; p++) {
    const from = p * per;
    const to = Math.min(width, from + per);
    const headers = data.rows[0]?.cells.slice(from, to).map((c) => c.header) ?? [];
    const columns = [data.rowHeader, ...headers.flatMap((h) => [`${h}: thesis`, 'ours', 'verdict'])];
    const rows = data.rows.map((r) => [r.label, ...r.cells.slice(from, to).flatMap((c) => [c.thesis, formatClaimResult(c.result), verdictText(c.result)])]);
    const cellVerdicts = data.rows.map((r) => [null, ...r.cells.slice(from, to).flatMap((c) => [null, null, c.result.verdict])]);
    const last = p === parts - 1;
    out.push({
      id: parts === 1 ? data.id : `${data.id}${String.fromCharCode(97 + p)}`,
      title: parts === 1 ? data.title : `${data.title} (part ${p + 1} of ${parts}: ${headers.join(', ')})`,
      columns,
      rows,
      cellVerdicts,
      notes: last ? [...data.notes] : [],
      incomplete: last ? [...data.incomplete] : [],
    });
  }
  return out;
}
