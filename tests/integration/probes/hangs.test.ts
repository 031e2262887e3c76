// Issue 16 probe, "Hangs": each case of the issue (and its siblings in other commands) through the real CLI with a
// deadline. A hang shows up as a timeout; the expected answer is a refusal before any work (exit 2, field named)
// or, for --workers, a capped run.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertOk, assertRefused, mkfifo, probeDir, ROOT, scalelab, tinyExperiment, tinyRecords } from './helpers/scalelab-cli.ts';

const dir = probeDir('hangs');

test('hang 1: a scenario of 1e9 s is refused before any work, naming the field and the limit', async () => {
  const exp = tinyExperiment(dir, 'long', (e) => void (e.scenarios[0].workload.durationSeconds = 1e9));
  const r = await scalelab(['run', exp, '--out', join(dir, 'out-long')]);
  assertRefused(r, ['scenarios[0].workload.durationSeconds', 'got 1000000000', '≤ 31622400']);
});

test('hang 2: a tick of 1e-6 s is refused, naming plant.tickSeconds and its range', async () => {
  const exp = tinyExperiment(dir, 'tick', (e) => void (e.plant.tickSeconds = 1e-6));
  assertRefused(await scalelab(['run', exp, '--out', join(dir, 'out-tick')]), ['plant.tickSeconds', 'got 0.000001', '[0.01, 60]']);
});

test('hang 2 (sibling): a per-scenario plant tick of 1e-6 s is refused the same way', async () => {
  const exp = tinyExperiment(dir, 'tick2', (e) => void (e.scenarios[1].plant = { tickSeconds: 1e-6 }));
  assertRefused(await scalelab(['run', exp, '--out', join(dir, 'out-tick2')]), ['scenarios[1].plant.tickSeconds']);
});

test('hang 3: --workers 1000 starts at most one worker per core (with a note) and the run completes with every record', async () => {
  const out = join(dir, 'out-workers');
  const r = await scalelab(['run', tinyExperiment(dir, 'workers'), '--out', out, '--workers', '1000'], { env: { SCALELAB_QUIET: '' } });
  assertOk(r);
  assert.match(r.stderr, /--workers 1000: using \d+, the number of cores/);
  assert.is(readFileSync(join(out, 'records.jsonl'), 'utf8').trim().split('\n').length, 8);
});

test('hang 3 (sibling): --workers 0, -1, 1.5 and 1e400 are refused naming --workers', async () => {
  for (const w of ['0', '-1', '1.5', '1e400']) assertRefused(await scalelab(['run', tinyExperiment(dir, 'w'), '--out', join(dir, 'out-w'), '--workers', w]), ['--workers']);
});

test('hang 4: a trace path of /dev/zero is refused as a character device, naming the file', async () => {
  const exp = tinyExperiment(dir, 'zero', (e) => void (e.scenarios[1].workload.file = '/dev/zero'));
  assertRefused(await scalelab(['run', exp, '--out', join(dir, 'out-zero')]), ['trace file /dev/zero', 'character device', 'expected a regular file']);
});

test('hang 4 (siblings): a FIFO as trace, as experiment file, as --config, as k6 script, as k6 export spec, as Pulumi stack file, as merge input and as --families is refused, never waited on', async () => {
  const fifo = mkfifo(join(dir, 'pipe.json'));
  const trace = tinyExperiment(dir, 'fifo-trace', (e) => void (e.scenarios[1].workload.file = fifo));
  const root = join(dir, 'root');
  mkdirSync(root);
  copyFileSync(join(ROOT, 'Pulumi.yaml'), join(root, 'Pulumi.yaml'));
  mkfifo(join(root, 'Pulumi.pipe.yaml'));
  const shard = join(dir, 'shard');
  mkdirSync(shard);
  mkfifo(join(shard, 'experiment.json'));
  const records = await tinyRecords();
  const cases: Array<[string[], string]> = [
    [['run', trace, '--out', join(dir, 'o1')], fifo],
    [['run', fifo, '--out', join(dir, 'o2')], fifo],
    [['train', 'dqn', '--config', fifo, '--out', join(dir, 'o3')], fifo],
    [['k6', 'import', fifo], fifo],
    [['k6', 'export', fifo], fifo],
    [['k6', 'summarize', fifo], fifo],
    [['stacks', 'render', 'pipe', '--root', root], 'Pulumi.pipe.yaml'],
    [['merge', shard, '--out', join(dir, 'o4')], join(shard, 'experiment.json')],
    [['cost', records, '--families', fifo], fifo],
    [['cost', fifo], fifo],
  ];
  for (const [args, named] of cases) assertRefused(await scalelab(args, { timeoutMs: 30_000 }), [named, /FIFO|regular file/]);
});

test('hang 4 (siblings): /dev/zero as k6 script, k6 export spec, Pulumi stack file (a symlink) and merge input is refused, never read', async () => {
  const root = join(dir, 'root-zero');
  mkdirSync(root);
  copyFileSync(join(ROOT, 'Pulumi.yaml'), join(root, 'Pulumi.yaml'));
  symlinkSync('/dev/zero', join(root, 'Pulumi.zero.yaml'));
  const shard = join(dir, 'shard-zero');
  mkdirSync(shard);
  symlinkSync('/dev/zero', join(shard, 'experiment.json'));
  const cases: Array<[string[], string]> = [
    [['k6', 'import', '/dev/zero'], '/dev/zero'],
    [['k6', 'export', '/dev/zero'], '/dev/zero'],
    [['stacks', 'render', 'zero', '--root', root], 'Pulumi.zero.yaml'],
    [['merge', shard, '--out', join(dir, 'o5')], join(shard, 'experiment.json')],
  ];
  for (const [args, named] of cases) assertRefused(await scalelab(args, { timeoutMs: 30_000 }), [named, /character device|regular file/]);
});

test('hang 4 (sibling): an endless stdin to hpa calc stops at the documented cap', async () => {
  const r = await scalelab(['hpa', 'calc'], { input: Buffer.alloc(17 * 1024 * 1024, 0x20) });
  assertRefused(r, ['stdin', 'more than 16777216 bytes']);
});

test('hang 5: a FIFO among the training logs is refused naming it (reproduce --training-logs)', async () => {
  const logs = join(dir, 'logs');
  mkdirSync(logs);
  copyFileSync(join(ROOT, 'models/dqn/train-log.jsonl'), join(logs, 'dqn.jsonl'));
  mkfifo(join(logs, 'stuck.jsonl'));
  const out = join(dir, 'out-rep');
  const r = await scalelab(['reproduce', '--records', await tinyRecords(), '--training-logs', logs, '--out', out]);
  assertRefused(r, [join(logs, 'stuck.jsonl'), 'FIFO']);
  assert.equal(readdirSync(out).filter((f) => f !== '.scalelab.lock'), [], 'refused before any work: nothing written');
});

test('hang 6: a k6 duration of 80,000 digits is refused in linear time (it took 21 s with the quadratic regex)', async () => {
  const script = join(dir, 'long.js');
  writeFileSync(script, `export const options = { stages: [ { duration: "${'1'.repeat(80_000)}x", target: 10 } ] };\n`);
  const r = await scalelab(['k6', 'import', script], { timeoutMs: 15_000 });
  assertRefused(r, ['options.stages[0].duration', 'expected a k6 duration']);
});

test('hang 6 (sibling): `train --steps` beyond its documented limit is refused instead of training for years', async () => {
  assertRefused(await scalelab(['train', 'dqn', '--steps', '99999999999999', '--out', join(dir, 'o6')], { timeoutMs: 30_000 }), ['--steps', '99999999999999']);
});
