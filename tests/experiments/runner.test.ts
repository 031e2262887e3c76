import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadExperiment } from '../../experiments/load-experiment.ts';
import { runExperiment } from '../../experiments/runner.ts';
import { simBackend, type Backend } from '../../experiments/backends.ts';
import { RecordsMismatchError } from '../../experiments/runner-errors.ts';
import { readRunRecords } from '../../experiments/records-file.ts';
import { RUN_METRIC_KEYS } from '../../experiments/validate-run-record.ts';
import { TINY_PATH, tempDir } from './helpers/tiny.ts';

const loaded = await loadExperiment(TINY_PATH);
const run = (outDir: string, workers: number, extra: { repair?: boolean; def?: typeof loaded.def } = {}) =>
  runExperiment({ def: extra.def ?? loaded.def, outDir, baseDir: loaded.baseDir, workers, backend: simBackend, backendName: 'sim', repair: extra.repair });

const EXPECTED_KEYS = ['spike', 'twitter'].flatMap((s) => ['hpa-70', 'kpa'].flatMap((a) => [7, 8].map((seed) => `${s}/${a}/${seed}`)));
const first = tempDir('run-a');
let original = '';

test('runner: every cell runs once, in scenario/autoscaler/seed order, with every metric and the resolved config', async () => {
  const result = await run(first, 2);
  assert.is(result.cells, 8);
  assert.is(result.ran, 8);
  original = readFileSync(result.recordsPath, 'utf8');
  const records = readRunRecords(result.recordsPath);
  assert.equal(records.map((r) => `${r.scenario}/${r.autoscaler}/${r.seed}`), EXPECTED_KEYS);
  for (const r of records) {
    assert.is(r.backend, 'sim');
    for (const key of RUN_METRIC_KEYS) assert.ok(key in r.metrics, key);
    assert.ok(r.metrics.requests > 0);
    assert.is(r.metrics.durationSeconds, 300);
    assert.is((r.config.plant as { maxReplicas: number }).maxReplicas, r.scenario === 'twitter' ? 12 : 10);
    assert.ok(r.series && r.series.tSeconds.length === 5, 'one series point per minute');
    assert.ok(r.reasons && Object.keys(r.reasons).length > 0);
  }
  const experiment = JSON.parse(readFileSync(join(first, 'experiment.json'), 'utf8'));
  assert.is(experiment.schema, 'scalelab.experiment/v1');
  assert.equal(experiment.cells.map((c: { key: string }) => c.key), EXPECTED_KEYS);
});

test('runner: seeds change the run (Poisson arrivals) but the same seed reproduces it', () => {
  const records = original.trim().split('\n').map((l) => JSON.parse(l));
  assert.is.not(records[0].metrics.requests, records[1].metrics.requests);
});

test('runner: one worker gives a byte-identical records file', async () => {
  const result = await run(tempDir('run-b'), 1);
  assert.is(readFileSync(result.recordsPath, 'utf8'), original);
});

test('runner: after losing half the lines a rerun runs only the missing cells and restores the same file', async () => {
  const dir = tempDir('resume');
  const lines = original.trim().split('\n');
  writeFileSync(join(dir, 'records.jsonl'), lines.filter((_, i) => i % 2 === 1).map((l) => `${l}\n`).join(''));
  const result = await run(dir, 2);
  assert.is(result.ran, 4);
  assert.is(result.skipped, 4);
  assert.is(readFileSync(result.recordsPath, 'utf8'), original);
});

test('runner: a complete file is not rerun', async () => {
  const result = await run(first, 2);
  assert.is(result.ran, 0);
  assert.is(readFileSync(result.recordsPath, 'utf8'), original);
});

test('runner: a truncated records file is refused with its line number and left untouched; --repair moves the tail aside', async () => {
  const dir = tempDir('corrupt');
  const lines = original.trim().split('\n');
  const damaged = `${lines.slice(0, 4).map((l) => `${l}\n`).join('')}${lines[4].slice(0, 100)}`;
  const path = join(dir, 'records.jsonl');
  writeFileSync(path, damaged);
  await run(dir, 2).then(
    () => assert.unreachable('a corrupt file must not be resumed silently'),
    (err: Error) => {
      assert.is(err.name, 'UserError');
      assert.match(err.message, /line 5 is incomplete/);
      assert.match(err.message, /--repair/);
    },
  );
  assert.is(readFileSync(path, 'utf8'), damaged, 'the corrupt file was not overwritten');
  const result = await run(dir, 2, { repair: true });
  assert.is(result.repairedFromLine, 5);
  assert.is(result.ran, 4);
  assert.is(readFileSync(`${path}.corrupt`, 'utf8'), lines[4].slice(0, 100));
  assert.is(readFileSync(path, 'utf8'), original);
});

test('runner: records of a changed configuration are refused, not mixed in', async () => {
  const def = structuredClone(loaded.def);
  def.autoscalers[1] = { ...def.autoscalers[1], targetConcurrencyPerPod: 0.6 };
  await run(first, 2, { def }).then(
    () => assert.unreachable('mixing configurations must be refused'),
    (err: Error) => assert.match(err.message, /line 3: cell spike\/kpa\/7 was run with another configuration/),
  );
  assert.ok(existsSync(join(first, 'records.jsonl')));
  assert.is(readFileSync(join(first, 'records.jsonl'), 'utf8'), original);
});

test('runner: records produced by another version of the code are refused, not mixed in', async () => {
  const dir = tempDir('code');
  const lines = original.trim().split('\n');
  assert.match(lines[0], /"codeVersion":"[0-9a-f]{16}"/);
  lines[1] = lines[1].replace(/"codeVersion":"[0-9a-f]{16}"/, '"codeVersion":"0123456789abcdef"');
  writeFileSync(join(dir, 'records.jsonl'), lines.slice(0, 3).map((l) => `${l}\n`).join(''));
  await run(dir, 2).then(
    () => assert.unreachable('mixing code versions must be refused'),
    (err: Error) => {
      assert.match(err.message, /line 2: cell spike\/hpa-70\/8 was produced by another version of the simulator\/autoscaler code \(code 0123456789abcdef/);
      assert.ok(err instanceof RecordsMismatchError && err.reason === 'OtherCodeVersion', 'a typed reason callers act on (reproduce moves such records aside)');
    },
  );
});

test('runner: records of another backend are refused, so simulated cells never count as cluster runs', async () => {
  const dir = tempDir('other-backend');
  const lines = original.trim().split('\n');
  assert.match(lines[0], /"backend":"sim"/);
  writeFileSync(join(dir, 'records.jsonl'), `${lines[0]}\n`);
  const cluster = { run: async () => assert.unreachable('no cell may run before the records are checked') };
  await runExperiment({ def: loaded.def, outDir: dir, baseDir: loaded.baseDir, workers: 1, backend: cluster, backendName: 'microk8s' }).then(
    () => assert.unreachable('a sim record must not count as a microk8s run'),
    (err: Error) => {
      assert.match(err.message, /line 1: cell spike\/hpa-70\/7 was produced by the sim backend, this run uses microk8s/);
      assert.ok(err instanceof RecordsMismatchError && err.reason === 'OtherBackend');
    },
  );
});

test('runner: an output directory that cannot be created is a user error naming it', async () => {
  const file = join(tempDir('outfile'), 'plain-file');
  writeFileSync(file, '');
  await runExperiment({ def: loaded.def, outDir: join(file, 'out'), baseDir: loaded.baseDir, workers: 1, backend: simBackend, backendName: 'sim' }).then(
    () => assert.unreachable(),
    (err: Error) => {
      assert.is(err.name, 'UserError');
      assert.match(err.message, /^output directory .*plain-file\/out: cannot create it \(ENOTDIR/);
    },
  );
});

test('runner: a backend that returns without every cell leaves the appended records as they are, no holes written', async () => {
  const dir = tempDir('partial');
  const lines = original.trim().split('\n');
  const partial: Backend = { run: async (cells, o) => o.onLine(cells[0], lines[0]) };
  await runExperiment({ def: loaded.def, outDir: dir, baseDir: loaded.baseDir, workers: 1, backend: partial, backendName: 'sim' }).then(
    () => assert.unreachable('a partial run must not be reported as done'),
    (err: Error) => assert.match(err.message, /returned without 7 of the cells \(first: spike\/hpa-70\/8\)/),
  );
  assert.is(readFileSync(join(dir, 'records.jsonl'), 'utf8'), `${lines[0]}\n`);
});
