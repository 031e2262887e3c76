// Checks records before they reach a table: wrong schema version, missing or non-numeric metrics and seeds
// present for one autoscaler but not another are reported, one line each, never silently dropped.
import { NULLABLE_METRIC_KEYS, RUN_RECORD_SCHEMA, type RunRecord } from '../../lib/ports.ts';
import { SUMMARY_METRIC_COLUMNS } from './summary-csv.ts';

/** Metrics that may be null by definition (DESIGN.md §6: no under-provisioning episode). */
const NULLABLE = new Set<string>(NULLABLE_METRIC_KEYS);

export interface RecordCheck {
  /** Records usable by the tables (right schema, identifying fields present). */
  usable: RunRecord[];
  /** Records left out entirely, with why. */
  rejected: string[];
  /** Problems that leave a record usable but make some comparison incomplete. */
  warnings: string[];
}

/** Validates parsed JSON records (e.g. from records.jsonl); `where(i)` names record i in messages. */
export function checkRecords(raw: readonly unknown[], where: (i: number) => string = (i) => `record ${i + 1}`): RecordCheck {
  const usable: RunRecord[] = [];
  const rejected: string[] = [];
  const warnings: string[] = [];
  raw.forEach((value, i) => {
    const r = value as Partial<RunRecord> | null;
    if (r === null || typeof r !== 'object') return void rejected.push(`${where(i)}: not a JSON object`);
    if (r.schema !== RUN_RECORD_SCHEMA) {
      return void rejected.push(`${where(i)}: schema is ${JSON.stringify(r.schema)}, expected "${RUN_RECORD_SCHEMA}" (a records file from another scalelab version?) — left out`);
    }
    for (const k of ['experiment', 'scenario', 'autoscaler'] as const) {
      if (typeof r[k] !== 'string' || r[k] === '') return void rejected.push(`${where(i)}: field "${k}" is ${JSON.stringify(r[k])}, expected a non-empty string — left out`);
    }
    if (!Number.isInteger(r.seed)) return void rejected.push(`${where(i)}: field "seed" is ${JSON.stringify(r.seed)}, expected an integer — left out`);
    if (r.metrics === null || typeof r.metrics !== 'object') return void rejected.push(`${where(i)}: field "metrics" is missing — left out`);
    const id = `${r.autoscaler} / ${r.scenario} / seed ${r.seed}`;
    for (const k of SUMMARY_METRIC_COLUMNS) {
      const v = (r.metrics as unknown as Record<string, unknown>)[k];
      if (v === undefined) warnings.push(`${id}: metric "${k}" is missing`);
      else if (v === null && !NULLABLE.has(k)) warnings.push(`${id}: metric "${k}" is null, expected a number`);
      else if (v !== null && (typeof v !== 'number' || !Number.isFinite(v))) warnings.push(`${id}: metric "${k}" is ${JSON.stringify(v) ?? String(v)}, expected a finite number`);
    }
    usable.push(r as RunRecord);
  });
  warnings.push(...unpairedSeeds(usable));
  return { usable, rejected, warnings };
}

/** Seeds present for some autoscalers of a scenario and missing for others. */
export function unpairedSeeds(records: readonly RunRecord[]): string[] {
  const out: string[] = [];
  const scenarios = new Map<string, Map<string, Set<number>>>();
  for (const r of records) {
    const s = scenarios.get(r.scenario) ?? new Map<string, Set<number>>();
    const seeds = s.get(r.autoscaler) ?? new Set<number>();
    seeds.add(r.seed);
    s.set(r.autoscaler, seeds);
    scenarios.set(r.scenario, s);
  }
  for (const [scenario, byAutoscaler] of scenarios) {
    const all = new Set<number>();
    for (const seeds of byAutoscaler.values()) for (const s of seeds) all.add(s);
    for (const [autoscaler, seeds] of byAutoscaler) {
      const missing = [...all].filter((s) => !seeds.has(s)).sort((a, b) => a - b);
      if (missing.length > 0) out.push(`${scenario}: ${autoscaler} has no record for seed(s) ${missing.join(', ')} that other autoscalers have — paired comparisons leave them out`);
    }
  }
  return out;
}
