// Issue 16 probe, "Data lost": concurrent writers into one folder and --repair of a non-UTF-8 tail, through the
// real CLI. (Signals during a cluster cell: tests/integration/prometheus-kube-backend.test.ts, see
// docs/guarantees.md.)
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertOk, assertRefused, probeDir, scalelab, tinyExperiment } from './helpers/scalelab-cli.ts';

const dir = probeDir('data-lost');

test('data lost 1 / crash 10: two `scalelab run`s started together into one --out — one is refused (exit 2, holder named), the other keeps every record and experiment.json matches them', async () => {
  const out = join(dir, 'shared');
  const exp = tinyExperiment(dir, 'race');
  const [a, b] = await Promise.all([scalelab(['run', exp, '--out', out, '--workers', '1']), scalelab(['run', exp, '--out', out, '--workers', '1'])]);
  const [won, lost] = a.exitCode === 0 ? [a, b] : [b, a];
  assertOk(won);
  // Either the loser was refused by the lock, or it started after the winner finished and found every cell done.
  if (lost.exitCode !== 0) assertRefused(lost, [out, 'is in use by another writer', /pid \d+ on host/]);
  const lines = readFileSync(join(out, 'records.jsonl'), 'utf8').trim().split('\n');
  assert.is(lines.length, 8);
  const keys = lines.map((l) => { const r = JSON.parse(l); return `${r.scenario}/${r.autoscaler}/${r.seed}`; });
  assert.is(new Set(keys).size, 8, 'no cell twice, none lost');
  const cells = (JSON.parse(readFileSync(join(out, 'experiment.json'), 'utf8')) as { cells: Array<{ key: string }> }).cells.map((c) => c.key);
  assert.equal([...cells].sort(), [...keys].sort(), 'experiment.json lists exactly the recorded cells');
  assert.not.ok(existsSync(join(out, '.scalelab.lock')), 'the lock is released');
});

test('data lost 2: `--repair` keeps a non-UTF-8 corrupt tail byte for byte in records.jsonl.corrupt and reruns its cell', async () => {
  const out = join(dir, 'repair');
  const exp = tinyExperiment(dir, 'repair');
  assertOk(await scalelab(['run', exp, '--out', out, '--workers', '1']));
  const good = readFileSync(join(out, 'records.jsonl'));
  const lines = good.toString('utf8').trim().split('\n');
  // The last record cut in half, then bytes that are not UTF-8 (a lone continuation byte, an overlong form, 0xff).
  const kept = Buffer.from(`${lines.slice(0, 7).join('\n')}\n`);
  const tail = Buffer.concat([Buffer.from(lines[7].slice(0, 40)), Buffer.from([0x80, 0xc0, 0xaf, 0xff, 0xfe, 0x0a, 0x7b])]);
  writeFileSync(join(out, 'records.jsonl'), Buffer.concat([kept, tail]));
  const refused = await scalelab(['run', exp, '--out', out, '--workers', '1']);
  assertRefused(refused, ['records.jsonl', '--repair']);
  const r = await scalelab(['run', exp, '--out', out, '--workers', '1', '--repair']);
  assertOk(r);
  assert.ok(readFileSync(join(out, 'records.jsonl.corrupt')).equals(tail), 'the corrupt tail is saved as it was, not re-encoded');
  assert.ok(readFileSync(join(out, 'records.jsonl')).equals(good), 'the repaired file equals the uninterrupted run byte for byte');
});

test('silent 6: two `scalelab train`s into one --out — the second is refused naming the first; the log is one run\'s', async () => {
  const out = join(dir, 'train');
  const args = ['train', 'dqn', '--steps', '600', '--out', out];
  const [a, b] = await Promise.all([scalelab(args, { timeoutMs: 300_000 }), scalelab(args, { timeoutMs: 300_000 })]);
  const [won, lost] = a.exitCode === 0 ? [a, b] : [b, a];
  assertOk(won);
  if (lost.exitCode !== 0) assertRefused(lost, [out, 'is in use by another writer']);
  const episodes = readFileSync(join(out, 'train-log.jsonl'), 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { episode: number }).episode);
  assert.equal(episodes, episodes.map((_, i) => episodes[0] + i), 'episodes numbered once, in order (not two runs interleaved)');
  assert.ok(existsSync(join(out, 'model', 'provenance.json')));
});
