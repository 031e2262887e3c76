// `scalelab run --backend k8s-jobs` end to end through the CLI and the runner, against the node:http fake of the
// Kubernetes API (KUBECONFIG points at it) with SCALELAB_SHARD_EXECUTOR=local, the mode for a cluster whose pods
// run no containers: the records file and experiment.json equal an unsharded local run's byte for byte.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TINY_PATH, tempDir } from '../experiments/helpers/tiny.ts';
import { startFakeKube } from '../experiments/k8s-jobs/helpers/fake-kube-objects.ts';

const BIN = fileURLToPath(new URL('../../bin/scalelab.js', import.meta.url));
const scalelab = (env: Record<string, string>, ...args: string[]) =>
  new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, SCALELAB_QUIET: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

test('scalelab run --backend k8s-jobs --parallelism 3 writes the same files as a local run, and leaves nothing on the cluster', async () => {
  const fake = await startFakeKube({ autoCompleteJobs: true });
  const root = tempDir('cli-k8s-jobs');
  try {
    const kubeconfig = join(root, 'kubeconfig');
    writeFileSync(kubeconfig, `apiVersion: v1\nclusters: [{name: c, cluster: {server: "${fake.url}"}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\nusers: [{name: u, user: {token: t}}]\n`);
    const remote = await scalelab({ KUBECONFIG: kubeconfig, SCALELAB_SHARD_EXECUTOR: 'local' }, 'run', TINY_PATH, '--backend', 'k8s-jobs', '--parallelism', '3', '--workers', '2', '--out', join(root, 'remote'), '--json');
    assert.is(remote.status, 0, remote.stderr);
    assert.match(remote.stderr, /\[k8s-jobs\] namespace scalelab-sweep-tiny-[a-z0-9]+: Indexed Job of 3 pods/);
    assert.match(remote.stderr, /\[k8s-jobs\] collected 8 records from 3 shards/);
    const local = await scalelab({}, 'run', TINY_PATH, '--workers', '2', '--out', join(root, 'local'), '--json');
    assert.is(local.status, 0, local.stderr);
    for (const f of ['records.jsonl', 'experiment.json']) assert.is(readFileSync(join(root, 'remote', f), 'utf8'), readFileSync(join(root, 'local', f), 'utf8'), f);
    assert.is(fake.objects.size, 0, 'Job and namespace deleted');
    assert.is(fake.created.filter((o) => o.kind === 'Job').length, 1);
    const again = await scalelab({ KUBECONFIG: kubeconfig, SCALELAB_SHARD_EXECUTOR: 'local' }, 'run', TINY_PATH, '--backend', 'k8s-jobs', '--out', join(root, 'remote'), '--json');
    assert.is(again.status, 0, again.stderr);
    assert.is(JSON.parse(again.stdout).skipped, 8, 'a rerun resumes: nothing is submitted');
    assert.is(fake.created.filter((o) => o.kind === 'Job').length, 1);
  } finally {
    await fake.close();
  }
});

