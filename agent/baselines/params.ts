// Reading an autoscaler's parameters from JSON (experiment files, CLI): defaults, range checks, unknown keys.
// Pure; errors name the field, the value received and what was expected.
import { showValue } from '../../lib/show-value.ts';

/** Thrown for a bad autoscaler spec or parameter; `field` is the dotted path of the offending key. */
export class AutoscalerSpecError extends Error {
  readonly field: string;
  readonly value: unknown;
  readonly expected: string;
  constructor(field: string, value: unknown, expected: string, options: { cause?: unknown; message?: string } = {}) {
    super(options.message ?? `${field}: got ${showValue(value)}, expected ${expected}`, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AutoscalerSpecError';
    this.field = field;
    this.value = value;
    this.expected = expected;
  }

  /** The same error with `prefix` put in front of its field (e.g. `autoscalers[2]`). */
  under(prefix: string): AutoscalerSpecError {
    const field = `${prefix}.${this.field}`;
    const message = this.message.startsWith(`${this.field}:`) ? `${field}${this.message.slice(this.field.length)}` : `${field}: ${this.message}`;
    return new AutoscalerSpecError(field, this.value, this.expected, { cause: this.cause, message });
  }
}

/** How one numeric or boolean parameter is checked. */
export type ParamRule =
  | { kind: 'number'; min?: number; max?: number; positive?: boolean; integer?: boolean; nullable?: boolean }
  | { kind: 'boolean' };

/**
 * Merges `params` over `defaults`, checking every given key against `rules`; unknown keys are refused so a
 * typo (`cooldownSecond`) never silently falls back to a default. `ignore` lists keys owned by the caller.
 */
export function readParams<T extends object>(
  params: Record<string, unknown>,
  defaults: T,
  rules: { [K in keyof T]: ParamRule },
  ignore: readonly string[] = ['name', 'type'],
): T {
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  const known = Object.keys(rules);
  for (const [key, value] of Object.entries(params)) {
    if (ignore.includes(key)) continue;
    const rule = (rules as Record<string, ParamRule | undefined>)[key];
    if (!rule) throw new AutoscalerSpecError(key, value, `one of the known parameters: ${known.join(', ')}`);
    out[key] = checkParam(key, value, rule);
  }
  return out as T;
}

/** Checks one value against its rule and returns it. */
export function checkParam(field: string, value: unknown, rule: ParamRule): unknown {
  if (rule.kind === 'boolean') {
    if (typeof value !== 'boolean') throw new AutoscalerSpecError(field, value, 'true or false');
    return value;
  }
  if (value === null && rule.nullable) return null;
  const min = rule.min ?? 0;
  const what =
    `${rule.integer ? 'an integer' : 'a number'} ${rule.positive ? `> ${min}` : `≥ ${min}`}` +
    `${rule.max !== undefined ? ` and ≤ ${rule.max}` : ''}${rule.nullable ? ' (or null)' : ''}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new AutoscalerSpecError(field, value, what);
  if (rule.positive ? value <= min : value < min) throw new AutoscalerSpecError(field, value, what);
  if (rule.max !== undefined && value > rule.max) throw new AutoscalerSpecError(field, value, what);
  if (rule.integer && !Number.isInteger(value)) throw new AutoscalerSpecError(field, value, what);
  return value;
}

/** Refuses a config whose two fields are in the wrong order (e.g. scale-down threshold above scale-up). */
export function requireOrder(lowField: string, low: number, highField: string, high: number): void {
  if (!(low < high)) throw new AutoscalerSpecError(lowField, low, `< ${highField} (${high})`);
}
