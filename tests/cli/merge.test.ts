// `scalelab run --shard` and `scalelab merge` as a user runs them (real processes): bad flags exit 2 naming the
// flag; a two-shard run merged equals the unsharded run's records.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TINY_PATH, tempDir } from '../experiments/helpers/tiny.ts';

const BIN = fileURLToPath(new URL('../../bin/scalelab.js', import.meta.url));
const scalelab = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, SCALELAB_QUIET: '1', ...env } });

test('scalelab run --shard with a bad value exits 2 naming the flag, before any cell runs', () => {
  const out = tempDir('cli-shard-bad');
  const r = scalelab({ JOB_COMPLETION_INDEX: '' }, 'run', TINY_PATH, '--out', out, '--shard', 'auto/2');
  assert.is(r.status, 2);
  assert.match(r.stderr, /^scalelab: --shard auto\/2: JOB_COMPLETION_INDEX is not set/m);
  assert.not.match(r.stderr, /\n\s+at /);
});

test('scalelab run --shard auto/2 in two "pods" then scalelab merge gives the unsharded records', () => {
  const root = tempDir('cli-shard');
  for (const i of ['0', '1']) {
    const r = scalelab({ JOB_COMPLETION_INDEX: i }, 'run', TINY_PATH, '--out', join(root, `s${i}`), '--shard', 'auto/2', '--workers', '2', '--json');
    assert.is(r.status, 0, r.stderr);
    assert.is(JSON.parse(r.stdout).cells, 4);
  }
  const whole = scalelab({}, 'run', TINY_PATH, '--out', join(root, 'whole'), '--workers', '2', '--json');
  assert.is(whole.status, 0, whole.stderr);
  const m = scalelab({}, 'merge', join(root, 's1'), join(root, 's0'), '--out', join(root, 'merged'));
  assert.is(m.status, 0, m.stderr);
  assert.match(m.stdout, /^merged 2 shard folders: 8 cells → .*merged\/records\.jsonl$/m);
  assert.is(readFileSync(join(root, 'merged', 'records.jsonl'), 'utf8'), readFileSync(join(root, 'whole', 'records.jsonl'), 'utf8'));
  const missing = scalelab({}, 'merge', join(root, 's1'), '--out', join(root, 'merged2'));
  assert.is(missing.status, 2);
  assert.match(missing.stderr, /^scalelab: 4 missing cells of 8: .* \(shard 0\/2 not given\)$/m);
});

test('scalelab run --backend k8s-jobs without a kubeconfig exits 2 saying where it looked; --parallelism on sim exits 2', () => {
  const root = tempDir('cli-k8s');
  const r = scalelab({ KUBECONFIG: join(root, 'nope.yaml') }, 'run', TINY_PATH, '--out', join(root, 'out'), '--backend', 'k8s-jobs', '--parallelism', '2');
  assert.is(r.status, 2, r.stderr);
  assert.match(r.stderr, /^scalelab: no kubeconfig at .*nope\.yaml: export KUBECONFIG=<file>/m);
  const p = scalelab({}, 'run', TINY_PATH, '--out', join(root, 'out2'), '--parallelism', '2');
  assert.is(p.status, 2);
  assert.match(p.stderr, /^scalelab: --parallelism: only the k8s-jobs backend runs pods \(got --backend sim\)/m);
});

