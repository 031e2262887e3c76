import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRecordsWriter, readRunRecords, scanRecordsText } from '../../experiments/records-file.ts';
import { validateRunRecord } from '../../experiments/validate-run-record.ts';
import { record } from './helpers/record.ts';
import { tempDir } from './helpers/tiny.ts';

const line = (over = {}, m = {}) => JSON.stringify(record(over, m));

test('records: the writer appends complete lines that the reader returns in order', () => {
  const path = join(tempDir('records'), 'records.jsonl');
  const w = openRecordsWriter(path);
  w.append(line({ seed: 1 }));
  w.append(line({ seed: 2 }));
  w.close();
  const text = readFileSync(path, 'utf8');
  assert.ok(text.endsWith('\n'));
  assert.is(text.split('\n').length, 3);
  assert.equal(readRunRecords(path).map((r) => r.seed), [1, 2]);
});

const broken: { title: string; text: () => string; line: number; says: RegExp }[] = [
  { title: 'a partial last line (killed mid-write)', text: () => `${line()}\n${line().slice(0, 40)}`, line: 2, says: /line 2 is incomplete/ },
  { title: 'a complete last line without its newline', text: () => `${line()}\n${line()}`, line: 2, says: /line 2 is incomplete/ },
  { title: 'a line that is not JSON', text: () => `${line()}\n{oops\n${line()}\n`, line: 2, says: /line 2 is not valid JSON/ },
  { title: 'an empty line', text: () => `${line()}\n\n`, line: 2, says: /line 2 is empty/ },
  { title: 'a line of another schema', text: () => `${line({ schema: 'scalelab.run/v0' as never })}\n`, line: 1, says: /line 1 .*schema: got "scalelab.run\/v0"/ },
  { title: 'a NaN metric (written by JSON as null)', text: () => `${line()}\n${line()}\n${line({}, { latencyP95Ms: NaN })}\n`, line: 3, says: /line 3 .*metrics\.latencyP95Ms: null/ },
  { title: 'a missing metric', text: () => `${line().replace('"costUsd":0.01,', '')}\n`, line: 1, says: /metrics\.costUsd: missing/ },
  { title: 'a missing seed', text: () => `${line().replace('"seed":1,', '')}\n`, line: 1, says: /seed: missing/ },
  { title: 'an SLA rate above 1', text: () => `${line({}, { slaViolationRateRequests: 1.5 })}\n`, line: 1, says: /slaViolationRateRequests: got 1.5, expected a fraction/ },
];
for (const c of broken) {
  test(`records: ${c.title} is reported with its line number`, () => {
    const text = c.text();
    const scan = scanRecordsText(text);
    assert.is(scan.problem?.lineNumber, c.line);
    assert.match(scan.problem!.message, c.says);
    assert.is(scan.lines.length, c.line - 1, 'good lines before the problem are kept');
    assert.is(scan.problem!.byteOffset, Buffer.byteLength(text.split('\n').slice(0, c.line - 1).map((l) => `${l}\n`).join('')));
    const path = join(tempDir('broken'), 'records.jsonl');
    writeFileSync(path, text);
    assert.throws(() => readRunRecords(path), (err: Error) => err.name === 'UserError' && err.message.includes(`${path}, line ${c.line}`));
  });
}

test('records: null scaling latency (no under-provisioning episode) is valid', () => {
  assert.is(validateRunRecord(JSON.parse(line())).metrics.scalingLatencyMeanSeconds, null);
});

test('records: series arrays must have equal lengths and histogram counts match the bounds', () => {
  const series = { tSeconds: [0, 60], rps: [1, 2], readyPods: [1, 1], desiredReplicas: [1, 1], latencyP95Ms: [5, 5], cpuUtilization: [0.5] };
  assert.throws(() => validateRunRecord(JSON.parse(line({ series }))), /series\.cpuUtilization: has a different length/);
  assert.throws(() => validateRunRecord(JSON.parse(line({ latencyHistogram: { boundsMs: [1, 2], counts: [1, 2, 3, 4] } }))), /latencyHistogram\.counts: has 4 entries/);
  assert.ok(validateRunRecord(JSON.parse(line({ latencyHistogram: { boundsMs: [1, 2], counts: [1, 2, 3] } }))));
});

test('records: a missing file is a UserError naming it', () => {
  assert.throws(() => readRunRecords('/nonexistent/records.jsonl'), /cannot read records file \/nonexistent\/records\.jsonl/);
});
