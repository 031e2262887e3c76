// Parameter checks shared by the pattern constructors and the spec builder: each names field, value, expectation.
import { WorkloadSpecError } from './workload-spec-error.ts';
import { conventionalMax } from './limits.ts';

const capByField = new Map<string, number | undefined>();

/** conventionalMax, remembered per field name (the names are a small fixed set; indexed ones are not kept). */
function capOf(field: string): number | undefined {
  if (capByField.has(field)) return capByField.get(field);
  const cap = conventionalMax(field);
  if (capByField.size < 1000) capByField.set(field, cap);
  return cap;
}

/** A finite number ≥ `min` (default 0) and ≤ `max` (default: the limit of WORKLOAD_LIMITS its name implies);
 * `undefined` → `fallback` when one is given. */
export function checkNumber(field: string, value: unknown, opts: { min?: number; max?: number; fallback?: number; integer?: boolean; positive?: boolean } = {}): number {
  const cap = capOf(field);
  const max = cap === undefined ? opts.max : opts.max === undefined ? cap : Math.min(opts.max, cap);
  const v = value === undefined ? opts.fallback : value;
  const min = opts.min ?? 0;
  if (typeof v !== 'number' || !Number.isFinite(v) || (opts.positive ? v <= min : v < min) || (max !== undefined && v > max) || (opts.integer && !Number.isInteger(v))) {
    const what = `${opts.integer ? 'an integer' : 'a number'} ${opts.positive ? `> ${min}` : `≥ ${min}`}${max !== undefined ? ` and ≤ ${max}` : ''}`;
    throw new WorkloadSpecError(field, value, what);
  }
  return v;
}

/** A duration in seconds, > 0. */
export function checkDuration(field: string, value: unknown, fallback?: number): number {
  return checkNumber(field, value, { positive: true, fallback });
}
