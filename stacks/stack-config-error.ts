// The error of a bad stack config value, shared by the config parser and the builders that check it further.
import { showValue } from '../lib/show-value.ts';

/** Bad config: names the key, the value and what was expected (the CLI maps it to exit 2). */
export class StackConfigError extends Error {
  constructor(key: string, value: unknown, expected: string, options: { cause?: unknown } = {}) {
    super(`config scalelab:${key}: got ${showValue(value)}, expected ${expected}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'StackConfigError';
  }
}
