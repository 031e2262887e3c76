// What the emulated cluster's bridge runs for a Job pod (emulated/bridge/local-container.ts): the pod is built the
// way the real control plane builds it from our own sweep Job (stacks/manifests/indexed-job.ts): the Job controller
// adds the annotation batch.kubernetes.io/job-completion-index and JOB_COMPLETION_INDEX as a fieldRef to it
// (Kubernetes docs, "Job: completion mode Indexed"); the ServiceAccount admission adds the kube-api-access projected
// volume at /var/run/secrets/kubernetes.io/serviceaccount.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { buildSweepJob } from '../../stacks/manifests/indexed-job.ts';
import { imageRepository, localEntrypoint, localPath, localProcessFor, podField } from '../../emulated/bridge/local-container.ts';
import { terminatedStatus } from '../../emulated/bridge/job-pods.ts';

const SA = '/var/run/secrets/kubernetes.io/serviceaccount';

function podOf(job: any, index: number, image?: string): any {
  const t = job.spec.template;
  const container = { ...t.spec.containers[0], ...(image ? { image } : {}) };
  return {
    metadata: { name: `sweep-${index}-abcde`, namespace: job.metadata.namespace, uid: 'u-1', labels: t.metadata.labels, annotations: { 'batch.kubernetes.io/job-completion-index': String(index) } },
    spec: {
      ...t.spec,
      containers: [{
        ...container,
        env: [...container.env, { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" } } }],
        volumeMounts: [...container.volumeMounts, { name: 'kube-api-access-x1', mountPath: SA, readOnly: true }],
      }],
      volumes: [...t.spec.volumes, { name: 'kube-api-access-x1', projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3607 } }] } }],
      nodeName: 'scalelab-0',
    },
  };
}

const job = buildSweepJob({ namespace: 'scalelab-sweep-tiny-abc', name: 'sweep', image: 'ghcr.io/scalelab/sweep:0.1.0', parallelism: 3, cellsGzipBase64: '', cpuRequestMilli: 1000, memoryRequestMiB: 1024, backoffLimitPerIndex: 1, activeDeadlineSeconds: 60 }) as any;
const mounts = new Map([['/sweep', '/state/pods/p/volumes/cells'], [SA, '/state/pods/p/volumes/kube-api-access-x1']]);
const o = { repoRoot: '/repo', nodePath: '/usr/bin/node', mounts, extraEnv: { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '6443' } };

test('image references: registry, tag and digest are dropped (Docker reference grammar: a first part with "." or ":" or "localhost" is a host)', () => {
  const rows: [string, string][] = [
    ['ghcr.io/scalelab/sweep:0.1.0', 'scalelab/sweep'],
    ['registry.example/scalelab-sweep:test', 'scalelab-sweep'],
    ['localhost:5000/scalelab-sweep', 'scalelab-sweep'],
    ['localhost/team/scalelab-sweep:1', 'team/scalelab-sweep'],
    ['scalelab-sweep@sha256:0123abcd', 'scalelab-sweep'],
    ['library/nginx:1.27', 'library/nginx'],
    ['nginx', 'nginx'],
  ];
  for (const [image, repo] of rows) assert.is(imageRepository(image), repo, image);
});

test('only scalelab\'s sweep image maps to a local entrypoint: this checkout\'s bin/scalelab.js, run by node from the repository', () => {
  assert.equal(localEntrypoint('ghcr.io/scalelab/sweep:0.1.0', '/repo', '/usr/bin/node'), { command: '/usr/bin/node', args: ['/repo/bin/scalelab.js'], cwd: '/repo' });
  assert.ok(localEntrypoint('my.registry:5000/lab/scalelab-sweep:v2', '/repo', 'node'));
  for (const other of ['nginx:1.27', 'ghcr.io/scalelab/agent:0.1.0', 'ghcr.io/scalelab/sweeper:1', 'busybox']) assert.is(localEntrypoint(other, '/repo', 'node'), undefined, other);
});

test('a sweep pod runs `scalelab sweep-shard` with the cells path inside its local volume and JOB_COMPLETION_INDEX from its annotation', () => {
  const p = localProcessFor(podOf(job, 2), o);
  if (!p.ok) throw new Error(p.reason);
  assert.is(p.command, '/usr/bin/node');
  assert.equal(p.args, ['/repo/bin/scalelab.js', 'sweep-shard', '/state/pods/p/volumes/cells/cells.json.gz', '--shard', 'auto/3', '--workers', '1']);
  assert.is(p.cwd, '/repo');
  assert.equal(p.env, { SCALELAB_QUIET: '1', SCALELAB_JOB_PODS: '3', JOB_COMPLETION_INDEX: '2', KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '6443' });
  assert.is(p.container, 'sweep');
});

test('pods this emulator cannot run faithfully are refused with the reason', () => {
  const withCommand = podOf(job, 0);
  withCommand.spec.containers[0].command = ['sh', '-c', 'true'];
  const secretEnv = podOf(job, 0);
  secretEnv.spec.containers[0].env.push({ name: 'TOKEN', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } });
  const rows: [string, any, RegExp][] = [
    ['another image', podOf(job, 0, 'nginx:1.27'), /image nginx:1\.27 is not one of scalelab's images/],
    ['a command replacing the entrypoint', withCommand, /sets command \["sh","-c","true"\], which replaces the image's entrypoint/],
    ['env from a Secret', secretEnv, /env TOKEN: only value and valueFrom\.fieldRef/],
  ];
  for (const [name, pod, reason] of rows) {
    const p = localProcessFor(pod, o);
    assert.is(p.ok, false, name);
    if (!p.ok) assert.match(p.reason, reason, name);
  }
});

test('downward-API fields and mount paths resolve as the kubelet resolves them', () => {
  const pod = podOf(job, 1);
  assert.is(podField(pod, 'metadata.namespace'), 'scalelab-sweep-tiny-abc');
  assert.is(podField(pod, "metadata.labels['app.kubernetes.io/component']"), 'sweep');
  assert.is(podField(pod, 'spec.nodeName'), 'scalelab-0');
  assert.is(podField(pod, 'status.podIP'), undefined);
  assert.is(localPath('/sweep', mounts), '/state/pods/p/volumes/cells');
  assert.is(localPath('/sweeper/x', mounts), '/sweeper/x', 'a prefix that is not a path component is not a mount');
  assert.is(localPath(`${SA}/token`, mounts), '/state/pods/p/volumes/kube-api-access-x1/token');
});

test('an exit code becomes the pod status the Job controller counts: 0 → Succeeded/Completed, else Failed/Error', () => {
  const at = '2026-12-06T00:00:00Z';
  const ok = terminatedStatus({ container: 'sweep', image: 'i', exitCode: 0, startedAt: at, finishedAt: at }) as any;
  assert.is(ok.status.phase, 'Succeeded');
  assert.equal(ok.status.containerStatuses[0].state.terminated, { exitCode: 0, reason: 'Completed', startedAt: at, finishedAt: at });
  assert.equal(ok.status.conditions.map((c: any) => `${c.type}=${c.status}`), ['Initialized=True', 'Ready=False', 'ContainersReady=False', 'PodScheduled=True']);
  const failed = terminatedStatus({ container: 'sweep', image: 'i', exitCode: 137, startedAt: at, finishedAt: at }) as any;
  assert.is(failed.status.phase, 'Failed');
  assert.is(failed.status.containerStatuses[0].state.terminated.reason, 'Error');
  assert.is(failed.status.containerStatuses[0].state.terminated.exitCode, 137);
});
