// The emulated cluster end to end, without Pulumi: the real control plane comes up with kwok nodes, serves
// metrics.k8s.io from the bridge, enforces RBAC on ServiceAccount tokens, and its real HPA controller is compared
// with the simulator's HPA on one workload (the conformance line). `down` leaves no process or port behind.
import { test, before, after } from 'node:test';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminClient, defaultSettings, down, enableAddons, launch, ADDONS } from '../../emulated/control-plane.ts';
import { ensureCerts } from '../../emulated/certs.ts';
import { isRunning, portInUse } from '../../emulated/processes.ts';
import { cleanupConformance, compareSeries, runRealHpa, simulateHpa, type ConformanceHpa } from '../../emulated/conformance.ts';
import type { ClusterState } from '../../emulated/cluster-state.ts';
import type { OpenWorkload } from '../../workloads/workload.ts';

const dir = mkdtempSync(join(tmpdir(), 'scalelab-e2e-cluster-'));
const log = (l: string) => process.stderr.write(`  [e2e] ${l}\n`);
let state: ClusterState;

before(async () => {
  const settings = defaultSettings();
  settings.hpaSyncPeriodSeconds = 5;
  settings.scrapeIntervalSeconds = 5;
  settings.prometheusPort = 30190;
  await launch(dir, settings, log);
  state = await enableAddons(dir, ADDONS, log);
});

after(async () => {
  await down(dir, { keepLogs: true });
  rmSync(dir, { recursive: true, force: true });
});

test('the control plane comes up with a Ready kwok node and the metrics API available', async () => {
  const api = adminClient(dir, state);
  const nodes = await api.get('/api/v1/nodes');
  assert.equal(nodes.items.map((n: any) => n.metadata.name), ['scalelab-0']);
  assert.is(nodes.items[0].status.allocatable.cpu, '4');
  const svc = await api.get('/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.k8s.io');
  assert.ok(svc.status.conditions.some((c: any) => c.type === 'Available' && c.status === 'True'), JSON.stringify(svc.status));
  assert.is((await fetch(`http://127.0.0.1:${state.ports.prometheus}/-/ready`)).status, 200);
});

test('a ServiceAccount token is limited to its Role: get/patch on deployments/scale only (the real API server enforces it)', async () => {
  const api = adminClient(dir, state);
  const ns = 'rbac-check';
  await api.apply(`/api/v1/namespaces/${ns}`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  await api.apply(`/apis/apps/v1/namespaces/${ns}/deployments/web`, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: ns }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } } });
  await api.apply(`/api/v1/namespaces/${ns}/serviceaccounts/agent`, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'agent', namespace: ns } });
  await api.apply(`/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/roles/scale`, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'scale', namespace: ns }, rules: [{ apiGroups: ['apps'], resources: ['deployments/scale'], verbs: ['get', 'patch'] }] });
  await api.apply(`/apis/rbac.authorization.k8s.io/v1/namespaces/${ns}/rolebindings/scale`, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'scale', namespace: ns }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'scale' }, subjects: [{ kind: 'ServiceAccount', name: 'agent', namespace: ns }] });
  const token = (await api.create(`/api/v1/namespaces/${ns}/serviceaccounts/agent/token`, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 600 } })).status.token as string;
  const pki = ensureCerts(join(dir, 'pki'));
  const { request } = await import('node:https');
  const call = (method: string, path: string, body?: unknown) => new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: state.ports.apiserver, method, path, ca: readFileSync(pki.caCert), headers: { authorization: `Bearer ${token}`, 'content-type': 'application/merge-patch+json' } }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
  assert.is(await call('GET', `/apis/apps/v1/namespaces/${ns}/deployments/web/scale`), 200);
  assert.is(await call('PATCH', `/apis/apps/v1/namespaces/${ns}/deployments/web/scale`, { spec: { replicas: 2 } }), 200);
  assert.is(await call('GET', `/apis/apps/v1/namespaces/${ns}/deployments/web`), 403, 'reading the Deployment itself is forbidden');
  assert.is(await call('DELETE', `/apis/apps/v1/namespaces/${ns}/deployments/web`), 403, 'deleting is forbidden');
  assert.is(await call('GET', '/apis/apps/v1/namespaces/default/deployments/web/scale'), 403, 'another namespace is forbidden');
  await api.delete(`/api/v1/namespaces/${ns}`);
});

const hpa: ConformanceHpa = {
  targetCpuUtilization: 50, minReplicas: 1, maxReplicas: 10, syncPeriodSeconds: 5,
  behavior: {
    scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }, { type: 'Pods', value: 4, periodSeconds: 15 }] },
    scaleDown: { stabilizationWindowSeconds: 30, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
  },
};
// 30 req/s, a ramp to 250 req/s (about 10 pods at 50 % of 250m), a plateau, a drop back to 30 req/s.
const workload: OpenWorkload = {
  kind: 'open', name: 'conformance-ramp', durationSeconds: 240,
  rateAt: (t) => (t < 20 ? 30 : t < 100 ? 30 + ((t - 20) / 80) * 220 : t < 150 ? 250 : 30),
};

test('HPA closed-loop conformance: the real HPA controller and the simulator\'s HPA decide alike on one workload', async () => {
  const api = adminClient(dir, state);
  const plant = state.settings.plant;
  const real = await runRealHpa(api, workload, plant, hpa, log);
  const sim = await simulateHpa(workload, plant, hpa, 1);
  const r = compareSeries(real.series, sim, hpa.syncPeriodSeconds, workload.durationSeconds);
  process.stdout.write(`\nHPA closed-loop conformance: ${r.withinOne}/${r.decisions} decisions within 1 replica, median timing offset ${r.medianOffsetSeconds.toFixed(1)} s\n`);
  process.stdout.write(`  real: ${real.series.map((p) => `${p.tSeconds.toFixed(0)}s→${p.replicas}`).join(' ')}\n  sim:  ${sim.map((p) => `${p.tSeconds}s→${p.replicas}`).join(' ')}\n  requests sent: ${real.requests}\n`);
  await cleanupConformance(api);
  assert.ok(r.decisions >= 10, `${r.decisions} decisions`);
  assert.ok(real.series.some((p) => p.replicas >= 5), 'the real HPA scaled out under the ramp');
  assert.ok(real.series[real.series.length - 1].replicas < Math.max(...real.series.map((p) => p.replicas)), 'and back in after the drop');
  assert.ok(r.withinOne / r.decisions >= 0.7, `${r.withinOne}/${r.decisions} within one replica`);
});

test('down stops every process and frees every port', async () => {
  const procs = state.processes;
  await down(dir, { keepLogs: true });
  for (const p of procs) assert.not.ok(isRunning(p), `${p.name} still runs`);
  for (const port of Object.values(state.ports)) assert.not.ok(await portInUse(port), `port ${port} still in use`);
});
