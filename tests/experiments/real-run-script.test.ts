// experiments/real-run.mjs runs under the real zx (npx zx) and reaches the library's checks: with the fake pulumi
// of tests/fixtures/kube-backend on PATH it prints real-smoke's estimate and stops (--estimate-only), and refuses
// `standard` on the committed cluster with exit 2.
import { test, after } from 'node:test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '../..');
const fakeDir = mkdtempSync(join(tmpdir(), 'scalelab-zx-'));
writeFileSync(join(fakeDir, 'cluster-outputs.json'), JSON.stringify({ kubeconfig: 'clusters: [{name: a, cluster: {server: "http://127.0.0.1:1"}}]\n', prometheusUrl: 'http://127.0.0.1:1' }));
writeFileSync(join(fakeDir, 'cluster-config.json'), JSON.stringify({ 'scalelab:stackKind': { value: 'cluster' }, 'scalelab:vmCpus': { value: '4' }, 'scalelab:vmMemoryGiB': { value: '8' } }));
const env = { ...process.env, PATH: `${resolve(repo, 'tests/fixtures/kube-backend/bin')}:${process.env.PATH}`, FAKE_DIR: fakeDir, PULUMI_CONFIG_PASSPHRASE: '', PULUMI_SKIP_UPDATE_CHECK: 'true' };
const zx = (...args: string[]) => spawnSync(process.execPath, [resolve(repo, 'node_modules/zx/build/cli.js'), 'experiments/real-run.mjs', ...args], { cwd: repo, env, encoding: 'utf8', timeout: 120_000 });

after(() => rmSync(fakeDir, { recursive: true, force: true }));

test('`npx zx experiments/real-run.mjs real-smoke --estimate-only` prints the estimate from the library checks and exits 0', () => {
  const r = zx('real-smoke', '--estimate-only');
  assert.is(r.status, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /real-time estimate: 4 cells, 1\.\d h/);
  assert.match(r.stdout, /peak requests: /);
});

test('the script refuses standard on the committed cluster with exit 2 and what to change', () => {
  const r = zx('standard', '--estimate-only');
  assert.is(r.status, 2, r.stderr + r.stdout);
  assert.match(r.stdout + r.stderr, /does not fit/);
});
