// The shape every report table is built into before rendering (text, Markdown, HTML share it).

/** Plain verdict on one claimed value. */
export type Verdict = 'reproduced' | 'not reproduced' | 'not comparable' | 'not available' | 'incomplete';

/** One table, in the thesis's original layout, ready to render. Cells are display strings. */
export interface ReportTable {
  /** Stable id: 'T1' … 'T4', 'T4-realistic'. */
  id: string;
  title: string;
  columns: string[];
  rows: string[][];
  /** Footnotes: what each verdict rests on, units, why something is not comparable. */
  notes: string[];
  /** Comparisons that could not use every record (missing seeds, NaN metrics, …), one line each. */
  incomplete: string[];
}

/** Formats a number with a fixed number of decimals and thousands separators. */
export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** "12.3 [11.9, 12.8]": an estimate with its 95 % CI. */
export function formatWithCi(estimate: number, low: number, high: number, decimals: number, unit = ''): string {
  const u = unit ? ` ${unit}` : '';
  return `${formatNumber(estimate, decimals)} [${formatNumber(low, decimals)}, ${formatNumber(high, decimals)}]${u}`;
}

/** At least `minDecimals`, more for small magnitudes so that 3 significant digits show (at most 6 decimals). */
export function adaptiveDecimals(value: number, minDecimals: number): number {
  if (!Number.isFinite(value) || value === 0) return minDecimals;
  const needed = 2 - Math.floor(Math.log10(Math.abs(value)));
  return Math.max(minDecimals, Math.min(6, needed));
}
