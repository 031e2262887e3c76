import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { parseKubeconfig } from '../../../experiments/kube/kube-api.ts';

test('a MicroK8s-style kubeconfig (client certificate) and a token kubeconfig both parse', () => {
  const cert = `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${Buffer.from('CA').toString('base64')}
    server: https://10.20.30.40:16443
  name: microk8s-cluster
contexts:
- context:
    cluster: microk8s-cluster
    user: admin
  name: microk8s
current-context: microk8s
kind: Config
users:
- name: admin
  user:
    client-certificate-data: ${Buffer.from('CERT').toString('base64')}
    client-key-data: ${Buffer.from('KEY').toString('base64')}
`;
  const c = parseKubeconfig(cert);
  assert.is(c.server, 'https://10.20.30.40:16443');
  assert.equal([c.ca?.toString(), c.cert?.toString(), c.key?.toString(), c.token], ['CA', 'CERT', 'KEY', undefined]);
  const t = parseKubeconfig('clusters: [{name: a, cluster: {server: "http://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: abc}}]\ncontexts: [{name: c, context: {cluster: a, user: u}}]\n');
  assert.equal([t.server, t.token], ['http://127.0.0.1:1', 'abc']);
  assert.throws(() => parseKubeconfig('kind: Config\n'), /no cluster server/);
});
