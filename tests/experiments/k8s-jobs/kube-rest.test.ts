// inClusterConnection: what `scalelab sweep-shard` and `scalelab job-pod` use inside a pod — the API server from
// KUBERNETES_SERVICE_HOST/PORT (as the kubelet sets them) and the ServiceAccount files; the emulated cluster's stand-in
// for a pod points SCALELAB_SERVICEACCOUNT_DIR at its copy of those files, as it does for the agent.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { inClusterConnection } from '../../../experiments/k8s-jobs/kube-rest.ts';
import { tempDir } from '../helpers/tiny.ts';

function saDir(namespace: string, token: string): string {
  const dir = tempDir('sa');
  writeFileSync(join(dir, 'token'), `${token}\n`);
  writeFileSync(join(dir, 'ca.crt'), 'CA');
  writeFileSync(join(dir, 'namespace'), namespace);
  return dir;
}

test('in a pod: server from the service env (IPv6 in brackets), token and namespace from the ServiceAccount folder', () => {
  const dir = saDir('scalelab-sweep-x', 'tok');
  const { connection, namespace } = inClusterConnection({ KUBERNETES_SERVICE_HOST: '10.152.183.1', KUBERNETES_SERVICE_PORT: '443' }, dir);
  assert.equal([connection.server, connection.token, namespace], ['https://10.152.183.1:443', 'tok', 'scalelab-sweep-x']);
  assert.is(inClusterConnection({ KUBERNETES_SERVICE_HOST: 'fd00::1' }, dir).connection.server, 'https://[fd00::1]:443');
});

test('SCALELAB_SERVICEACCOUNT_DIR replaces the kubelet\'s mount path; without the service env the error says it is not in a pod', () => {
  const dir = saDir('ns-from-env-dir', 'tok2');
  const { connection, namespace } = inClusterConnection({ KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '6443', SCALELAB_SERVICEACCOUNT_DIR: dir });
  assert.equal([connection.server, connection.token, namespace], ['https://127.0.0.1:6443', 'tok2', 'ns-from-env-dir']);
  assert.throws(() => inClusterConnection({ SCALELAB_SERVICEACCOUNT_DIR: dir }), /not inside a Kubernetes pod: KUBERNETES_SERVICE_HOST is not set/);
});
