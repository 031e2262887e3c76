// Builds T1, T2 (rows = configurations) and T3 (rows = metrics) from RunRecords as numbers: for every claimed value,
// the thesis's figure and our ClaimResult (estimate, CI, verdict). render-claims.ts turns them into table text.
import type { RunRecord } from '../../lib/ports.ts';
import { evaluateClaim, notAvailable, type ClaimResult } from './claim-cell.ts';
import { T3, type Claim, type ClaimTableDef } from './claims.ts';
import { METRICS } from './metrics.ts';
import type { ModelFacts } from './model-facts.ts';
import { resolveAutoscaler } from './samples.ts';
import { formatNumber } from './table-model.ts';

export interface TableOptions {
  /** Bootstrap resamples per cell (default 10,000). */
  resamples?: number;
  /** Trained-model facts (λ converged) by autoscaler record name; read from the training logs by the CLI. */
  modelFacts?: Readonly<Record<string, ModelFacts>>;
}

/** One claimed value with ours. */
export interface ClaimCell {
  /** Column group, e.g. "cost vs rule-based" (T1/T2) or "HPA" / "change" (T3). */
  header: string;
  /** The thesis's figure as printed ("—" where it claims nothing). */
  thesis: string;
  claim: Claim;
  result: ClaimResult;
}

/** A claim table as data: rows of claim cells, with notes and every incomplete comparison. */
export interface ClaimTableData {
  id: string;
  title: string;
  rowHeader: string;
  rows: { label: string; cells: ClaimCell[] }[];
  notes: string[];
  incomplete: string[];
}

/**
 * λ converged is a property of the trained model, not of a run: it comes from the model's training log
 * (`modelFacts`), else from a `lambda` in the record's config. One model, so no CI: a comparable claim is
 * reproduced only when our value equals it at the thesis's printed precision.
 */
function lambdaResult(records: readonly RunRecord[], aliases: readonly string[], claim: Claim, facts?: Readonly<Record<string, ModelFacts>>): ClaimResult {
  const name = resolveAutoscaler(records, aliases);
  if (name === null) return notAvailable('single', '', 2);
  const f = facts?.[name];
  let value = f?.lambda ?? null;
  let note: string | undefined;
  if (value !== null && f) {
    note = `λ (${name}) = mean of \`lambda\` over the last 10 % of training episodes (${f.lambdaEpisodes} of ${f.episodes}) in ${f.source}; one trained model, so no CI.`;
  } else {
    value = records.filter((r) => r.autoscaler === name).map((r) => METRICS.lambda.get(r)).find((v) => v !== null) ?? null;
    if (value !== null) note = `λ (${name}) is the \`lambda\` in its record's config (no training log with λ found).`;
  }
  const reason = claim.kind === 'not-comparable' ? claim.reason : undefined;
  const none = claim.kind === 'none' || claim.kind === 'baseline';
  const base = { kind: 'single' as const, ci: null, unit: '', decimals: 2, incomplete: false, problems: [] };
  if (value === null) {
    const missing = none ? '—' : f ? 'no λ in the training log' : 'no training log';
    return { ...base, estimate: null, missing, verdict: none ? 'no claim' : 'not comparable', reason: none ? undefined : reason ?? `no λ was recorded for ${name}` };
  }
  if (claim.kind !== 'absolute') return { ...base, estimate: value, verdict: none ? 'no claim' : 'not comparable', reason, note };
  const printed = (claim.thesis.split('.')[1] ?? '').replace(/[^0-9].*$/, '').length;
  const verdict = formatNumber(value, printed) === formatNumber(claim.value, printed) ? 'reproduced' : 'not reproduced';
  return { ...base, estimate: value, verdict, note };
}

function collect(table: ClaimTableData, where: string, cell: ClaimResult, reasons: Set<string>): void {
  for (const p of cell.problems) table.incomplete.push(`${where}: ${p}`);
  if (cell.reason) reasons.add(cell.reason);
  if (cell.note && !table.notes.includes(cell.note)) table.notes.push(cell.note);
}

const thesisText = (c: Claim): string => (c.kind === 'none' ? '—' : c.thesis);

/** T1 or T2: one row per configuration, one claim cell per claimed value. */
export function buildClaimTable(def: ClaimTableDef, records: readonly RunRecord[], options: TableOptions = {}): ClaimTableData {
  const table: ClaimTableData = { id: def.id, title: def.title, rowHeader: def.rowHeader, rows: [], notes: [...def.notes], incomplete: [] };
  const reasons = new Set<string>();
  for (const row of def.rows) {
    const cells: ClaimCell[] = def.columns.map((col, i) => {
      const claim = row.claims[i];
      const baseline = col.relativeTo ? def.rows.find((r) => r.label === col.relativeTo)?.autoscalers : undefined;
      const result = col.metric === 'lambda'
        ? lambdaResult(records, row.autoscalers, claim, options.modelFacts)
        : evaluateClaim(records, row.autoscalers, METRICS[col.metric], claim, { key: `${def.id}/${row.label}/${col.header}`, baselineAliases: baseline, resamples: options.resamples });
      collect(table, `${row.label} / ${col.header}`, result, reasons);
      return { header: col.header, thesis: thesisText(claim), claim, result };
    });
    table.rows.push({ label: row.label, cells });
  }
  for (const r of reasons) table.notes.push(`not comparable: ${r}.`);
  table.notes.push(`Rows map to autoscaler names: ${def.rows.map((r) => `${r.label} → ${r.autoscalers.join(' | ')}`).join('; ')}.`);
  return table;
}

/** T3: per metric, the HPA, the RL agent and the change RL vs HPA. */
export function buildT3(records: readonly RunRecord[], options: TableOptions = {}): ClaimTableData {
  const table: ClaimTableData = { id: T3.id, title: T3.title, rowHeader: 'metric', rows: [], notes: [...T3.notes], incomplete: [] };
  const reasons = new Set<string>();
  for (const row of T3.rows) {
    const metric = METRICS[row.metric];
    const base = { resamples: options.resamples };
    const hpa = evaluateClaim(records, T3.hpaAutoscalers, metric, row.hpa, { ...base, key: `T3/${row.label}/hpa` });
    const rl = evaluateClaim(records, T3.rlAutoscalers, metric, row.rl, { ...base, key: `T3/${row.label}/rl` });
    const change = evaluateClaim(records, T3.rlAutoscalers, metric, row.change, { ...base, key: `T3/${row.label}/change`, baselineAliases: T3.hpaAutoscalers });
    collect(table, `${row.label} / HPA`, hpa, reasons);
    collect(table, `${row.label} / RL`, rl, reasons);
    collect(table, `${row.label} / change`, change, reasons);
    table.rows.push({
      label: row.label,
      cells: [
        { header: 'HPA', thesis: thesisText(row.hpa), claim: row.hpa, result: hpa },
        { header: 'RL (DQN+PPO)', thesis: thesisText(row.rl), claim: row.rl, result: rl },
        { header: 'change', thesis: thesisText(row.change), claim: row.change, result: change },
      ],
    });
  }
  for (const r of reasons) table.notes.push(`not comparable: ${r}.`);
  table.notes.push(`HPA → ${T3.hpaAutoscalers.join(' | ')}; RL (DQN+PPO) → ${T3.rlAutoscalers.join(' | ')}.`);
  return table;
}
