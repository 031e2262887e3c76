// The emulated cluster (DESIGN.md §4a): etcd + kube-apiserver (RBAC, ServiceAccount tokens, aggregation) +
// kube-controller-manager (the real HPA, Deployment, ReplicaSet, Job controllers) + kube-scheduler + kwok nodes,
// and the data-plane bridge; addons add the metrics API (served by the bridge) and Prometheus. All on 127.0.0.1.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCerts, type CertPaths } from './certs.ts';
import { readState, writeState, type ClusterState, type EmulatedSettings } from './cluster-state.ts';
import { kubeconfigYaml } from './kubeconfig.ts';
import { kwokStagesYaml } from './kwok-stages.ts';
import { createKubeClient, KubeApiError, type KubeClient } from './kube-client.ts';
import { repoRoot, toolPath } from './paths.ts';
import { freePort, isRunning, logTail, portInUse, startProcess, stopProcess, waitFor, type ProcessRecord } from './processes.ts';
import { prometheusConfigYaml } from './prometheus-config.ts';
import { defaultPlantConfig } from '../sim/config.ts';

/** Addons `microk8s enable` understands here. */
export const ADDONS = ['dns', 'metrics-server', 'observability'] as const;

/** Settings of a default cluster: one 4-vCPU 8 GiB node, upstream HPA sync period, 15 s scrapes. */
export function defaultSettings(): EmulatedSettings {
  return { nodes: [{ name: 'scalelab-0', cpus: 4, memoryGiB: 8 }], hpaSyncPeriodSeconds: 15, prometheusPort: 30090, scrapeIntervalSeconds: 15, plant: { ...defaultPlantConfig }, seed: 1 };
}

const tool = (name: string): string => {
  const p = toolPath(name);
  if (!p) throw new Error(`${name} is not built: run \`npm run tools\` first (it builds the emulated cluster's tools into .tools/bin)`);
  return p;
};

/** Files of one cluster folder. */
export function clusterFiles(dir: string) {
  return {
    certs: join(dir, 'pki'),
    etcdData: join(dir, 'etcd'),
    logs: join(dir, 'logs'),
    kubeconfig: (who: string) => join(dir, `${who}.kubeconfig`),
    stages: join(dir, 'kwok-stages.yaml'),
    prometheusConfig: join(dir, 'prometheus.yml'),
    prometheusData: join(dir, 'prometheus'),
    agentTargets: join(dir, 'agent-targets.json'),
    flexVolume: join(dir, 'flexvolume'),
  };
}

/** An admin API client of a running cluster. */
export function adminClient(dir: string, state: ClusterState): KubeClient {
  const pki = ensureCerts(clusterFiles(dir).certs);
  return createKubeClient({ server: `https://127.0.0.1:${state.ports.apiserver}`, caFile: pki.caCert, ...certFiles(pki, 'admin') });
}

const certFiles = (pki: CertPaths, who: Parameters<CertPaths['cert']>[0]) => {
  const c = pki.cert(who);
  return { certFile: c.cert, keyFile: c.key };
};

/** True when every recorded process still runs. */
export function isUp(state: ClusterState | undefined): state is ClusterState {
  return state !== undefined && state.processes.length > 0 && state.processes.every(isRunning);
}

/** Brings the control plane, the nodes and the bridge up (like `multipass launch` + `snap install microk8s`). */
export async function launch(dir: string, settings: EmulatedSettings, log: (line: string) => void = () => {}): Promise<ClusterState> {
  const existing = readState(dir);
  if (isUp(existing)) return existing;
  if (existing) await down(dir); // half-up from an earlier failure: start clean
  const f = clusterFiles(dir);
  for (const d of [f.logs, f.flexVolume]) mkdirSync(d, { recursive: true });
  const pki = ensureCerts(f.certs);
  if (await portInUse(settings.prometheusPort)) throw new Error(`port ${settings.prometheusPort} (Prometheus) is in use on 127.0.0.1: stop what uses it or choose another prometheusPort`);
  const ports = { etcd: await freePort(), etcdPeer: await freePort(), apiserver: await freePort(), bridgeHttps: await freePort(), bridgeMetrics: await freePort(), prometheus: settings.prometheusPort };
  const state: ClusterState = { settings, ports, processes: [], addons: [] };
  const server = `https://127.0.0.1:${ports.apiserver}`;
  for (const who of ['admin', 'controller-manager', 'scheduler', 'kwok', 'bridge'] as const) {
    writeFileSync(f.kubeconfig(who), kubeconfigYaml({ server, caCertFile: pki.caCert, ...fileNames(pki, who), user: who }), { mode: 0o600 });
  }
  writeFileSync(f.stages, kwokStagesYaml(settings.plant));
  const start = (name: string, bin: string, args: string[], env?: NodeJS.ProcessEnv): ProcessRecord => {
    const p = startProcess(name, bin, args, { log: join(f.logs, `${name}.log`), env });
    state.processes.push(p);
    writeState(dir, state);
    return p;
  };
  try {
    log('starting etcd');
    const etcd = start('etcd', tool('etcd'), [
      '--name=scalelab', `--data-dir=${f.etcdData}`, `--listen-client-urls=http://127.0.0.1:${ports.etcd}`, `--advertise-client-urls=http://127.0.0.1:${ports.etcd}`,
      `--listen-peer-urls=http://127.0.0.1:${ports.etcdPeer}`, `--initial-advertise-peer-urls=http://127.0.0.1:${ports.etcdPeer}`,
      `--initial-cluster=scalelab=http://127.0.0.1:${ports.etcdPeer}`, '--unsafe-no-fsync', '--listen-metrics-urls=',
    ]);
    await waitFor('etcd', async () => (await fetch(`http://127.0.0.1:${ports.etcd}/health`)).ok, { timeoutMs: 30000, describe: () => logTail(etcd.log), alive: () => isRunning(etcd) });
    log('starting kube-apiserver');
    const apiserver = start('kube-apiserver', tool('kube-apiserver'), [
      `--etcd-servers=http://127.0.0.1:${ports.etcd}`, '--bind-address=127.0.0.1', '--advertise-address=127.0.0.1', `--secure-port=${ports.apiserver}`,
      '--service-cluster-ip-range=10.96.0.0/16', '--service-node-port-range=30000-32767', '--authorization-mode=Node,RBAC',
      `--client-ca-file=${pki.caCert}`, `--tls-cert-file=${pki.cert('apiserver').cert}`, `--tls-private-key-file=${pki.cert('apiserver').key}`,
      '--service-account-issuer=https://kubernetes.default.svc.cluster.local', `--service-account-key-file=${pki.saPub}`, `--service-account-signing-key-file=${pki.saKey}`,
      `--requestheader-client-ca-file=${pki.frontProxyCaCert}`, '--requestheader-allowed-names=front-proxy-client', '--requestheader-extra-headers-prefix=X-Remote-Extra-',
      '--requestheader-group-headers=X-Remote-Group', '--requestheader-username-headers=X-Remote-User',
      `--proxy-client-cert-file=${pki.cert('front-proxy-client').cert}`, `--proxy-client-key-file=${pki.cert('front-proxy-client').key}`,
      '--enable-aggregator-routing=false', '--profiling=false', '--event-ttl=30m',
      // The endpoint reconciler refuses a loopback advertise address; the `kubernetes` Service is not used here.
      '--endpoint-reconciler-type=none',
    ]);
    const admin = adminClient(dir, state);
    await waitFor('kube-apiserver', async () => (await admin.raw('GET', '/readyz')).status === 200, { timeoutMs: 60000, everyMs: 300, describe: () => logTail(apiserver.log), alive: () => isRunning(apiserver) });
    log('starting kube-controller-manager, kube-scheduler, kwok');
    start('kube-controller-manager', tool('kube-controller-manager'), [
      `--kubeconfig=${f.kubeconfig('controller-manager')}`, `--authentication-kubeconfig=${f.kubeconfig('controller-manager')}`, `--authorization-kubeconfig=${f.kubeconfig('controller-manager')}`,
      '--controllers=*', `--horizontal-pod-autoscaler-sync-period=${settings.hpaSyncPeriodSeconds}s`,
      `--service-account-private-key-file=${pki.saKey}`, `--root-ca-file=${pki.caCert}`, '--use-service-account-credentials=true', '--leader-elect=false',
      `--flex-volume-plugin-dir=${f.flexVolume}`, '--bind-address=127.0.0.1', '--secure-port=0',
    ]);
    start('kube-scheduler', tool('kube-scheduler'), [
      `--kubeconfig=${f.kubeconfig('scheduler')}`, `--authentication-kubeconfig=${f.kubeconfig('scheduler')}`, `--authorization-kubeconfig=${f.kubeconfig('scheduler')}`,
      '--leader-elect=false', '--bind-address=127.0.0.1', '--secure-port=0',
    ]);
    start('kwok', tool('kwok'), [
      `--kubeconfig=${f.kubeconfig('kwok')}`, '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake', '--node-ip=127.0.0.1',
      '--cidr=10.0.0.0/16', '--node-lease-duration-seconds=40', `--config=${f.stages}`, '--server-address=',
    ]);
    for (const node of settings.nodes) await addNode(admin, node);
    await waitFor('nodes Ready', async () => {
      const list = await admin.get('/api/v1/nodes');
      return settings.nodes.every((n) => list.items.some((i: any) => i.metadata.name === n.name && i.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True')));
    }, { timeoutMs: 30000, describe: () => logTail(join(f.logs, 'kwok.log')) });
    await waitFor('default ServiceAccount', async () => {
      try { await admin.get('/api/v1/namespaces/default/serviceaccounts/default'); return true; } catch { return false; }
    }, { timeoutMs: 30000, describe: () => logTail(join(f.logs, 'kube-controller-manager.log')) });
    log('starting the data-plane bridge');
    const bridge = start('bridge', process.execPath, ['--import', 'tsx', join(repoRoot, 'emulated', 'bridge', 'main.ts'), dir], { ...process.env, NODE_OPTIONS: '' });
    await waitFor('bridge', async () => (await fetch(`http://127.0.0.1:${ports.bridgeMetrics}/healthz`)).ok, { timeoutMs: 30000, describe: () => logTail(bridge.log), alive: () => isRunning(bridge) });
    return state;
  } catch (err) {
    await down(dir).catch(() => {});
    throw err;
  }
}

const fileNames = (pki: CertPaths, who: 'admin' | 'controller-manager' | 'scheduler' | 'kwok' | 'bridge') => ({ certFile: pki.cert(who).cert, keyFile: pki.cert(who).key });

/** Registers one kwok node (idempotent). */
export async function addNode(admin: KubeClient, node: { name: string; cpus: number; memoryGiB: number }): Promise<void> {
  const resources = { cpu: String(node.cpus), memory: `${node.memoryGiB}Gi`, pods: '110' };
  const body = {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name: node.name, annotations: { 'kwok.x-k8s.io/node': 'fake' }, labels: { 'kubernetes.io/hostname': node.name, 'kubernetes.io/os': 'linux', type: 'kwok' } },
    status: { allocatable: resources, capacity: resources },
  };
  try {
    await admin.create('/api/v1/nodes', body);
  } catch (err) {
    if (!(err instanceof KubeApiError && err.status === 409)) throw err;
  }
  // Status on create may be dropped by the API server: set it through the status subresource too.
  await admin.patch(`/api/v1/nodes/${node.name}/status`, { status: { allocatable: resources, capacity: resources } });
}

/** Removes a node (multipass delete of a worker). */
export async function removeNode(admin: KubeClient, name: string): Promise<void> {
  try { await admin.delete(`/api/v1/nodes/${name}`); } catch (err) { if (!(err instanceof KubeApiError && err.status === 404)) throw err; }
}

/** `microk8s enable …`: metrics-server registers the bridge as metrics.k8s.io; observability starts Prometheus and
 * adds the monitoring.coreos.com CRDs our stacks create objects of; dns is a no-op (nothing resolves in-cluster). */
export async function enableAddons(dir: string, addons: readonly string[], log: (line: string) => void = () => {}): Promise<ClusterState> {
  const state = readState(dir);
  if (!isUp(state)) throw new Error('the emulated cluster is not running: `scalelab emulate up` (or `multipass launch`) first');
  const unknown = addons.filter((a) => !(ADDONS as readonly string[]).includes(a));
  if (unknown.length) throw new Error(`addon ${unknown.join(', ')} is not available on the emulated cluster (available: ${ADDONS.join(', ')})`);
  const admin = adminClient(dir, state);
  const f = clusterFiles(dir);
  const pki = ensureCerts(f.certs);
  if (addons.includes('metrics-server') && !state.addons.includes('metrics-server')) {
    log('enabling metrics-server (metrics.k8s.io served by the bridge)');
    await admin.apply('/api/v1/namespaces/kube-system/services/scalelab-metrics', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'scalelab-metrics', namespace: 'kube-system' },
      spec: { type: 'ExternalName', externalName: 'localhost', ports: [{ name: 'https', port: state.ports.bridgeHttps }] },
    });
    const { readFileSync } = await import('node:fs');
    await admin.apply('/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.k8s.io', {
      apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name: 'v1beta1.metrics.k8s.io' },
      spec: { group: 'metrics.k8s.io', version: 'v1beta1', groupPriorityMinimum: 100, versionPriority: 100, service: { name: 'scalelab-metrics', namespace: 'kube-system', port: state.ports.bridgeHttps }, caBundle: readFileSync(pki.caCert).toString('base64') },
    });
    await waitFor('metrics.k8s.io', async () => (await admin.raw('GET', '/apis/metrics.k8s.io/v1beta1/nodes')).status === 200, { timeoutMs: 60000, describe: () => logTail(join(f.logs, 'kube-apiserver.log')) });
    state.addons.push('metrics-server');
  }
  if (addons.includes('observability') && !state.addons.includes('observability')) {
    log('enabling observability (Prometheus on 127.0.0.1, monitoring.coreos.com CRDs)');
    await ensureNamespace(admin, 'observability');
    for (const crd of monitoringCrds()) await admin.apply(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${crd.metadata.name}`, crd);
    writeFileSync(f.prometheusConfig, prometheusConfigYaml({ scrapeIntervalSeconds: state.settings.scrapeIntervalSeconds, bridgeMetricsPort: state.ports.bridgeMetrics, agentTargetsFile: f.agentTargets }));
    writeFileSync(f.agentTargets, '[]\n');
    const prom = startProcess('prometheus', '/usr/bin/prometheus', [
      `--config.file=${f.prometheusConfig}`, `--storage.tsdb.path=${f.prometheusData}`, `--web.listen-address=127.0.0.1:${state.ports.prometheus}`,
      '--storage.tsdb.retention.time=1d', '--web.enable-lifecycle',
    ], { log: join(f.logs, 'prometheus.log') });
    state.processes.push(prom);
    writeState(dir, state);
    await waitFor('prometheus', async () => (await fetch(`http://127.0.0.1:${state.ports.prometheus}/-/ready`)).ok, { timeoutMs: 30000, describe: () => logTail(prom.log), alive: () => isRunning(prom) });
    state.addons.push('observability');
  }
  if (addons.includes('dns') && !state.addons.includes('dns')) state.addons.push('dns');
  writeState(dir, state);
  return state;
}

async function ensureNamespace(admin: KubeClient, name: string): Promise<void> {
  await admin.apply(`/api/v1/namespaces/${name}`, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
}

/** Minimal CRDs for the Prometheus-operator kinds our stacks create (no operator acts on them here). */
function monitoringCrds(): any[] {
  return [['ServiceMonitor', 'servicemonitors'], ['PrometheusRule', 'prometheusrules'], ['PodMonitor', 'podmonitors']].map(([kind, plural]) => ({
    apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `${plural}.monitoring.coreos.com` },
    spec: {
      group: 'monitoring.coreos.com', scope: 'Namespaced', names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
    },
  }));
}

/** Stops every process of the cluster (Prometheus and the bridge first, etcd last) and removes its state. */
export async function down(dir: string, o: { keepLogs?: boolean } = {}): Promise<void> {
  const state = readState(dir);
  if (state) {
    const order = ['prometheus', 'bridge', 'kwok', 'kube-scheduler', 'kube-controller-manager', 'kube-apiserver', 'etcd'];
    const byOrder = [...state.processes].sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    for (const p of byOrder) await stopProcess(p);
  }
  const f = clusterFiles(dir);
  for (const d of [f.etcdData, f.prometheusData, join(dir, 'state.json'), join(dir, 'agents'), join(dir, 'pods')]) rmSync(d, { recursive: true, force: true });
  if (!o.keepLogs) rmSync(f.logs, { recursive: true, force: true });
}

/** One line per process and addon, for `emulate status`. */
export function status(dir: string): { up: boolean; state?: ClusterState; lines: string[] } {
  const state = readState(dir);
  if (!state) return { up: false, lines: ['not running'] };
  const lines = state.processes.map((p) => `${p.name.padEnd(24)} pid ${String(p.pid).padEnd(8)} ${isRunning(p) ? 'running' : 'STOPPED'}`);
  lines.push(`addons: ${state.addons.join(', ') || '(none)'}`);
  return { up: isUp(state), state, lines };
}
