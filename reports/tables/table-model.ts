// The shape every report table is built into before rendering (text, Markdown, HTML share it).
import type { Verdict } from './verdict.ts';

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
  /** The verdict behind each cell (same shape as `rows`, null where the cell is not a verdict): renderers colour by it. */
  cellVerdicts?: (Verdict | null)[][];
  /** Realistic T4: per tested metric, the conclusion here and on the thesis-compatible plant (for the report's conclusions). */
  conclusionChecks?: { metric: string; here: string; before: string }[];
}

/** Notes without repeats, in order of first appearance (a note added once per metric prints once). */
export function uniqueNotes(notes: readonly string[]): string[] {
  return [...new Set(notes)];
}

/** Formats a number with a fixed number of decimals and thousands separators. */
export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return String(value);
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/**
 * "12.3 [11.9, 12.8]": an estimate with its 95 % CI. A non-zero estimate whose whole CI rounds to 0 at `decimals`
 * prints as "< 0.001" (never a row of zeros or a one-digit 0.000001); otherwise each non-zero bound that rounds to 0
 * prints as "< 0.001" too.
 */
export function formatWithCi(estimate: number, low: number, high: number, decimals: number, unit = ''): string {
  const u = unit ? ` ${unit}` : '';
  const tiny = (v: number): boolean => Number.isFinite(v) && Math.abs(v) < 0.5 * 10 ** -decimals;
  if (estimate !== 0 && tiny(estimate) && tiny(low) && tiny(high)) return `< ${formatNumber(10 ** -decimals, decimals)}${u}`;
  return `${formatSmall(estimate, decimals)} [${formatSmall(low, decimals)}, ${formatSmall(high, decimals)}]${u}`;
}

/** A single value; non-zero values that round to 0 at `decimals` print as "< 0.001". */
export function formatSmall(value: number, decimals: number): string {
  if (value !== 0 && Number.isFinite(value) && Math.abs(value) < 0.5 * 10 ** -decimals) return `${value < 0 ? '> −' : '< '}${formatNumber(10 ** -decimals, decimals)}`;
  return formatNumber(value, decimals);
}

/** Signed percent with one decimal ("+8.9 %", "−60.6 %"). */
export function signedPct(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const s = Math.abs(v).toFixed(1);
  return `${v > 0 && s !== '0.0' ? '+' : v < 0 && s !== '0.0' ? '−' : ''}${s} %`;
}

/** Most decimals worth printing for a unit: percentages stop at 0.001 % (1 in 100,000), other units at 6. */
export function maxDecimalsFor(unit: string): number {
  return unit === '%' ? 3 : 6;
}

/** At least `minDecimals`, more for small magnitudes so that 3 significant digits show (at most `maxDecimals`). */
export function adaptiveDecimals(value: number, minDecimals: number, maxDecimals = 6): number {
  if (!Number.isFinite(value) || value === 0) return minDecimals;
  const needed = 2 - Math.floor(Math.log10(Math.abs(value)));
  return Math.max(minDecimals, Math.min(maxDecimals, needed));
}
