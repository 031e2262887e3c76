// The k8s-jobs backend against a node:http fake of the Kubernetes API (no API server runs here): the objects it
// creates validate against the Kubernetes schemas, each shard's pod work runs in this process with its index (the
// fake has no Job controller or kubelet; tests/e2e/k8s-jobs.test.ts runs real pods on the emulated cluster), the
// records come back through ConfigMaps and equal an unsharded local run's byte for byte, and the Job and namespace
// are deleted whatever happens.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { loadExperiment } from '../../../experiments/load-experiment.ts';
import { runExperiment } from '../../../experiments/runner.ts';
import { simBackend } from '../../../experiments/backends.ts';
import { expandCells, type Cell } from '../../../experiments/cells.ts';
import { codeVersion } from '../../../experiments/code-version.ts';
import { k8sJobsBackend, sweepNamespace, type ShardExecutor } from '../../../experiments/k8s-jobs/k8s-jobs-backend.ts';
import { kubeRest } from '../../../experiments/k8s-jobs/kube-rest.ts';
import type { CellRunner } from '../../../experiments/k8s-jobs/sweep-cells.ts';
import { validateManifest } from '../../../stacks/manifests/validate-manifest.ts';
import { TINY_PATH, tempDir } from '../helpers/tiny.ts';
import { startFakeKube, type FakeKube } from './helpers/fake-kube-objects.ts';
import { inProcessShards } from './helpers/in-process-pods.ts';

const loaded = await loadExperiment(TINY_PATH);
const whole = await runExperiment({ def: loaded.def, outDir: tempDir('k8s-whole'), baseDir: loaded.baseDir, workers: 2, backend: simBackend, backendName: 'sim' });
const expectedLines = readFileSync(whole.recordsPath, 'utf8').trim().split('\n');
const cells = expandCells(loaded.def, { codeVersion: codeVersion() });
/** The simulator's own lines for these cells (from the real run above), for tests about transport, not simulation. */
const replay: CellRunner = async (cs, o) => { for (const c of cs) o.onLine(c, expectedLines[c.index]); };

const completeJob = (fake: FakeKube, inner: ShardExecutor): ShardExecutor => async (sweep) => {
  await inner(sweep);
  fake.setJobStatus(sweep.namespace, sweep.jobName, { succeeded: sweep.parallelism, completedIndexes: `0-${sweep.parallelism - 1}`, conditions: [{ type: 'Complete', status: 'True' }] });
  await sweep.waitForJob();
};

async function runBackend(fake: FakeKube, executeShards: ShardExecutor, parallelism: number, baseDir = loaded.baseDir) {
  const lines: { cell: Cell; line: string }[] = [];
  const logs: string[] = [];
  const backend = k8sJobsBackend({ connect: async () => kubeRest({ server: fake.url }), executeShards, nameSuffix: () => 'abc', pollMs: 1, log: (l) => logs.push(l), handleSignals: false, image: 'registry.example/scalelab-sweep:test' });
  await backend.run(cells, { workers: 1, baseDir, parallelism, onLine: (cell, line) => lines.push({ cell, line }) });
  return { lines, logs };
}

const NS = sweepNamespace('tiny', 'abc');

test('k8s-jobs: an Indexed Job of 3 pods; shards run with their index; records return through ConfigMaps equal to a local run, in cell order; everything is deleted', async () => {
  const fake = await startFakeKube();
  let resultMaps = 0;
  try {
    const { lines } = await runBackend(fake, completeJob(fake, async (sweep) => {
      await inProcessShards({ workers: 2, waitForJob: false })(sweep);
      resultMaps = [...fake.objects.keys()].filter((k) => k.includes('/configmaps/result-')).length;
    }), 3);
    assert.equal(lines.map((l) => l.line), expectedLines);
    assert.equal(lines.map((l) => l.cell.index), cells.map((c) => c.index));
    assert.is(resultMaps, 3, 'one result ConfigMap per shard (each well under the size limit)');
    assert.equal(fake.created.filter((o) => o.metadata.namespace === NS || o.kind === 'Namespace').map((o) => o.kind).slice(0, 6), ['Namespace', 'ServiceAccount', 'Role', 'RoleBinding', 'ConfigMap', 'Job']);
    for (const m of fake.created) validateManifest(m);
    const job = fake.created.find((o) => o.kind === 'Job') as any;
    assert.equal([job.spec.completionMode, job.spec.completions, job.spec.parallelism], ['Indexed', 3, 3]);
    assert.equal(job.spec.template.spec.containers[0].args.slice(0, 4), ['sweep-shard', '/sweep/cells.json.gz', '--shard', 'auto/3']);
    assert.is(fake.objects.size, 0, 'the namespace and everything in it are gone');
    const deletes = fake.requests.filter((r) => r.method === 'DELETE').map((r) => r.path);
    assert.equal(deletes, [`/apis/batch/v1/namespaces/${NS}/jobs/sweep?propagationPolicy=Background`, `/api/v1/namespaces/${NS}`]);
  } finally {
    await fake.close();
  }
});

test('k8s-jobs: more pods asked than cells → one pod per cell', async () => {
  const fake = await startFakeKube();
  try {
    const { lines, logs } = await runBackend(fake, completeJob(fake, inProcessShards({ runCells: replay, waitForJob: false })), 50);
    assert.is((fake.created.find((o) => o.kind === 'Job') as any).spec.parallelism, 8);
    assert.equal(lines.map((l) => l.line), expectedLines);
    assert.ok(logs.some((l) => l.includes('--parallelism 50 > 8 cells')));
  } finally {
    await fake.close();
  }
});

const failures: { name: string; executor: (fake: FakeKube) => ShardExecutor; error: RegExp }[] = [
  {
    name: 'a pod whose image runs other code refuses its shard, and the message says to rebuild the image',
    executor: (fake) => completeJob(fake, inProcessShards({ runCells: replay, codeVersion: 'ffffffffffffffff', waitForJob: false })),
    error: /^shard 0\/2 failed: this image runs code ffffffffffffffff, the runner's checkout is [0-9a-f]{16}: rebuild the sweep image/,
  },
  {
    name: 'a shard that wrote no result is named',
    executor: (fake) => completeJob(fake, async (sweep) => {
      await inProcessShards({ runCells: replay, waitForJob: false })(sweep);
      fake.objects.delete(`/api/v1/namespaces/${sweep.namespace}/configmaps/result-1-0`);
    }),
    error: /results are incomplete:\nshard 1\/2: no result/,
  },
  {
    name: 'a record of another configuration is refused naming the cell',
    executor: (fake) => completeJob(fake, inProcessShards({ waitForJob: false, runCells: async (cs, o) => { for (const c of cs) o.onLine(c, c.index === 2 ? expectedLines[2].replace(`"hash":"${c.config.hash}"`, '"hash":"0000000000000000"') : expectedLines[c.index]); } })),
    error: /shard 0\/2: cell spike\/kpa\/7 was run with another configuration \(hash 0000000000000000/,
  },
  {
    name: 'a failed Job (the controller gave up on an index) fails the run naming the failed shards',
    executor: (fake) => async (sweep) => {
      fake.setJobStatus(sweep.namespace, sweep.jobName, { failed: 2, failedIndexes: '1', conditions: [{ type: 'Failed', status: 'True', reason: 'FailedIndexes', message: 'Job has failed indexes' }] });
      await sweep.waitForJob();
    },
    error: /^Job scalelab-sweep-tiny-abc\/sweep failed \(FailedIndexes: Job has failed indexes; failed shards 1\)\nshard 0\/2: no result/,
  },
];
for (const f of failures) {
  test(`k8s-jobs: ${f.name}; the Job and namespace are still deleted`, async () => {
    const fake = await startFakeKube();
    try {
      await runBackend(fake, f.executor(fake), 2).then(
        () => assert.unreachable('the sweep must fail'),
        (err: Error) => assert.match(err.message, f.error),
      );
      assert.is(fake.objects.size, 0);
    } finally {
      await fake.close();
    }
  });
}

test('k8s-jobs: Ctrl-C while waiting for the pods stops the wait, deletes the Job and namespace, and exits 130', async () => {
  const fake = await startFakeKube();
  const listenersBefore = process.listenerCount('SIGINT');
  try {
    const backend = k8sJobsBackend({ connect: async () => kubeRest({ server: fake.url }), nameSuffix: () => 'sig', pollMs: 60_000, log: () => {}, image: 'registry.example/scalelab-sweep:test' });
    const running = backend.run(cells, { workers: 1, baseDir: loaded.baseDir, parallelism: 2, onLine: () => assert.unreachable('no records') });
    // Let it create the objects and start waiting (the fake's Job never completes), then interrupt.
    for (let i = 0; i < 200 && !fake.objects.has(`/apis/batch/v1/namespaces/${sweepNamespace('tiny', 'sig')}/jobs/sweep`); i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 50));
    process.emit('SIGINT', 'SIGINT');
    await running.then(
      () => assert.unreachable('must be interrupted'),
      (err: Error & { exitCode?: number }) => {
        assert.is(err.name, 'UserError');
        assert.is(err.exitCode, 130);
        assert.match(err.message, /^interrupted \(SIGINT\): the Job and namespace scalelab-sweep-tiny-sig were deleted/);
      },
    );
    assert.is(fake.objects.size, 0);
    assert.is(process.listenerCount('SIGINT'), listenersBefore, 'the handler is removed again');
  } finally {
    await fake.close();
  }
});

test('k8s-jobs: an experiment outside the repository is refused before anything is created', async () => {
  const fake = await startFakeKube();
  try {
    await runBackend(fake, completeJob(fake, inProcessShards({ runCells: replay, waitForJob: false })), 2, '/tmp').then(
      () => assert.unreachable('must refuse'),
      (err: Error) => {
        assert.is(err.name, 'UserError');
        assert.match(err.message, /the experiment's folder \/tmp is outside/);
      },
    );
    assert.is(fake.requests.length, 0);
  } finally {
    await fake.close();
  }
});

