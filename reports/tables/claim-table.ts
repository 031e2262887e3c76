// Builds T1, T2 (rows = configurations) and T3 (rows = metrics) from RunRecords in the thesis's layouts:
// for every claimed value, the thesis's figure | ours (mean [95 % CI]) | verdict.
import type { RunRecord } from '../../lib/ports.ts';
import { evaluateClaim, type CellResult } from './claim-cell.ts';
import { T3, type Claim, type ClaimTableDef } from './claims.ts';
import { METRICS } from './metrics.ts';
import type { ModelFacts } from './model-facts.ts';
import { resolveAutoscaler } from './samples.ts';
import { formatNumber, type ReportTable } from './table-model.ts';

export interface TableOptions {
  /** Bootstrap resamples per cell (default 10,000). */
  resamples?: number;
  /** Trained-model facts (λ converged) by autoscaler record name; read from the training logs by the CLI. */
  modelFacts?: Readonly<Record<string, ModelFacts>>;
}

/**
 * λ converged is a property of the trained model, not of a run: it comes from the model's training log
 * (`modelFacts`), else from a `lambda` in the record's config. One model, so no CI: a descriptive claim is
 * reproduced only when our value equals it at the thesis's printed precision.
 */
function lambdaCell(records: readonly RunRecord[], aliases: readonly string[], claim: Claim, facts?: Readonly<Record<string, ModelFacts>>): CellResult {
  const name = resolveAutoscaler(records, aliases);
  if (name === null) return { ours: 'not available', verdict: 'not available', problems: [] };
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
  if (value === null) {
    const ours = none ? '—' : f ? 'no λ in the training log' : 'no training log';
    return { ours, verdict: none ? '—' : 'not comparable', problems: [], reason: none ? undefined : reason ?? `no λ was recorded for ${name}` };
  }
  const ours = formatNumber(value, 2);
  if (claim.kind !== 'absolute') return { ours, verdict: none ? '—' : 'not comparable', problems: [], reason, note };
  const printed = (claim.thesis.split('.')[1] ?? '').replace(/[^0-9].*$/, '').length;
  const verdict = formatNumber(value, printed) === formatNumber(claim.value, printed) ? 'reproduced' : 'not reproduced';
  return { ours, verdict, problems: [], note };
}

function collect(table: ReportTable, where: string, cell: CellResult, reasons: Set<string>): void {
  for (const p of cell.problems) table.incomplete.push(`${where}: ${p}`);
  if (cell.reason) reasons.add(cell.reason);
  if (cell.note && !table.notes.includes(cell.note)) table.notes.push(cell.note);
}

/** T1 or T2: one row per configuration, three columns (thesis | ours | verdict) per claimed value. */
export function buildClaimTable(def: ClaimTableDef, records: readonly RunRecord[], options: TableOptions = {}): ReportTable {
  const columns = [def.rowHeader];
  for (const c of def.columns) columns.push(`${c.header}: thesis`, 'ours', 'verdict');
  const table: ReportTable = { id: def.id, title: def.title, columns, rows: [], notes: [...def.notes], incomplete: [] };
  const reasons = new Set<string>();
  for (const row of def.rows) {
    const cells = [row.label];
    def.columns.forEach((col, i) => {
      const claim = row.claims[i];
      const baseline = col.relativeTo ? def.rows.find((r) => r.label === col.relativeTo)?.autoscalers : undefined;
      const cell = col.metric === 'lambda'
        ? lambdaCell(records, row.autoscalers, claim, options.modelFacts)
        : evaluateClaim(records, row.autoscalers, METRICS[col.metric], claim, {
            key: `${def.id}/${row.label}/${col.header}`,
            baselineAliases: baseline,
            resamples: options.resamples,
          });
      collect(table, `${row.label} / ${col.header}`, cell, reasons);
      cells.push(claim.kind === 'none' ? '—' : claim.thesis, cell.ours, cell.verdict);
    });
    table.rows.push(cells);
  }
  for (const r of reasons) table.notes.push(`not comparable: ${r}.`);
  table.notes.push(`Rows map to autoscaler names: ${def.rows.map((r) => `${r.label} → ${r.autoscalers.join(' | ')}`).join('; ')}.`);
  return table;
}

/** T3: metric | HPA (thesis, ours, verdict) | RL (thesis, ours, verdict) | change RL vs HPA (thesis, ours, verdict). */
export function buildT3(records: readonly RunRecord[], options: TableOptions = {}): ReportTable {
  const columns = ['metric', 'HPA: thesis', 'ours', 'verdict', 'RL (DQN+PPO): thesis', 'ours', 'verdict', 'change: thesis', 'ours', 'verdict'];
  const table: ReportTable = { id: T3.id, title: T3.title, columns, rows: [], notes: [...T3.notes], incomplete: [] };
  const reasons = new Set<string>();
  for (const row of T3.rows) {
    const metric = METRICS[row.metric];
    const base = { resamples: options.resamples };
    const hpa = evaluateClaim(records, T3.hpaAutoscalers, metric, row.hpa, { ...base, key: `T3/${row.label}/hpa` });
    const rl = evaluateClaim(records, T3.rlAutoscalers, metric, row.rl, { ...base, key: `T3/${row.label}/rl` });
    const change = evaluateClaim(records, T3.rlAutoscalers, metric, row.change, {
      ...base,
      key: `T3/${row.label}/change`,
      baselineAliases: T3.hpaAutoscalers,
    });
    collect(table, `${row.label} / HPA`, hpa, reasons);
    collect(table, `${row.label} / RL`, rl, reasons);
    collect(table, `${row.label} / change`, change, reasons);
    const thesis = (c: { kind: string; thesis?: string }): string => c.thesis ?? '—';
    table.rows.push([row.label, thesis(row.hpa), hpa.ours, hpa.verdict, thesis(row.rl), rl.ours, rl.verdict, thesis(row.change), change.ours, change.verdict]);
  }
  for (const r of reasons) table.notes.push(`not comparable: ${r}.`);
  table.notes.push(`HPA → ${T3.hpaAutoscalers.join(' | ')}; RL (DQN+PPO) → ${T3.rlAutoscalers.join(' | ')}.`);
  return table;
}
