// The real doctor probes against a node:http fake answering in the Kubernetes and Prometheus APIs' documented
// formats (SelfSubjectAccessReview status.allowed; /version gitVersion; Prometheus' {status, data} envelope).
import { after, test } from 'node:test';
import * as assert from 'uvu/assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { realProbes } from '../../../experiments/doctor/probes.ts';

const seen: { path: string; body: string }[] = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    seen.push({ path: req.url ?? '', body });
    res.setHeader('content-type', 'application/json');
    if (req.url === '/version') return res.end(JSON.stringify({ major: '1', minor: '30', gitVersion: 'v1.30.5' }));
    if (req.url === '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews') {
      const review = JSON.parse(body);
      const allowed = review.spec.resourceAttributes.verb !== 'patch';
      return res.end(JSON.stringify({ ...review, status: { allowed, ...(allowed ? {} : { reason: 'no RBAC policy matched' }) } }));
    }
    if (req.url === '/api/v1/status/buildinfo') return res.end(JSON.stringify({ status: 'success', data: { version: '2.45.0', revision: 'x' } }));
    if (req.url === '/api/v1/targets?state=active') return res.end(JSON.stringify({ status: 'success', data: { activeTargets: [{ scrapePool: 'p', scrapeUrl: 'http://a/metrics', health: 'up', labels: {}, scrapeInterval: '30s' }], droppedTargets: [] } }));
    res.statusCode = 404;
    res.end('{}');
  });
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const kubeconfig = `apiVersion: v1\nclusters: [{name: c, cluster: {server: "${url}"}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\nusers: [{name: u, user: {token: abc}}]\n`;

test('doctor probes: server version and a SelfSubjectAccessReview per question, with the subresource', async () => {
  const kube = realProbes({}).kube(kubeconfig);
  assert.is(await kube.serverVersion(), 'v1.30.5');
  assert.is(await kube.canI({ verb: 'get', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'n' }), true);
  assert.is(await kube.canI({ verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'n' }), false);
  const sent = JSON.parse(seen.filter((s) => s.path.includes('selfsubjectaccessreviews'))[0].body);
  assert.equal(sent, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb: 'get', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'n' } } });
});

test('doctor probes: Prometheus build info and active targets', async () => {
  const prom = realProbes({}).prometheus(url);
  assert.is(await prom.version(), '2.45.0');
  assert.equal((await prom.targets()).map((t) => t.scrapeInterval), ['30s']);
});

test('doctor probes: the backend URL comes from PULUMI_BACKEND_URL, else none without credentials', async () => {
  assert.is(await realProbes({ PULUMI_BACKEND_URL: 'file:///tmp/state' }).pulumiBackendUrl(), 'file:///tmp/state');
  assert.is(await realProbes({ PULUMI_HOME: '/nonexistent-pulumi-home' }).pulumiBackendUrl(), null);
});

test('doctor probes: a tool that is not on PATH is null', async () => {
  assert.is(await realProbes({ PATH: '/nonexistent' }).toolVersion('multipass'), null);
});

after(() => { server.close(); });
