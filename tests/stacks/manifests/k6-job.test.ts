import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { buildK6Job, K6_RESULTS } from '../../../stacks/manifests/k6-job.ts';
import { validateManifest } from '../../../stacks/manifests/validate-manifest.ts';
import { sampleSpec } from '../helpers/sample-spec.ts';

test('the k6 Job writes its points gzipped and its summary to a volume a second container serves; nothing goes to the pod log', () => {
  const spec = sampleSpec('hpa');
  const job = buildK6Job(spec, 3600) as any;
  validateManifest(job);
  const [k6, results] = job.spec.template.spec.containers;
  assert.equal(k6.args, ['run', '--quiet', '--no-thresholds', '--out', 'json=/results/k6.ndjson.gz', '/scripts/script.js']);
  assert.not.ok(k6.args.some((a: string) => a.includes('/dev/stdout')));
  assert.equal(k6.env.find((e: { name: string }) => e.name === 'SUMMARY_PATH'), { name: 'SUMMARY_PATH', value: '/results/summary.json' });
  assert.equal(k6.volumeMounts[1], { name: 'results', mountPath: '/results' });
  // The results server: the app's nginx image with the folder as its site root, on the port the backend proxies to.
  assert.is(results.image, spec.app.image);
  assert.equal(results.ports, [{ name: 'results', containerPort: K6_RESULTS.port }]);
  assert.equal(results.volumeMounts, [{ name: 'results', mountPath: '/usr/share/nginx/html', readOnly: true }]);
  assert.equal(job.spec.template.spec.volumes[1], { name: 'results', emptyDir: { sizeLimit: '4Gi' } });
  // Never restarted (a rerun would double the load); bounded life if the stack is never destroyed.
  assert.equal([job.spec.backoffLimit, job.spec.template.spec.restartPolicy, job.spec.activeDeadlineSeconds], [0, 'Never', 3600 + 7200]);
});
