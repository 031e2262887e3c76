// Bad workload input (a pattern parameter, a spec field, a trace line, a k6 option): the CLI maps it to exit 2.
import { showValue } from '../lib/show-value.ts';

/** Thrown by everything in workloads/ for input a user can fix; names the field, the value and the expectation. */
export class WorkloadSpecError extends Error {
  /** Dotted path of the offending field (e.g. `of[1].peakRps`, `options.stages[0].duration`, `line 12`). */
  readonly field: string;
  /** The value received (undefined when the field was missing). */
  readonly value: unknown;
  /** What was expected, in words. */
  readonly expected: string;
  constructor(field: string, value: unknown, expected: string, options: { cause?: unknown } = {}) {
    super(`${field}: got ${showValue(value)}, expected ${expected}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'WorkloadSpecError';
    this.field = field;
    this.value = value;
    this.expected = expected;
  }

  /** The same error with its field prefixed by the path of the enclosing object. */
  under(prefix: string): WorkloadSpecError {
    const joined = this.field === '' ? prefix : this.field.startsWith('[') ? `${prefix}${this.field}` : `${prefix}.${this.field}`;
    return new WorkloadSpecError(joined, this.value, this.expected, { cause: this.cause });
  }
}

/** Runs `build` and prefixes any WorkloadSpecError it throws with `prefix` (for nested specs). */
export function underField<T>(prefix: string, build: () => T): T {
  try {
    return build();
  } catch (err) {
    if (err instanceof WorkloadSpecError) throw err.under(prefix);
    throw err;
  }
}
