// Checks that a parsed JSON value is a complete, sane RunRecord (lib/ports.ts) against its one schema
// (run-record-schema.ts): every field present with the right type and no unknown ones, every metric a finite
// number ≥ 0 (JSON turns NaN into null, so null is caught here), rates in [0, 1], no more successes than
// requests, series of the run's length. Errors name the field, the value received and what was expected.
import type { RunRecord } from '../lib/ports.ts';
import { checkSchema } from '../lib/schema.ts';
import { runRecordSchema } from './run-record-schema.ts';

/** The metric keys every record carries, in the order of RunMetrics (defined once, in lib/ports.ts). */
export { RUN_METRIC_KEYS } from '../lib/ports.ts';

/** A record that is not a valid RunRecord; `field` is the dotted path of the first problem. */
export class InvalidRunRecordError extends Error {
  readonly field: string;
  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'InvalidRunRecordError';
    this.field = field;
  }
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null (NaN or Infinity are written as null)';
  const text = JSON.stringify(v);
  return `got ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`;
}

/** Use on every record read from or written to a records file; throws InvalidRunRecordError naming the field. */
export function validateRunRecord(value: unknown): RunRecord {
  const result = checkSchema(runRecordSchema, value);
  if (result.ok) return value as RunRecord;
  const p = result.problem;
  const field = p.field === '(top level)' ? '(record)' : p.field;
  throw new InvalidRunRecordError(field, p.statement ?? `${describe(p.value)}, expected ${p.expected}`);
}
