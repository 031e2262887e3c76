// Every doctor check, passing and failing, on injected probes (the real tools, stack, API server and Prometheus
// do not exist here). The healthy probes answer in the real formats: `pulumi version` prints "v3.248.0",
// Prometheus' targets carry scrapePool/scrapeUrl/health/labels/scrapeInterval.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { durationSeconds, parseVersion, REQUIRED_ACCESS, runDoctor, type DoctorProbes, type PromTarget } from '../../../experiments/doctor/checks.ts';
import { expandCells } from '../../../experiments/cells.ts';
import type { ExperimentDef } from '../../../experiments/experiment.ts';

/** A real experiment's cells: one 600 s scenario (default plant: 250m / 256 MiB per pod) with the given max replicas. */
const experiment = (maxReplicas: number, autoscalers: ExperimentDef['autoscalers']) => async () => ({
  cells: expandCells({ name: 'e', seeds: [1], plant: { maxReplicas }, scenarios: [{ name: 'spike', workload: { type: 'steady', rps: 10, durationSeconds: 600 } }], autoscalers }),
  loadSecondsOf: () => 600,
});

const cadvisor: PromTarget = { scrapePool: 'serviceMonitor/observability/kube-prom-stack-kube-prome-kubelet/1', scrapeUrl: 'https://10.0.0.5:10250/metrics/cadvisor', health: 'up', labels: { metrics_path: '/metrics/cadvisor', job: 'kubelet' }, scrapeInterval: '15s' };
const nginx: PromTarget = { scrapePool: 'serviceMonitor/scalelab-hpa-spike/nginx/0', scrapeUrl: 'http://10.1.0.7:9113/metrics', health: 'up', labels: { namespace: 'scalelab-hpa-spike', job: 'nginx' }, scrapeInterval: '15s' };

function healthy(over: Partial<DoctorProbes> = {}): DoctorProbes {
  return {
    nodeVersion: () => '20.19.0',
    toolVersion: async (tool) => ({ pulumi: 'v3.248.0\n', multipass: 'multipass   1.14.1\nmultipassd  1.14.1', k6: 'k6 v0.54.0 (go1.23.1, linux/amd64)' })[tool],
    pulumiSdkVersion: () => '3.248.0',
    env: (name) => ({ PULUMI_CONFIG_PASSPHRASE: 'secret' } as Record<string, string>)[name],
    pulumiBackendUrl: async () => 'file:///home/me/.pulumi-state',
    clusterOutputs: async () => ({ kubeconfig: 'apiVersion: v1', prometheusUrl: 'http://10.0.0.5:30090', nodeIp: '10.0.0.5' }),
    kube: () => ({ serverVersion: async () => 'v1.30.5', canI: async () => true }),
    prometheus: () => ({ version: async () => '2.45.0', targets: async () => [cadvisor, nginx] }),
    clusterSize: () => ({ nodeCount: 1, vmCpus: 4, vmMemoryGiB: 8 }),
    experimentCells: experiment(4, [{ name: 'hpa', type: 'hpa' }, { name: 'hybrid', type: 'hybrid' }]),
    ...over,
  };
}

const run = (p: DoctorProbes, experiment?: string) => runDoctor(p, { clusterStack: 'cluster', experiment });
const check = async (p: DoctorProbes, name: string, experiment?: string) => (await run(p, experiment)).checks.find((c) => c.name === name)!;

test('doctor: everything in place → every check passes, ok is true, no fixes', async () => {
  const r = await run(healthy(), 'real-smoke');
  assert.equal(r.checks.map((c) => c.name), ['node', 'pulumi', 'multipass', 'k6', 'pulumi passphrase', 'cluster stack', 'kube access', 'kube permissions', 'prometheus', 'experiment capacity']);
  assert.ok(r.ok, JSON.stringify(r.checks.filter((c) => !c.ok)));
  assert.ok(r.checks.every((c) => c.fix === ''));
  // Hand calculation (k6 local): 4 × (250 + 10) + 100 (agent) = 1140m; 4 × (256 + 16) + 256 = 1344 MiB = 1.31 GiB;
  // 4000 − 1500 = 2500m; 8192 − 3072 = 5120 MiB; time 2 × (600 + 420) s = 0.57 h.
  assert.match(r.checks[9].detail, /^real-smoke: real-time estimate: 2 cells, 0\.6 h .*; peak requests: 1\.14 vCPU, 1\.31 GiB \(cell spike\/hybrid\/1\); the cluster \(1 × 4 vCPU \/ 8 GiB\) leaves 2\.50 vCPU, 5\.00 GiB/);
});

const failures: { name: string; check: string; probes: Partial<DoctorProbes>; detail: RegExp; fix: RegExp; experiment?: string }[] = [
  { name: 'Node 18', check: 'node', probes: { nodeVersion: () => '18.19.0' }, detail: /Node 18\.19\.0; scalelab needs ≥ 20/, fix: /install Node 20/ },
  { name: 'no pulumi', check: 'pulumi', probes: { toolVersion: async (t) => (t === 'pulumi' ? null : 'x 1.0.0') }, detail: /^pulumi is not on PATH$/, fix: /--version 3\.248\.0$/ },
  { name: 'an older pulumi than the SDK', check: 'pulumi', probes: { toolVersion: async () => 'v3.100.0' }, detail: /pulumi v3\.100\.0 is older than .* SDK 3\.248\.0/, fix: /get\.pulumi\.com/ },
  { name: 'another major of pulumi', check: 'pulumi', probes: { toolVersion: async () => 'v4.0.0' }, detail: /another major/, fix: /3\.248\.0/ },
  { name: 'no multipass', check: 'multipass', probes: { toolVersion: async (t) => (t === 'multipass' ? null : 'v3.248.0') }, detail: /^multipass is not on PATH$/, fix: /snap install multipass/ },
  { name: 'no k6', check: 'k6', probes: { toolVersion: async (t) => (t === 'k6' ? null : 'v3.248.0') }, detail: /^k6 is not on PATH/, fix: /snap install k6/ },
  { name: 'local backend without a passphrase', check: 'pulumi passphrase', probes: { env: () => undefined }, detail: /local backend file:\/\/\/home\/me\/\.pulumi-state needs PULUMI_CONFIG_PASSPHRASE/, fix: /^export PULUMI_CONFIG_PASSPHRASE=/ },
  { name: 'not logged in', check: 'pulumi passphrase', probes: { pulumiBackendUrl: async () => null }, detail: /not logged in/, fix: /^pulumi login --local/ },
  { name: 'no cluster stack', check: 'cluster stack', probes: { clusterOutputs: async () => { throw new Error('no stack named \'cluster\' found'); } }, detail: /cannot read stack cluster: no stack named 'cluster' found/, fix: /^pulumi up -s cluster/ },
  { name: 'a stack without prometheusUrl', check: 'cluster stack', probes: { clusterOutputs: async () => ({ kubeconfig: 'x' }) }, detail: /has no prometheusUrl output/, fix: /^pulumi up -s cluster$/ },
  { name: 'an API server that does not answer', check: 'kube access', probes: { kube: () => ({ serverVersion: async () => { throw new Error('connect ECONNREFUSED 10.0.0.5:16443'); }, canI: async () => true }) }, detail: /does not answer: connect ECONNREFUSED/, fix: /multipass start --all/ },
  { name: 'a user who may not patch deployments/scale', check: 'kube permissions', probes: { kube: () => ({ serverVersion: async () => 'v1.30.5', canI: async (q) => q.verb !== 'patch' }) }, detail: /^denied: patch deployments\/scale\.apps$/, fix: /admin kubeconfig/ },
  { name: 'Prometheus unreachable', check: 'prometheus', probes: { prometheus: () => ({ version: async () => { throw new Error('HTTP 503'); }, targets: async () => [] }) }, detail: /http:\/\/10\.0\.0\.5:30090 does not answer: HTTP 503/, fix: /-\/ready/ },
  { name: 'the addon\'s default 30 s scrape', check: 'prometheus', probes: { prometheus: () => ({ version: async () => '2.45.0', targets: async () => [{ ...cadvisor, scrapeInterval: '30s' }, nginx] }) }, detail: /slower than every 15s: serviceMonitor\/observability\/kube-prom-stack-kube-prome-kubelet\/1 every 30s/, fix: /kubelet\.serviceMonitor\.interval/ },
  { name: 'our target down', check: 'prometheus', probes: { prometheus: () => ({ version: async () => '2.45.0', targets: async () => [cadvisor, { ...nginx, health: 'down' }] }) }, detail: /targets down: serviceMonitor\/scalelab-hpa-spike\/nginx\/0 \(down\)/, fix: /\/targets$/ },
  { name: 'no cAdvisor target', check: 'prometheus', probes: { prometheus: () => ({ version: async () => '2.45.0', targets: async () => [nginx] }) }, detail: /no cAdvisor target/, fix: /microk8s enable observability/ },
  {
    name: 'an experiment that does not fit', check: 'experiment capacity', experiment: 'standard',
    probes: { experimentCells: experiment(20, [{ name: 'kpa', type: 'kpa' }]) },
    // 20 × 260 + 100 = 5300m > 2500m; one more node adds 4000 − 250 = 3750m ≥ the 2800m missing → nodeCount 2.
    detail: /peak requests: 5\.30 vCPU, 5\.56 GiB \(cell spike\/kpa\/1\)/, fix: /^pulumi config set -s cluster scalelab:nodeCount 2 /,
  },
];
for (const f of failures) {
  test(`doctor: ${f.name} → the ${f.check} check fails with a one-line fix, and ok is false`, async () => {
    const r = await run(healthy(f.probes), f.experiment ?? 'x');
    const c = r.checks.find((x) => x.name === f.check)!;
    assert.not.ok(c.ok);
    assert.match(c.detail, f.detail);
    assert.match(c.fix, f.fix);
    assert.not.match(c.fix, /\n/);
    assert.not.ok(r.ok);
  });
}

test('doctor: Pulumi Cloud needs no passphrase; a passphrase file counts as set', async () => {
  assert.ok((await check(healthy({ env: () => undefined, pulumiBackendUrl: async () => 'https://api.pulumi.com' }), 'pulumi passphrase')).ok);
  assert.ok((await check(healthy({ env: (n) => (n === 'PULUMI_CONFIG_PASSPHRASE_FILE' ? '/run/secrets/p' : undefined) }), 'pulumi passphrase')).ok);
  assert.ok((await check(healthy({ env: (n) => (n === 'PULUMI_CONFIG_PASSPHRASE' ? '' : undefined) }), 'pulumi passphrase')).ok, 'an exported empty passphrase is a valid one');
});

test('doctor: without pulumi the stack, kube and Prometheus checks fail pointing at the first fix, without calling them', async () => {
  let called = 0;
  const r = await run(healthy({ toolVersion: async () => null, clusterOutputs: async () => { called++; return {}; } }));
  assert.is(called, 0);
  for (const name of ['cluster stack', 'kube access', 'kube permissions', 'prometheus']) assert.not.ok(r.checks.find((c) => c.name === name)!.ok, name);
  assert.match(r.checks.find((c) => c.name === 'kube access')!.fix, /fix the cluster stack check first/);
});

test('doctor: the permissions asked include exactly the agent Role\'s rules', () => {
  const agent = REQUIRED_ACCESS.filter((q) => q.group === 'apps' && q.verb !== 'create').map((q) => `${q.verb} ${q.resource}${q.subresource ? `/${q.subresource}` : ''}`);
  assert.equal(agent, ['get deployments/scale', 'patch deployments/scale', 'get deployments']);
});

test('doctor helpers: versions and Prometheus durations', () => {
  assert.equal(parseVersion('v3.248.0'), [3, 248, 0]);
  assert.equal(parseVersion('k6 v0.54.0 (go1.23.1)'), [0, 54, 0]);
  assert.is(parseVersion('unknown'), null);
  assert.is(durationSeconds('1m30s'), 90);
  assert.is(durationSeconds('15s'), 15);
  assert.is(durationSeconds('500ms'), 0.5);
  assert.is(durationSeconds('15 s'), undefined);
});

