// Strict JSON for every file and stdin a user hands us: JSON.parse (native, linear) and then one linear scan that
// refuses what JSON.parse silently accepts — a duplicate key (JSON.parse keeps the last, so a typo'd second
// `"tolerance"` would win unseen) and nesting deeper than MAX_JSON_DEPTH (validators recurse; 100,000 levels
// would overflow the stack with a raw V8 message). Errors name the path of the offending key.

import { joinKey } from './schema.ts';

/** Deepest object/array nesting accepted in any input file: far above every real format (the deepest, a nested
 * workload spec, is about 10), far below what a recursive validator can take. */
export const MAX_JSON_DEPTH = 64;

/** A JSON text that is not acceptable input; `field` is the path (e.g. `metric.type`, `(top level)`). */
export class JsonInputError extends Error {
  readonly field: string;
  readonly expected: string;
  /** What is wrong, in words ("duplicate key", "not valid JSON (…)"). */
  readonly detail: string;
  /** The text is not JSON at all (as opposed to JSON we refuse). */
  readonly syntax: boolean;
  constructor(field: string, expected: string, detail: string, syntax = false) {
    super(`${field}: ${detail}, expected ${expected}`);
    this.detail = detail;
    this.syntax = syntax;
    this.name = 'JsonInputError';
    this.field = field;
    this.expected = expected;
  }
}

interface Frame {
  /** Keys seen so far (objects), null for arrays. */
  keys: Set<string> | null;
  /** The next string is a key (objects only). */
  expectKey: boolean;
  /** Path of this container, and of its current member. */
  path: string;
  member: string;
  index: number;
}

/** Parses `text` as JSON, refusing duplicate keys and nesting deeper than `maxDepth`. Syntax errors say where. */
export function parseStrictJson(text: string, options: { maxDepth?: number } = {}): unknown {
  const maxDepth = options.maxDepth ?? MAX_JSON_DEPTH;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new JsonInputError('(top level)', 'valid JSON', `not valid JSON (${(err as Error).message})`, true);
  }
  const stack: Frame[] = [];
  const join = joinKey;
  // JSON.parse copes with any depth (it does not recurse); on text it accepted, this scan is exact: a string is a
  // key exactly when it follows `{` or `,` inside an object.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      let escaped = false;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === 0x5c /* \ */) { escaped = true; j += 2; continue; }
        if (d === 0x22) break;
        j++;
      }
      const top = stack[stack.length - 1];
      if (top !== undefined && top.keys !== null && top.expectKey) {
        const raw = text.slice(i + 1, j);
        let key = raw;
        if (escaped) {
          try { key = JSON.parse(`"${raw}"`) as string; } catch { key = raw; }
        }
        if (top.keys.has(key)) {
          throw new JsonInputError(join(top.path, key), 'each key at most once per object (JSON.parse would silently keep the last)', 'duplicate key');
        }
        top.keys.add(key);
        top.member = join(top.path, key);
        top.expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      const top = stack[stack.length - 1];
      const path = top === undefined ? '' : top.keys === null ? `${top.path}[${top.index}]` : top.member;
      if (stack.length >= maxDepth) {
        throw new JsonInputError(path === '' ? '(top level)' : path, `at most ${maxDepth} levels of nested objects and arrays`, 'nesting too deep');
      }
      stack.push({ keys: c === 0x7b ? new Set() : null, expectKey: c === 0x7b, path, member: path, index: 0 });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      stack.pop();
    } else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1];
      if (top !== undefined) {
        if (top.keys === null) top.index++;
        else top.expectKey = true;
      }
    }
  }
  return value;
}
