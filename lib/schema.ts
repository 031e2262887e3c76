// Building blocks for the zod schemas of our data formats, so that every schema speaks the same error language
// as the hand-written validators did: each check carries its "expected …" text, and `firstProblem` turns zod's
// issues into { field path, value received, expected }. The same schemas give the TypeScript types
// (`z.infer`) and the published JSON Schemas (`z.toJSONSchema`, scripts/gen-schemas.ts).
import { z } from 'zod';

/** Numeric bounds of a field; the expectation text is derived from them (e.g. "an integer in [1, 4096]"). */
export interface NumberBounds {
  min?: number;
  max?: number;
  /** `min` itself is not allowed. */
  exclusiveMin?: boolean;
  integer?: boolean;
}

/** The words for `bounds` as the validators have always written them. */
export function describeBounds(b: NumberBounds): string {
  const kind = b.integer ? 'an integer' : 'a number';
  if (b.min !== undefined && b.max !== undefined) return b.exclusiveMin ? `${kind} > ${b.min} and ≤ ${b.max}` : `${kind} in [${b.min}, ${b.max}]`;
  if (b.min !== undefined) return `${kind} ${b.exclusiveMin ? '>' : '≥'} ${b.min}`;
  if (b.max !== undefined) return `${kind} ≤ ${b.max}`;
  return kind;
}

/** A finite number within `bounds`; every failure reads "expected <expected>". */
export function num(bounds: NumberBounds = {}, expected = describeBounds(bounds)): z.ZodNumber {
  const error = expected;
  let s = z.number({ error });
  if (bounds.integer) s = s.int({ error });
  if (bounds.min !== undefined) s = bounds.exclusiveMin ? s.gt(bounds.min, { error }) : s.gte(bounds.min, { error });
  if (bounds.max !== undefined) s = s.lte(bounds.max, { error });
  return s;
}

/** An object that refuses unknown keys, naming the fields it has (the wording of the old validators). */
export function strictObject<T extends z.ZodRawShape>(shape: T, expected = 'a JSON object') {
  const fields = Object.keys(shape).filter((k) => !k.startsWith('$'));
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? `no such field (fields: ${fields.join(', ')})` : expected),
  });
}

/** One problem of an input, ready for a message: `<field>: got <value>, expected <expected>`. */
export interface SchemaProblem {
  /** Dotted path, e.g. `scenarios[2].workload`, or `(top level)`. */
  field: string;
  /** The value found there (undefined = missing). */
  value: unknown;
  expected: string;
  /** Set for a cross-field problem whose words are not "got …, expected …" (e.g. "has a different length …"). */
  statement?: string;
}

/** A cross-field problem for `superRefine`: `statement` replaces "got …, expected …" in the message. */
export function statementIssue(path: PropertyKey[], statement: string): z.core.$ZodRawIssue {
  return { code: 'custom', path, message: statement, params: { statement: true }, input: undefined };
}

/** Renders a path as the validators always did: `a.b[2].c`, with `prefix` in front; a key that is not a plain
 * name (empty, spaces, dots) is quoted: `a[""]`, `a["x y"]`. */
export function pathText(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const p of path) out = joinKey(out, p);
  return out;
}

/** `base` followed by one key or index, as pathText writes it. */
export function joinKey(base: string, key: PropertyKey): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  const k = String(key);
  if (!/^[A-Za-z_$][\w$-]*$/.test(k)) return `${base}[${JSON.stringify(k)}]`;
  return base === '' ? k : `${base}.${k}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** The data, or the first problem (an unknown key before anything else: a misspelt key explains the rest). */
export function checkSchema<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): { ok: true; data: z.output<S> } | { ok: false; problem: SchemaProblem } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const issues = result.error.issues;
  const issue = issues.find((i) => i.code === 'unrecognized_keys') ?? issues[0];
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    const path = [...issue.path, key];
    return { ok: false, problem: { field: pathText(path, prefix) || '(top level)', value: valueAt(value, path), expected: issue.message } };
  }
  const field = pathText(issue.path, prefix) || '(top level)';
  const problem: SchemaProblem = { field, value: valueAt(value, issue.path), expected: issue.message };
  if (issue.code === 'custom' && (issue.params as { statement?: boolean } | undefined)?.statement) problem.statement = issue.message;
  return { ok: false, problem };
}
