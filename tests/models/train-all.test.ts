import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// models/train-all.mjs (a zx script) is run by this node with a stand-in `node` first on PATH that only records its
// arguments, so these tests check the commands the script would run without training anything.
const repo = resolve(import.meta.dirname, '../..');
const models = ['dqn', 'ppo', 'hybrid', 'hybrid-constrained', 'dqn-weak-sla', 'dqn-balanced'];

function commands(env: Record<string, string>): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-train-all-'));
  try {
    const log = join(dir, 'calls');
    writeFileSync(join(dir, 'node'), `#!/bin/sh\necho "$@" >> "${log}"\n`);
    chmodSync(join(dir, 'node'), 0o755);
    // Started from another folder: the script finds the repository from its own location.
    const r = spawnSync(process.execPath, [join(repo, 'models/train-all.mjs')], { cwd: dir, env: { ...process.env, ...env, PATH: `${dir}:${process.env.PATH}` }, encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    return readFileSync(log, 'utf8').trim().split('\n').map((l) => l.split(' '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const flag = (args: string[], name: string) => args[args.indexOf(name) + 1];

test('without STEPS each model is trained with the agent, seed, config and step count its committed provenance records', () => {
  const calls = commands({ STEPS: '' });
  assert.equal(calls.map((a) => flag(a, '--out')), models.map((m) => `models/${m}`));
  for (const args of calls) {
    const name = flag(args, '--out').slice('models/'.length);
    const provenance = JSON.parse(readFileSync(join(repo, 'models', name, 'model', 'provenance.json'), 'utf8'));
    assert.is(args[2], provenance.agent, name);
    assert.is(Number(flag(args, '--steps')), provenance.steps, name);
    assert.is(Number(flag(args, '--seed')), provenance.seed, name);
    assert.is(flag(args, '--config'), `models/configs/${name}.json`);
  }
});

test('STEPS overrides every step count (what `reproduce --quick --retrain` relies on)', () => {
  const calls = commands({ STEPS: '2000' });
  assert.is(calls.length, models.length);
  for (const args of calls) assert.is(flag(args, '--steps'), '2000', args.join(' '));
});

test('a failing training stops the script with its exit code (as `set -e` did)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-train-all-'));
  try {
    writeFileSync(join(dir, 'node'), `#!/bin/sh\necho "$@" >> "${join(dir, 'calls')}"\nexit 3\n`);
    chmodSync(join(dir, 'node'), 0o755);
    const r = spawnSync(process.execPath, [join(repo, 'models/train-all.mjs')], { cwd: dir, env: { ...process.env, PATH: `${dir}:${process.env.PATH}` }, encoding: 'utf8' });
    assert.is(r.status, 3, r.stderr);
    assert.is(readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n').length, 1, 'no training after the failed one');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
