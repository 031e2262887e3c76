// Commands find the repository's folders from the code (lib/paths.ts), not from the working directory.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../experiments/helpers/tiny.ts';
import { EXPERIMENT_DEFS_DIR, MODELS_DIR, REPO_ROOT } from '../../lib/paths.ts';

const BIN = fileURLToPath(new URL('../../bin/scalelab.js', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));

test('paths point at this repository whatever the working directory', () => {
  assert.is(join(REPO_ROOT, '/'), join(repo, '/'));
  assert.ok(readdirSync(EXPERIMENT_DEFS_DIR).includes('standard.json'));
  assert.ok(readdirSync(MODELS_DIR).includes('train-all.mjs'));
});

test('from another folder, `stacks list` lists the committed stacks and `run` finds a shipped experiment, writing a relative --out under that folder', () => {
  const cwd = tempDir('elsewhere');
  const stacks = spawnSync(process.execPath, [BIN, 'stacks', 'list'], { cwd, encoding: 'utf8' });
  assert.is(stacks.status, 0, stacks.stderr);
  assert.ok(stacks.stdout.split('\n').includes('hpa-spike'), stacks.stdout);
  const tiny = join(repo, 'tests/experiments/fixtures/tiny.json');
  const run = spawnSync(process.execPath, [BIN, 'run', tiny, '--out', 'out', '--workers', '1', '-o', 'json'], { cwd, encoding: 'utf8', env: { ...process.env, SCALELAB_QUIET: '1' } });
  assert.is(run.status, 0, run.stderr);
  assert.is(readFileSync(join(cwd, 'out', 'records.jsonl'), 'utf8').trim().split('\n').length, 8);
});
