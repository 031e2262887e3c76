// Sharded runs merged back: byte-identical to an unsharded run for several N (the expected file is the real
// unsharded run's output), and every kind of mismatch refused naming what is wrong.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadExperiment } from '../../experiments/load-experiment.ts';
import { runExperiment } from '../../experiments/runner.ts';
import { simBackend } from '../../experiments/backends.ts';
import { mergeShards } from '../../experiments/merge-shards.ts';
import { TINY_PATH, tempDir } from './helpers/tiny.ts';

const loaded = await loadExperiment(TINY_PATH);
const root = tempDir('merge');
const run = (outDir: string, shard?: { index: number; count: number }) =>
  runExperiment({ def: loaded.def, outDir, baseDir: loaded.baseDir, workers: 2, backend: simBackend, backendName: 'sim', shard });
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

const whole = join(root, 'whole');
await run(whole);
const shardDirs = new Map<number, string[]>();

async function shards(count: number): Promise<string[]> {
  if (!shardDirs.has(count)) {
    const dirs: string[] = [];
    for (let index = 0; index < count; index++) {
      const dir = join(root, `n${count}-i${index}`);
      await run(dir, { index, count });
      dirs.push(dir);
    }
    shardDirs.set(count, dirs);
  }
  return shardDirs.get(count)!;
}

const expectRefusal = (dirs: string[], pattern: RegExp) => {
  try {
    mergeShards(dirs, join(root, `out-${Math.random().toString(36).slice(2)}`));
  } catch (err) {
    assert.is((err as Error).name, 'UserError', (err as Error).message);
    assert.match((err as Error).message, pattern);
    return;
  }
  assert.unreachable(`expected a refusal matching ${pattern}`);
};

for (const count of [1, 2, 3, 7]) {
  test(`merge: ${count} shard${count > 1 ? 's' : ''} merged (in any order) give the unsharded experiment.json and records.jsonl byte for byte`, async () => {
    const dirs = await shards(count);
    // Each shard holds exactly the cells whose index ≡ i (mod N).
    for (const [i, dir] of dirs.entries()) {
      const keys = read(dir, 'records.jsonl').trim().split('\n').filter(Boolean).map((l) => { const r = JSON.parse(l); return `${r.scenario}/${r.autoscaler}/${r.seed}`; });
      const expected = JSON.parse(read(whole, 'experiment.json')).cells.map((c: { key: string }) => c.key).filter((_: string, j: number) => j % count === i);
      assert.equal(keys, expected);
      assert.is(read(dir, 'experiment.json'), read(whole, 'experiment.json'), 'a shard writes the full experiment.json');
    }
    const out = join(root, `merged-${count}`);
    const result = mergeShards([...dirs].reverse(), out);
    assert.is(result.cells, 8);
    assert.is(read(out, 'records.jsonl'), read(whole, 'records.jsonl'));
    assert.is(read(out, 'experiment.json'), read(whole, 'experiment.json'));
  });
}

test('merge: a missing shard is refused naming the missing cells and the shard', async () => {
  const dirs = await shards(3);
  expectRefusal([dirs[0], dirs[2]], /^3 missing cells of 8: spike\/hpa-70\/8, twitter\/hpa-70\/7, twitter\/kpa\/8 \(shard 1\/3 not given\)$/);
});

test('merge: the same shard given twice is refused', async () => {
  const dirs = await shards(2);
  expectRefusal([dirs[0], dirs[0], dirs[1]], /shard 0\/2 given twice/);
});

test('merge: overlapping splits (a cell in two folders) are refused naming the duplicated cells', async () => {
  const [a] = await shards(2);
  const [b] = await shards(1);
  const copy = join(root, 'no-shard-json');
  cpSync(a, copy, { recursive: true });
  rmSync(join(copy, 'shard.json'));
  const onlyB = join(root, 'no-shard-json-b');
  cpSync(b, onlyB, { recursive: true });
  rmSync(join(onlyB, 'shard.json'));
  expectRefusal([onlyB, copy], /^4 duplicated cells: spike\/hpa-70\/7 \(.*line 1 and .*line 1\)/);
});

test('merge: shards of another experiment, configuration or code version are refused', async () => {
  const [a, b] = await shards(2);
  const other = join(root, 'other-experiment');
  cpSync(b, other, { recursive: true });
  const exp = JSON.parse(read(b, 'experiment.json'));
  writeFileSync(join(other, 'experiment.json'), `${JSON.stringify({ ...exp, name: 'tiny2' }, null, 2)}\n`);
  expectRefusal([a, other], /^shards of different experiments: .* is "tiny", .* is "tiny2"$/);

  const changed = join(root, 'other-config');
  cpSync(b, changed, { recursive: true });
  exp.cells[3].hash = '0000000000000000';
  writeFileSync(join(changed, 'experiment.json'), `${JSON.stringify(exp, null, 2)}\n`);
  expectRefusal([a, changed], /different configurations of experiment "tiny": .* differ in cells\[3\]/);

  const older = join(root, 'other-code');
  cpSync(b, older, { recursive: true });
  const text = read(b, 'records.jsonl');
  const version = JSON.parse(text.split('\n')[0]).config.codeVersion as string;
  writeFileSync(join(older, 'records.jsonl'), text.replaceAll(`"codeVersion":"${version}"`, '"codeVersion":"0123456789abcdef"'));
  rmSync(join(older, 'shard.json'));
  expectRefusal([a, older], /^shards of different code versions: .* ran code [0-9a-f]{16}, .* ran code 0123456789abcdef/);
});

test('merge: a truncated shard records file is refused with its line number', async () => {
  const [a, b] = await shards(2);
  const cut = join(root, 'cut');
  cpSync(b, cut, { recursive: true });
  writeFileSync(join(cut, 'records.jsonl'), read(b, 'records.jsonl').slice(0, -10));
  expectRefusal([a, cut], /records\.jsonl, line 4 is incomplete/);
});

