// Issue 16 items 5 and 8: any records line is a valid scalelab.run/v1 record or refused naming its field; a records
// file with one bad line is refused with that line's number — for arbitrary JSON and mutations of a real record.
import { BACKEND_NAMES } from '../../lib/backend-names.ts';
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { InvalidRunRecordError, validateRunRecord } from '../../experiments/validate-run-record.ts';
import { scanRecordsText } from '../../experiments/records-file.ts';
import { makeRecord } from '../reports/helpers/synthetic-records.ts';
import { MAX_VALIDATION_MS, mutationOf, PROPERTY_RUNS, timed } from '../lib/helpers/mutate.ts';

const good = makeRecord('hpa', 1);

async function validOrNamedRefusal(value: unknown, change: string): Promise<void> {
  const r = await timed(() => validateRunRecord(value));
  assert.ok(r.ms < MAX_VALIDATION_MS, `took ${r.ms} ms (${change})`);
  if (r.ok) return;
  assert.instance(r.error, InvalidRunRecordError, change);
  const err = r.error as InvalidRunRecordError;
  assert.not.match(err.message, /Invalid input|Expected \w+, received/, `zod's default words leaked: ${err.message}`);
  assert.ok(err.field.length > 0 && err.message.startsWith(`${err.field}: `), `${change}: ${err.message}`);
}

test('an arbitrary JSON value is a valid record or refused naming a field (property)', async () => {
  await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), (v) => validOrNamedRefusal(v, JSON.stringify(v)?.slice(0, 80))), PROPERTY_RUNS);
});

test('a real record with one value changed, removed or added is valid or refused naming a field (property)', async () => {
  await fc.assert(fc.asyncProperty(mutationOf(good), ({ value, change }) => validOrNamedRefusal(value, change)), PROPERTY_RUNS);
});

test('a records file whose line k was mutated into an invalid record is refused at line k, the lines before kept (property)', () => {
  fc.assert(
    fc.property(mutationOf(good), fc.integer({ min: 0, max: 3 }), ({ value }, k) => {
      let invalid = false;
      try { validateRunRecord(value); } catch { invalid = true; }
      fc.pre(invalid && value !== undefined);
      const lines = [0, 1, 2, 3].map((i) => JSON.stringify(i === k ? value : makeRecord('hpa', i + 2)));
      const scan = scanRecordsText(lines.map((l) => `${l}\n`).join(''));
      assert.is(scan.problem?.lineNumber, k + 1);
      assert.is(scan.lines.length, k);
    }),
    { numRuns: 200 },
  );
});

test('any text as a records file gives good lines and at most one problem naming an existing line, never a raw error (property)', () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.string({ maxLength: 40 }), fc.constant(JSON.stringify(good)), fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? '')), { maxLength: 6 }), fc.boolean(), (lines, newline) => {
      const text = lines.join('\n') + (newline ? '\n' : '');
      const scan = scanRecordsText(text);
      if (scan.problem) {
        assert.ok(scan.problem.lineNumber >= 1 && scan.problem.lineNumber <= text.split('\n').length, scan.problem.message);
        assert.ok(scan.problem.message.startsWith(`line ${scan.problem.lineNumber} `), scan.problem.message);
        assert.is(scan.lines.length, scan.problem.lineNumber - 1);
      } else {
        assert.is(scan.lines.length, text === '' ? 0 : text.split('\n').length - 1);
      }
    }),
    { numRuns: 300 },
  );
});

test('records that are impossible by definition are refused, naming the field', () => {
  const cases: [string, unknown, RegExp][] = [
    ['negative latency', makeRecord('a', 1, { latencyP99Ms: -1 }), /^metrics\.latencyP99Ms: got -1, expected a finite number ≥ 0$/],
    ['negative cost per million', makeRecord('a', 1, { costPerMillionRequestsUsd: -3 }), /^metrics\.costPerMillionRequestsUsd: got -3/],
    ['more failures than requests', makeRecord('a', 1, { requests: 5, successfulRequests: 0, failedRequests: 6, slaViolatingRequests: 0 }), /^metrics\.failedRequests: got 6, expected ≤ metrics\.requests \(5\)$/],
    ['a violation rate above 1', makeRecord('a', 1, { slaViolationRateMinutes: 1.0000000000000002 }), /^metrics\.slaViolationRateMinutes: got 1\.0000000000000002, expected a fraction in \[0, 1\]$/],
    ['a fractional episode count', makeRecord('a', 1, { underProvisioningEpisodes: 1.5 }), /^metrics\.underProvisioningEpisodes: got 1\.5/],
    ['an unknown metric', { ...good, metrics: { ...good.metrics, p999: 1 } }, /^metrics\.p999: got 1, expected no such field/],
    // The allowed names come from lib/backend-names.ts (records of every registered backend).
    ['an unknown backend', { ...good, backend: 'docker' }, new RegExp(`^backend: got "docker", expected ${BACKEND_NAMES.map((n) => `"${n}"`).join(' or ')}$`)],
  ];
  for (const [name, record, says] of cases) {
    assert.throws(() => validateRunRecord(JSON.parse(JSON.stringify(record))), (err: Error) => err instanceof InvalidRunRecordError && says.test(err.message), name);
  }
});
