// Parameter checks shared by the pattern constructors and the spec builder: each names field, value, expectation.
import { WorkloadSpecError } from './workload-spec-error.ts';
import { conventionalMax } from './limits.ts';

/** A finite number ≥ `min` (default 0) and ≤ `max` (default: the limit of WORKLOAD_LIMITS its name implies);
 * `undefined` → `fallback` when one is given. */
export function checkNumber(field: string, value: unknown, options: { min?: number; max?: number; fallback?: number; integer?: boolean; positive?: boolean } = {}): number {
  const cap = conventionalMax(field);
  const opts = cap === undefined || (options.max !== undefined && options.max <= cap) ? options : { ...options, max: cap };
  const v = value === undefined ? opts.fallback : value;
  const min = opts.min ?? 0;
  const what = `${opts.integer ? 'an integer' : 'a number'} ${opts.positive ? `> ${min}` : `≥ ${min}`}${opts.max !== undefined ? ` and ≤ ${opts.max}` : ''}`;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new WorkloadSpecError(field, value, what);
  if (opts.positive ? v <= min : v < min) throw new WorkloadSpecError(field, value, what);
  if (opts.max !== undefined && v > opts.max) throw new WorkloadSpecError(field, value, what);
  if (opts.integer && !Number.isInteger(v)) throw new WorkloadSpecError(field, value, what);
  return v;
}

/** A duration in seconds, > 0. */
export function checkDuration(field: string, value: unknown, fallback?: number): number {
  return checkNumber(field, value, { positive: true, fallback });
}
