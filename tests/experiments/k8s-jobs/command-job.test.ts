// `scalelab submit` against the node:http fake of the Kubernetes API: two training runs (seeds {index}) as one
// Indexed Job, each index's pod work run in this process (the fake has no kubelet), the folders handed back through
// ConfigMaps equal what each training wrote, and the Job and namespace deleted; a failing pod's message reaches
// the user.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSubmitArgs, submitCommand } from '../../../experiments/k8s-jobs/command-job.ts';
import { kubeRest } from '../../../experiments/k8s-jobs/kube-rest.ts';
import { unpackFolder } from '../../../experiments/k8s-jobs/folder-pack.ts';
import { validateManifest } from '../../../stacks/manifests/validate-manifest.ts';
import { tempDir } from '../helpers/tiny.ts';
import { startFakeKube } from './helpers/fake-kube-objects.ts';
import { inProcessCommands } from './helpers/in-process-pods.ts';

const BIN = fileURLToPath(new URL('../../../bin/scalelab.js', import.meta.url));
const config = join(tempDir('submit-config'), 'train.json');
writeFileSync(config, JSON.stringify({ evalEpisodes: 1 }));

test('submit: two training seeds as one Indexed Job; each pod\'s model comes back into OUT/<index>/; everything is deleted', async () => {
  const fake = await startFakeKube();
  const out = tempDir('submit');
  try {
    const local = inProcessCommands(BIN);
    const dirs = await submitCommand({
      api: kubeRest({ server: fake.url }), args: ['train', 'dqn', '--steps', '120', '--seed', '{index}', '--config', config], parallelism: 2, outDir: out, nameSuffix: 'x', pollMs: 1, log: () => {}, handleSignals: false,
      executor: async (job) => {
        fake.setJobStatus(job.namespace, job.jobName, { succeeded: 2, conditions: [{ type: 'Complete', status: 'True' }] });
        await local(job);
      },
    });
    assert.equal(dirs, [join(out, '0'), join(out, '1')]);
    const seeds = dirs.map((d) => JSON.parse(readFileSync(join(d, 'model', 'provenance.json'), 'utf8')).seed);
    assert.equal(seeds, [0, 1]);
    for (const d of dirs) assert.ok(readFileSync(join(d, 'model', 'q', 'weights.bin')).length > 1000);
    const job = fake.created.find((o) => o.kind === 'Job') as any;
    for (const m of fake.created) validateManifest(m);
    assert.equal([job.spec.completionMode, job.spec.completions, job.spec.parallelism], ['Indexed', 2, 2]);
    assert.equal(job.spec.template.spec.containers[0].args, ['job-pod', '--', 'train', 'dqn', '--steps', '120', '--seed', '{index}', '--config', config]);
    assert.is(fake.objects.size, 0);
  } finally {
    await fake.close();
  }
});

test('submit: a pod whose command fails → the run fails with its exit code and last stderr lines; cleanup still happens', async () => {
  const fake = await startFakeKube();
  try {
    const local = inProcessCommands(BIN);
    await submitCommand({
      api: kubeRest({ server: fake.url }), args: ['train', 'dqn', '--steps', 'many'], parallelism: 1, outDir: tempDir('submit-fail'), nameSuffix: 'y', pollMs: 1, log: () => {}, handleSignals: false,
      executor: async (job) => {
        fake.setJobStatus(job.namespace, job.jobName, { failed: 1, failedIndexes: '0', conditions: [{ type: 'Failed', status: 'True', reason: 'FailedIndexes', message: 'Job has failed indexes' }] });
        await local(job);
      },
    }).then(
      () => assert.unreachable('must fail'),
      (err: Error) => assert.match(err.message, /^pod 0\/1 failed: scalelab train dqn --steps many --out \S+ exited with 2: scalelab: --steps = "many": expected a positive integer/),
    );
    assert.is(fake.objects.size, 0);
  } finally {
    await fake.close();
  }
});

test('submit: only commands that write --out, and without --out', () => {
  assert.throws(() => checkSubmitArgs(['doctor']), /expected one of train, tune-reward, run/);
  assert.throws(() => checkSubmitArgs(['train', 'dqn', '--out', 'x']), /leave --out out/);
  checkSubmitArgs(['tune-reward', '--trials', '4']);
});

test('unpackFolder refuses paths that leave the target folder', () => {
  const dir = tempDir('unpack');
  assert.throws(() => unpackFolder([{ path: '../evil', base64: '' }], dir), /refusing to write "\.\.\/evil"/);
  assert.throws(() => unpackFolder([{ path: '/etc/x', base64: '' }], dir), /refusing/);
});

