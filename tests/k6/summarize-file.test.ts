import { test, before, after } from 'node:test';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync, createReadStream, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { summarizeK6File } from '../../k6/summarize-file.ts';
import { createK6Accumulator } from '../../k6/k6-results.ts';
import { openMaybeGzip, readLines } from '../../k6/read-lines.ts';
import { parseK6Summary } from '../../k6/parse-summary.ts';
import { SKETCH_RELATIVE_ACCURACY } from '../../k6/latency-sketch.ts';
import { writeHourOfLoad, type WrittenRun } from './helpers/write-hour-of-load.ts';

async function rejects(fn: () => Promise<unknown>, re: RegExp): Promise<void> {
  try {
    await fn();
  } catch (err) {
    assert.match((err as Error).message, re);
    return;
  }
  assert.unreachable(`expected a rejection matching ${re}`);
}

const dir = mkdtempSync(join(tmpdir(), 'scalelab-k6-volume-'));
let run: WrittenRun;

before(() => {
  run = writeHourOfLoad(join(dir, 'hour.ndjson'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test("an hour of load (360,000 requests, k6's default tags) streams through: exact counts, quantiles within 0.5 % of k6's", async () => {
  // k6 writes about 3 KB per request with its default tags; the file is over a gigabyte, past V8's string limit.
  assert.ok(run.bytes / run.requests > 2800, `${run.bytes / run.requests} bytes per request`);
  assert.ok(run.bytes > 2 ** 30, `${run.bytes} bytes`);
  const s = await summarizeK6File(run.path);
  const k6 = parseK6Summary(run.summary); // k6's own exact statistics of the same requests
  assert.equal([s.source, s.requests, s.failedRequests], ['ndjson', 360_000, 3_600]);
  assert.is(k6.requests, 360_000);
  for (const [est, exact] of [[s.latencyP50Ms, k6.latencyMedianMs], [s.latencyP95Ms, k6.latencyP95Ms], [s.latencyP99Ms, k6.latencyP99Ms]] as const) {
    assert.ok(Math.abs(est! - exact!) <= SKETCH_RELATIVE_ACCURACY * exact!, `${est} vs k6's ${exact}`);
  }
  assert.is(s.latencyMaxMs, k6.latencyMaxMs);
  assert.ok(Math.abs(s.latencyMeanMs! - k6.latencyMeanMs) < 1e-6 * k6.latencyMeanMs);
  assert.is(s.vusMax, 20);
});

test('binned on the 15 s grid (as the backend reads a run): 2 bins of 1,500 requests, 15 failures each', async () => {
  const small = writeHourOfLoad(join(dir, 'binned.ndjson'), 3000);
  const acc = createK6Accumulator({ binSeconds: 15, slaLatencyMs: 200 });
  for await (const line of readLines((await openMaybeGzip(small.path)) as AsyncIterable<Buffer>)) acc.add(line);
  const p = acc.finish(small.startEpochMs).points!;
  assert.is(p.bins.length, 2);
  assert.ok(p.bins.every((b) => b.requests === 1500 && b.failedRequests === 15 && b.okRequests === 1485), 'every bin');
});

test("k6's summary JSON (handleSummary data, from k6's documented layout) and the --summary-export layout", async () => {
  const handle = await summarizeK6File(resolve(import.meta.dirname, '../fixtures/k6-results/summary-handle.json'));
  assert.equal([handle.source, handle.requests, handle.failedRequests, handle.latencyP50Ms, handle.latencyP95Ms, handle.latencyP99Ms], ['summary', 1000, 23, 61.5, 231.7, 640.05]);
  const exp = await summarizeK6File(resolve(import.meta.dirname, '../fixtures/k6-results/summary-export.json'));
  assert.equal([exp.requests, exp.failedRequests], [600, 6]);
});

test('gzip NDJSON (k6 --out json=file.gz) reads the same as plain', async () => {
  const small = join(dir, 'small.ndjson');
  writeHourOfLoad(small, 3000);
  await pipeline(createReadStream(small), createGzip(), createWriteStream(`${small}.gz`));
  const [a, b] = [await summarizeK6File(small), await summarizeK6File(`${small}.gz`)];
  assert.equal(b, a);
  assert.is(a.requests, 3000);
});

test('foreign files are refused naming the file: not JSON, a directory, a line without end', async () => {
  writeFileSync(join(dir, 'junk.txt'), 'hello\nworld\n');
  await rejects(() => summarizeK6File(join(dir, 'junk.txt')), /junk\.txt: not k6 --out json lines and not a k6 summary JSON/);
  await rejects(() => summarizeK6File(dir), /not a regular file/);
  writeFileSync(join(dir, 'broken.ndjson'), '{"metric":"vus","type":"Point","data":{"time":"2026-11-27T10:00:00Z","value":1,"tags":null}}\n{"metric":"http_req_duration","type":"Point","data":{"time":"x","value":3}}\n');
  await rejects(() => summarizeK6File(join(dir, 'broken.ndjson')), /line 2: Point without time or value/);
});
