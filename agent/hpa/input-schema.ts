// Small validators for JSON input at a boundary: each failure names the field path, the value and what was expected.
// Strict: a reader lists the keys its object may have (`only`), so a misspelt key (`tolerence`) is refused, not
// ignored; every number is finite and within HPA_INPUT_LIMITS; arrays are bounded; duplicate keys are refused.
import { JsonInputError, parseStrictJson } from '../../lib/strict-json.ts';
import { joinKey } from '../../lib/schema.ts';

/** Bounds of every number and list the HPA's JSON commands accept (far beyond any real cluster). */
export const HPA_INPUT_LIMITS = {
  /** Largest magnitude of any number (times, milli-values, replica counts): 10^15. Kubernetes quantities are int64
   * milli-values (≤ 9.2 × 10^18); sums over many pods must stay exact and finite. */
  maxMagnitude: 1e15,
  /** Most pods, recommendations, events or policies in one list. */
  maxListLength: 100_000,
  /** Largest replica count a result may have: the HPA's int32. */
  maxReplicas: 2_147_483_647,
} as const;

/** Thrown on bad input; `field` is a path like `pods[2].usageMilli`. The CLI turns it into exit code 2. */
export class HpaInputError extends Error {
  readonly field: string;
  constructor(field: string, value: unknown, expected: string) {
    super(`invalid ${field}: expected ${expected}, got ${describeValue(value)}`);
    this.name = 'HpaInputError';
    this.field = field;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return String(value);
  }
}

/** A JSON object read field by field; `path` prefixes every error's field name. */
export class ObjectReader {
  readonly path: string;
  private readonly obj: Record<string, unknown>;

  constructor(value: unknown, path: string) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new HpaInputError(path || 'input', value, 'a JSON object');
    this.obj = value as Record<string, unknown>;
    this.path = path;
  }

  /** Refuses any key not in `keys` (as Kubernetes' strict field validation does). */
  only(keys: readonly string[]): this {
    const bad = Object.keys(this.obj).find((k) => !keys.includes(k));
    if (bad !== undefined) throw new HpaInputError(this.field(bad), this.obj[bad], `no such field (fields: ${keys.join(', ')})`);
    return this;
  }

  field(key: string): string {
    return joinKey(this.path, key);
  }

  has(key: string): boolean {
    return this.obj[key] !== undefined && this.obj[key] !== null;
  }

  raw(key: string): unknown {
    return this.obj[key];
  }

  /** A finite number; `min` inclusive; `integer` rejects fractions. */
  number(key: string, opts: { min?: number; integer?: boolean; exclusiveMin?: boolean } = {}): number {
    const value = this.obj[key];
    const expected = describeNumber(opts);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new HpaInputError(this.field(key), value, expected);
    if (Math.abs(value) > HPA_INPUT_LIMITS.maxMagnitude) throw new HpaInputError(this.field(key), value, `${expected} of magnitude ≤ ${HPA_INPUT_LIMITS.maxMagnitude}`);
    if (opts.integer && !Number.isInteger(value)) throw new HpaInputError(this.field(key), value, expected);
    if (opts.min !== undefined && (opts.exclusiveMin ? value <= opts.min : value < opts.min)) {
      throw new HpaInputError(this.field(key), value, expected);
    }
    return value;
  }

  optionalNumber(key: string, opts: { min?: number; integer?: boolean; exclusiveMin?: boolean } = {}): number | undefined {
    return this.has(key) ? this.number(key, opts) : undefined;
  }

  string(key: string): string {
    const value = this.obj[key];
    if (typeof value !== 'string' || value === '') throw new HpaInputError(this.field(key), value, 'a non-empty string');
    return value;
  }

  optionalBoolean(key: string): boolean | undefined {
    if (!this.has(key)) return undefined;
    const value = this.obj[key];
    if (typeof value !== 'boolean') throw new HpaInputError(this.field(key), value, 'true or false');
    return value;
  }

  oneOf<T extends string>(key: string, allowed: readonly T[]): T {
    const value = this.obj[key];
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      throw new HpaInputError(this.field(key), value, `one of ${allowed.map((a) => `"${a}"`).join(', ')}`);
    }
    return value as T;
  }

  /** A required array (empty allowed) whose items are read by `item`. */
  array<T>(key: string, item: (value: unknown, path: string) => T): T[] {
    const value = this.obj[key];
    if (!Array.isArray(value) || value.length > HPA_INPUT_LIMITS.maxListLength) throw new HpaInputError(this.field(key), value, `a JSON array of at most ${HPA_INPUT_LIMITS.maxListLength} items`);
    return value.map((v, i) => item(v, `${this.field(key)}[${i}]`));
  }

  optionalArray<T>(key: string, item: (value: unknown, path: string) => T): T[] | undefined {
    return this.has(key) ? this.array(key, item) : undefined;
  }
}

function describeNumber(opts: { min?: number; integer?: boolean; exclusiveMin?: boolean }): string {
  const kind = opts.integer ? 'an integer' : 'a number';
  if (opts.min === undefined) return kind;
  return `${kind} ${opts.exclusiveMin ? '>' : '≥'} ${opts.min}`;
}

/** Parses JSON text; a syntax error becomes an HpaInputError on the field `input`, a duplicate key or too deep
 * nesting one on the key's path. */
export function parseJsonInput(text: string): unknown {
  if (text.trim() === '') throw new HpaInputError('input', text, 'a JSON object on stdin');
  try {
    return parseStrictJson(text);
  } catch (err) {
    if (!(err instanceof JsonInputError)) throw err;
    if (err.syntax) throw new HpaInputError('input', text.slice(0, 40), `valid JSON (${(err as Error).message.replace(/^.*not valid JSON \((.*)\), expected valid JSON$/s, '$1')})`);
    throw new HpaInputError(err.field, `(${err.detail})`, err.expected);
  }
}
