// Issue 16 items 2 and 8: any text is a trace or refused naming its line (WorkloadSpecError `line N`), in time
// linear in its length; for arbitrary text, arbitrary lines and mutated lines of a valid trace.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { parseTrace } from '../../workloads/trace.ts';
import { WorkloadSpecError } from '../../workloads/workload-spec-error.ts';
import { MAX_VALIDATION_MS, PROPERTY_RUNS, timed } from '../lib/helpers/mutate.ts';

async function traceOrNamedLine(text: string, options: { resolutionSeconds?: number } = {}): Promise<void> {
  const r = await timed(() => parseTrace(text, 't', options));
  assert.ok(r.ms < MAX_VALIDATION_MS, `took ${r.ms} ms`);
  if (r.ok) {
    assert.ok(r.value.counts.every((c) => Number.isFinite(c) && c >= 0), 'counts finite and ≥ 0');
    return;
  }
  assert.instance(r.error, WorkloadSpecError, String(r.error));
  const err = r.error as WorkloadSpecError;
  assert.match(err.field, /^line \d+$/);
  const n = Number(err.field.slice(5));
  assert.ok(n >= 1 && n <= text.split(/\r?\n/).length, `line ${n} exists`);
}

const cell = fc.oneof(fc.nat({ max: 10_000 }).map(String), fc.constantFrom('', ' ', '-1', '1e308', 'NaN', 'Infinity', '1.5', 'x', '0x10', '1e9', '#'), fc.string({ maxLength: 6 }));

test('arbitrary text is a trace or refused naming a line that exists (property)', async () => {
  await fc.assert(fc.asyncProperty(fc.string({ maxLength: 300 }), (t) => traceOrNamedLine(t)), PROPERTY_RUNS);
});

test('CSV with arbitrary cells (with and without header) is a trace or refused naming its line (property)', async () => {
  const row = fc.tuple(cell, cell).map(([a, b]) => `${a},${b}`);
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('minute,requests\n', 'second,requests\n', ''), fc.array(row, { maxLength: 20 }), fc.constantFrom(undefined, 60, 1), (header, rows, res) =>
      traceOrNamedLine(header + rows.join('\n'), { resolutionSeconds: res })),
    PROPERTY_RUNS,
  );
});

test('a valid per-minute trace with one row mutated is refused at exactly that row, or still valid (property)', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.nat({ max: 1e6 }), { minLength: 1, maxLength: 30 }), fc.nat(), cell, async (counts, pick, bad) => {
      const rows = counts.map((c, i) => `${i},${c}`);
      const k = pick % rows.length;
      rows[k] = `${k},${bad}`;
      const text = `minute,requests\n${rows.join('\n')}\n`;
      const r = await timed(() => parseTrace(text));
      if (!r.ok) assert.is((r.error as WorkloadSpecError).field, `line ${k + 2}`);
    }),
    PROPERTY_RUNS,
  );
});

test('a count above the rate limit (10,000,000 req/s) is refused naming its line: 6e8 per minute passes, more does not', () => {
  assert.is(parseTrace('minute,requests\n0,600000000\n').counts[0], 6e8);
  assert.throws(() => parseTrace('minute,requests\n0,1\n1,600000001\n'), /^line 3: got "600000001", expected a request count ≥ 0 and ≤ 600000000/);
  assert.throws(() => parseTrace('5 6\n1e15\n'), /^line 2: got "1e15", expected a request count ≥ 0 and ≤ 10000000/);
});
