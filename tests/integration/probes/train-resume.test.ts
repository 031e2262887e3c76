// Issue 16 probe, training integrity through the real CLI: `scalelab train` killed with SIGKILL after its first
// checkpoint and started again gives the uninterrupted run's weights and log byte for byte, and its provenance
// says it was resumed; a checkpoint whose weights turned NaN (with a matching SHA-256, so only the finiteness
// check can catch it) is refused, never resumed into a final model.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { assertOk, assertRefused, BIN, probeDir, ROOT, scalelab } from './helpers/scalelab-cli.ts';

const dir = probeDir('train');
const config = join(dir, 'config.json');
writeFileSync(config, JSON.stringify({ checkpointEverySteps: 240, evalEpisodes: 0 }));
const args = (out: string) => ['train', 'dqn', '--steps', '1200', '--seed', '3', '--config', config, '--out', out];

/** Starts a training and SIGKILLs it once its first checkpoint is on disk. */
async function killAfterCheckpoint(out: string): Promise<void> {
  const child = execa(process.execPath, [BIN, ...args(out)], { env: { SCALELAB_QUIET: '1' }, reject: false, cwd: ROOT, timeout: 300_000 });
  const marker = join(out, 'checkpoint', 'loop-state.json');
  for (let i = 0; i < 3000 && !existsSync(marker) && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok(existsSync(marker), 'a checkpoint was written before the end');
  child.kill('SIGKILL');
  const r = await child;
  assert.is(r.signal, 'SIGKILL');
}

test('silent 4–5: train killed with SIGKILL after a checkpoint and resumed = the uninterrupted run (weights and log byte for byte); provenance records the resume', async () => {
  const whole = join(dir, 'whole');
  assertOk(await scalelab(args(whole), { timeoutMs: 300_000 }));
  const resumed = join(dir, 'resumed');
  await killAfterCheckpoint(resumed);
  assertOk(await scalelab(args(resumed), { timeoutMs: 300_000 }));
  assert.ok(readFileSync(join(resumed, 'model/q/weights.bin')).equals(readFileSync(join(whole, 'model/q/weights.bin'))), 'weights identical');
  assert.is(readFileSync(join(resumed, 'train-log.jsonl'), 'utf8'), readFileSync(join(whole, 'train-log.jsonl'), 'utf8'));
  const p = (d: string) => JSON.parse(readFileSync(join(d, 'model/provenance.json'), 'utf8'));
  const [a, b] = [p(whole), p(resumed)];
  assert.equal(a.resumedFromSteps, []);
  assert.ok(b.resumedFromSteps.length === 1 && b.resumedFromSteps[0] > 0 && b.resumedFromSteps[0] < 1200, `resumed from ${b.resumedFromSteps}`);
  assert.equal({ ...b, resumedFromSteps: [] }, a, 'everything else in provenance is the same');
  assert.not.ok(existsSync(join(resumed, 'checkpoint')), 'the checkpoint is removed at the end');
});

test('silent 3: a checkpoint whose weights are NaN (SHA-256 updated to match) is refused at resume, naming the file; no final model is written', async () => {
  const out = join(dir, 'nan');
  await killAfterCheckpoint(out);
  const weights = join(out, 'checkpoint', 'q', 'weights.bin');
  const nan = Buffer.from(new Float32Array(readFileSync(weights).length / 4).fill(Number.NaN).buffer);
  writeFileSync(weights, nan);
  const provenancePath = join(out, 'checkpoint', 'provenance.json');
  const provenance = JSON.parse(readFileSync(provenancePath, 'utf8'));
  for (const k of Object.keys(provenance.weightsSha256)) provenance.weightsSha256[k] = createHash('sha256').update(readFileSync(join(out, 'checkpoint', k, 'weights.bin'))).digest('hex');
  writeFileSync(provenancePath, JSON.stringify(provenance, null, 2));
  const r = await scalelab(args(out), { timeoutMs: 300_000 });
  assertRefused(r, [join(out, 'checkpoint'), /NaN|non-finite|finite/]);
  assert.not.ok(existsSync(join(out, 'model', 'provenance.json')), 'no final model from a NaN checkpoint');
});
