// `scalelab run --backend k8s-jobs` and `scalelab submit` against the emulated cluster: the real API server (RBAC,
// ServiceAccount tokens), the real Job controller and scheduler, kwok nodes; the bridge runs each Job pod's
// container (the sweep image's entrypoint, i.e. bin/scalelab.js from this checkout) as a local process with its
// JOB_COMPLETION_INDEX and its ServiceAccount token, and reports its exit code in the pod's status. A watch on the
// API records every state of the Jobs and pods. Needs `npm run tools`; fails (never skips) when a tool is missing.
import { test, before, after } from 'node:test';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { adminClient, clusterFiles, defaultSettings, down, launch } from '../../emulated/control-plane.ts';
import type { ClusterState } from '../../emulated/cluster-state.ts';
import { repoRoot, stateDir } from '../../emulated/paths.ts';
import { watchObjects, type Watched } from './helpers/watch-objects.ts';

const env = { SCALELAB_EMULATED_DIR: join(repoRoot, '.tmp', 'e2e-k8s-jobs') };
const dir = stateDir(env);
const work = join(repoRoot, '.tmp', 'e2e-k8s-jobs-work');
const TINY = join(repoRoot, 'tests', 'experiments', 'fixtures', 'tiny.json');
const BIN = join(repoRoot, 'bin', 'scalelab.js');
const log = (l: string) => process.stderr.write(`  [e2e] ${l}\n`);
let state: ClusterState;
let kubeconfig: string;

before(async () => {
  await down(dir);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const settings = defaultSettings();
  settings.prometheusPort = 30290; // not the lead's 30090 nor the other e2e files' 30190
  // Short kwok start-up (1.6–2.5 s) and readiness (1 s) delays: the Job pods' work is what this file tests.
  settings.plant = { ...settings.plant, startupMedianSeconds: 2, startupSigma: 0.2, readinessDelaySeconds: 1 };
  const t0 = Date.now();
  state = await launch(dir, settings, log);
  log(`cluster up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  kubeconfig = clusterFiles(dir).kubeconfig('admin');
});

after(async () => {
  await down(dir, { keepLogs: true });
  rmSync(work, { recursive: true, force: true });
});

function scalelab(args: string[], o: { onStderr?: (text: string) => void } = {}) {
  return new Promise<{ status: number | null; stdout: string; stderr: string; seconds: number }>((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env, KUBECONFIG: kubeconfig, SCALELAB_QUIET: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => {
      stderr += c;
      o.onStderr?.(stderr);
    });
    child.on('close', (status) => resolve({ status, stdout, stderr, seconds: (Date.now() - t0) / 1000 }));
  });
}

/** Waits until the namespace is gone from the API (deletion finishes after the namespace controller emptied it). */
async function namespaceGone(ns: string, timeoutMs = 90_000): Promise<boolean> {
  const api = adminClient(dir, state);
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 500))) {
    const res = await api.raw('GET', `/api/v1/namespaces/${ns}`);
    if (res.status === 404) return true;
  }
  return false;
}

const sweepNamespaces = (w: Watched) => [...new Set(w.jobs.map((j) => j.object.metadata.namespace as string))];
const podIndex = (p: any) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index'];

test('run --backend k8s-jobs --parallelism 3: an Indexed Job whose pods run one shard each; records equal a sim run; Job and namespace deleted', async () => {
  const watch = await watchObjects(dir, state);
  const remote = await scalelab(['run', TINY, '--backend', 'k8s-jobs', '--parallelism', '3', '--out', join(work, 'remote'), '--json']);
  const seen = await watch.stop();
  log(`k8s-jobs run: ${remote.seconds.toFixed(1)} s`);
  assert.is(remote.status, 0, remote.stderr);
  assert.match(remote.stderr, /\[k8s-jobs\] namespace scalelab-sweep-tiny-[a-z0-9]+: Indexed Job of 3 pods \(ghcr\.io\/scalelab\/sweep:0\.1\.0\) for 8 cells/);
  assert.match(remote.stderr, /\[k8s-jobs\] collected 8 records from 3 shards/);

  const [ns] = sweepNamespaces(seen);
  assert.equal(sweepNamespaces(seen), [ns], 'one sweep namespace');
  const job = seen.jobs[0].object;
  assert.equal([job.spec.completionMode, job.spec.completions, job.spec.parallelism], ['Indexed', 3, 3]);
  const finalJob = seen.jobs.filter((e) => e.type !== 'DELETED').at(-1)!.object;
  assert.ok(finalJob.status.conditions.some((c: any) => c.type === 'Complete' && c.status === 'True'), JSON.stringify(finalJob.status));
  assert.is(finalJob.status.succeeded, 3);
  assert.is(finalJob.status.completedIndexes, '0-2');

  // Every pod: its own index (annotation, set by the Job controller), Succeeded with exit code 0 in its status.
  const pods = new Map<string, any[]>();
  for (const e of seen.pods) pods.set(e.object.metadata.name, [...(pods.get(e.object.metadata.name) ?? []), e.object]);
  assert.is(pods.size, 3, [...pods.keys()].join(' '));
  const byIndex = new Map([...pods.values()].map((states) => [podIndex(states[0]), states]));
  assert.equal([...byIndex.keys()].sort(), ['0', '1', '2']);
  for (const [index, states] of byIndex) {
    const done = states.find((p) => p.status?.phase === 'Succeeded');
    assert.ok(done, `pod of index ${index} reached Succeeded (phases seen: ${states.map((p) => p.status?.phase).join(',')})`);
    assert.is(done.status.containerStatuses[0].state.terminated.exitCode, 0);
    assert.ok(states.some((p) => p.status?.phase === 'Running'), 'kwok reported it Running before it ran');
    // What the process itself printed: the shard of its JOB_COMPLETION_INDEX, with that shard's cells (8 cells: 3, 3, 2).
    const podLog = readFileSync(join(dir, 'logs', 'pods', `${ns}_${states[0].metadata.name}.log`), 'utf8');
    assert.match(podLog, new RegExp(`^shard ${index}/3: ${[3, 3, 2][Number(index)]} records written to namespace ${ns}$`, 'm'));
  }

  const local = await scalelab(['run', TINY, '--backend', 'sim', '--out', join(work, 'local'), '--json']);
  assert.is(local.status, 0, local.stderr);
  for (const f of ['records.jsonl', 'experiment.json']) assert.ok(readFileSync(join(work, 'remote', f)).equals(readFileSync(join(work, 'local', f))), `${f} byte-identical`);
  assert.ok(seen.jobs.some((e) => e.type === 'DELETED'), 'the Job was deleted');
  assert.ok(await namespaceGone(ns), `namespace ${ns} still exists`);

  const again = await scalelab(['run', TINY, '--backend', 'k8s-jobs', '--parallelism', '3', '--out', join(work, 'remote'), '--json']);
  assert.is(again.status, 0, again.stderr);
  assert.is(JSON.parse(again.stdout).skipped, 8, 'a rerun resumes: nothing is submitted');
  assert.not.match(again.stderr, /Indexed Job/);
});

test('run --backend k8s-jobs: a failing shard fails the run with exit 1 naming the shard; the Job and namespace are still deleted', async () => {
  // Three cells, one per shard; the middle one (cell 1 → shard 1) reads a trace that is gone by the time its pod runs
  // (the runner checked it when it loaded the experiment, as for a trace missing from the sweep image).
  const exp = join(work, 'failing');
  mkdirSync(exp, { recursive: true });
  copyFileSync(join(repoRoot, 'data', 'traces', 'twitter-2021-08.rpm.csv'), join(exp, 'trace.csv'));
  const scenario = (name: string) => ({ name, workload: { type: 'scenario', scenario: 'sudden-spike', baseRps: 50, peakRps: 200, durationSeconds: 120 } });
  writeFileSync(join(exp, 'failing.json'), JSON.stringify({
    name: 'failing', seeds: [1],
    scenarios: [scenario('a'), { name: 'trace', workload: { type: 'trace', file: 'trace.csv', startSeconds: 565200, durationSeconds: 120, peakRps: 200, spread: 'poisson' } }, scenario('c')],
    autoscalers: [{ name: 'hpa', type: 'hpa', targetCpuUtilization: 70 }],
  }));
  const watch = await watchObjects(dir, state);
  const run = await scalelab(['run', join(exp, 'failing.json'), '--backend', 'k8s-jobs', '--parallelism', '3', '--out', join(work, 'failing-out')], {
    onStderr: (text) => { if (text.includes('[k8s-jobs] namespace') && existsSync(join(exp, 'trace.csv'))) rmSync(join(exp, 'trace.csv')); },
  });
  const seen = await watch.stop();
  log(`failing k8s-jobs run: ${run.seconds.toFixed(1)} s`);
  assert.is(run.status, 1, run.stderr);
  assert.match(run.stderr, /shard 1\/3 failed: .*trace\.csv/);
  assert.not.match(run.stderr, /shard [02]\/3 failed/);
  assert.not.match(run.stderr, /\n\s+at /, 'no stack trace');
  const [ns] = sweepNamespaces(seen);
  const failedPods = seen.pods.filter((e) => e.object.status?.phase === 'Failed').map((e) => e.object);
  assert.ok(failedPods.length >= 1 && failedPods.every((p) => podIndex(p) === '1'), `failed pods: ${failedPods.map(podIndex).join(',')}`);
  assert.is(failedPods[0].status.containerStatuses[0].state.terminated.exitCode, 1);
  const finalJob = seen.jobs.filter((e) => e.type !== 'DELETED').at(-1)!.object;
  assert.ok(finalJob.status.conditions?.some((c: any) => c.type === 'Failed' && c.status === 'True'), JSON.stringify(finalJob.status));
  assert.is(finalJob.status.failedIndexes, '1');
  assert.ok(seen.jobs.some((e) => e.type === 'DELETED'), 'the Job was deleted');
  assert.ok(await namespaceGone(ns), `namespace ${ns} still exists`);
});

test('submit: two tiny training runs as one Indexed Job; each pod\'s model comes back into OUT/<index>/', async () => {
  const config = join(work, 'train.json');
  writeFileSync(config, JSON.stringify({ evalEpisodes: 1 }));
  const watch = await watchObjects(dir, state);
  const out = join(work, 'submit');
  const run = await scalelab(['submit', '--out', out, '--parallelism', '2', '--', 'train', 'dqn', '--steps', '120', '--seed', '{index}', '--config', config]);
  const seen = await watch.stop();
  log(`submit: ${run.seconds.toFixed(1)} s`);
  assert.is(run.status, 0, run.stderr);
  assert.equal(readdirSync(out).sort(), ['0', '1']);
  assert.equal(['0', '1'].map((i) => JSON.parse(readFileSync(join(out, i, 'model', 'provenance.json'), 'utf8')).seed), [0, 1]);
  const job = seen.jobs[0].object;
  assert.equal([job.spec.completionMode, job.spec.completions], ['Indexed', 2]);
  assert.equal([...new Set(seen.pods.filter((e) => e.object.status?.phase === 'Succeeded').map((e) => podIndex(e.object)))].sort(), ['0', '1']);
  assert.ok(await namespaceGone(sweepNamespaces(seen)[0]));
});
