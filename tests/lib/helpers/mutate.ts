// Arbitraries for property tests of input validators: arbitrary JSON, and a valid document with one thing changed
// (a value replaced by arbitrary JSON or an extreme number, a key deleted, an unknown key added) — the kinds of
// input a hostile but fair user gives. `timed` runs a check and says how long it took.
import fc from 'fast-check';

type Path = (string | number)[];

/** Every path to a value inside `v` (objects and arrays, the root included). */
export function pathsOf(v: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...pathsOf(x, [...at, i])));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...pathsOf(x, [...at, k]));
  return out;
}

/** Values that break validators: huge, tiny, negative, fractional, wrong types, empty containers. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(1e308, -1e308, 1e15, -1, 0, 1e-9, 0.5, 2 ** 53, -0, '', 'x', null, true, [], {}, [1e8], '1e9'),
  fc.jsonValue({ maxDepth: 3 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
);

/** One mutation of `doc`: the changed document (a deep copy) and a description of what changed. */
export function mutationOf(doc: unknown): fc.Arbitrary<{ value: unknown; change: string }> {
  const paths = pathsOf(doc);
  return fc.tuple(fc.constantFrom(...paths), fc.constantFrom('replace', 'delete', 'unknown-key'), nastyValue, fc.string({ maxLength: 8 })).map(([path, op, v, key]) => {
    const copy = structuredClone(doc) as unknown;
    if (path.length === 0) return op === 'replace' ? { value: v, change: `root := ${JSON.stringify(v)}` } : { value: copy, change: 'none' };
    let parent = copy as Record<string | number, unknown>;
    for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
    const last = path[path.length - 1];
    const where = path.join('.');
    if (op === 'replace') parent[last] = v;
    else if (op === 'delete') {
      if (Array.isArray(parent)) parent.splice(last as number, 1);
      else delete parent[last];
    } else {
      const target = parent[last];
      if (target !== null && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[`zz${key}`] = v;
      else parent[last] = v;
    }
    return { value: copy, change: `${op} at ${where} (${JSON.stringify(v)?.slice(0, 60)})` };
  });
}

/** Runs `f`, returning its result or error and the milliseconds it took. */
export async function timed<T>(f: () => T | Promise<T>): Promise<{ ok: true; value: T; ms: number } | { ok: false; error: unknown; ms: number }> {
  const start = performance.now();
  try {
    const value = await f();
    return { ok: true, value, ms: performance.now() - start };
  } catch (error) {
    return { ok: false, error, ms: performance.now() - start };
  }
}

/** Property-run settings shared by the validator suites: enough runs to find edge cases, a wall-clock cap per suite. */
export const PROPERTY_RUNS = { numRuns: 300, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: false } as const;

/**
 * Longest a single validation may take, ms: a hang detector, not a speed goal (speed lives in `npm run bench`).
 * They are linear and take well under 50 ms alone, but one that builds a trace workload took 2.2 s on a 2-core
 * machine at load average 15; a hang or a quadratic parse at hostile sizes takes far longer than this.
 */
export const MAX_VALIDATION_MS = 10_000;
