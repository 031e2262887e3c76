import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { buildSweepManifests, type SweepJobSpec } from '../../../stacks/manifests/indexed-job.ts';
import { validateManifest } from '../../../stacks/manifests/validate-manifest.ts';

const spec: SweepJobSpec = { namespace: 'scalelab-sweep-standard-x1', name: 'sweep', image: 'registry.example/scalelab-sweep:0.1.0', parallelism: 4, cellsGzipBase64: 'H4sIAAAAAAAAA6uuBQBDv6ajAgAAAA==', cpuRequestMilli: 2000, memoryRequestMiB: 1536, backoffLimitPerIndex: 1, activeDeadlineSeconds: 3600 };

test('indexed job: every object validates against the Kubernetes schemas, namespace first and Job last', () => {
  const ms = buildSweepManifests(spec);
  for (const m of ms) validateManifest(m);
  assert.equal(ms.map((m) => m.kind), ['Namespace', 'ServiceAccount', 'Role', 'RoleBinding', 'ConfigMap', 'Job']);
  assert.ok(ms.slice(1).every((m) => m.metadata.namespace === spec.namespace));
});

test('indexed job: completion mode Indexed, completions = parallelism = N, each pod runs shard auto/N with workers = requested CPUs', () => {
  const job = buildSweepManifests(spec)[5] as any;
  assert.equal([job.spec.completionMode, job.spec.completions, job.spec.parallelism, job.spec.maxFailedIndexes], ['Indexed', 4, 4, 0]);
  const pod = job.spec.template.spec;
  assert.is(pod.restartPolicy, 'Never');
  assert.is(pod.serviceAccountName, 'sweep');
  assert.equal(pod.containers[0].args, ['sweep-shard', '/sweep/cells.json.gz', '--shard', 'auto/4', '--workers', '2']);
  assert.equal(pod.containers[0].resources.requests, { cpu: '2000m', memory: '1536Mi' });
  assert.is(pod.volumes[0].configMap.name, 'sweep-cells');
});

test('indexed job: the pods may only write ConfigMaps in their own namespace', () => {
  const [, sa, role, binding] = buildSweepManifests(spec) as any[];
  assert.equal(role.rules, [{ apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'get', 'update'] }]);
  assert.equal(binding.subjects, [{ kind: 'ServiceAccount', name: sa.metadata.name, namespace: spec.namespace }]);
  assert.equal(binding.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: role.metadata.name });
});

test('indexed job: a bad image quantity is caught by the validator (the test can fail)', () => {
  const job = buildSweepManifests({ ...spec, memoryRequestMiB: Number.NaN })[5];
  assert.throws(() => validateManifest(job));
});

