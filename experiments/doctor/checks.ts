// `scalelab doctor`: everything the real path needs, checked before a day of real runs, each failure with a
// one-line fix. The checks are plain functions of injectable probes (tools on PATH, the environment, the Pulumi
// stack, the Kubernetes and Prometheus APIs), so tests cover the pass and the fail of each.
import { INSTALL_COMMANDS } from '../kube/check-tools.ts';
import type { Cell } from '../cells.ts';
import { SCRAPE_INTERVAL_SECONDS } from '../../lib/metric-names.ts';
import { estimateRealRun } from '../kube/real-run-estimate.ts';
import { passphraseProblem } from '../kube/preflight.ts';

/** One line of the doctor's answer. */
export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  /** What to do when !ok (empty when ok). */
  fix: string;
}

/** A SelfSubjectAccessReview's resource attributes (`kubectl auth can-i VERB RESOURCE[/SUB] [-n NS]`). */
export interface AccessQuestion {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespace?: string;
}

/** A Prometheus target as /api/v1/targets reports it. */
export interface PromTarget {
  scrapePool: string;
  scrapeUrl: string;
  health: string;
  labels: Record<string, string>;
  /** e.g. "15s". */
  scrapeInterval?: string;
}

/** Everything the checks read from the world. */
export interface DoctorProbes {
  nodeVersion(): string;
  /** The tool's version text, or null when it is not on PATH. */
  toolVersion(tool: 'pulumi' | 'multipass' | 'k6'): Promise<string | null>;
  /** The @pulumi/pulumi version package.json pins. */
  pulumiSdkVersion(): string;
  env(name: string): string | undefined;
  /** The Pulumi backend URL in use (PULUMI_BACKEND_URL or `pulumi login`'s), or null when not logged in. */
  pulumiBackendUrl(): Promise<string | null>;
  /** Outputs of the cluster stack (plain values; secrets decrypted). */
  clusterOutputs(stack: string): Promise<Record<string, unknown>>;
  kube(kubeconfig: string): { serverVersion(): Promise<string>; canI(q: AccessQuestion): Promise<boolean> };
  prometheus(url: string): { version(): Promise<string>; targets(): Promise<PromTarget[]> };
  /** The cluster stack's size (Pulumi.cluster.yaml). */
  clusterSize(): { nodeCount: number; vmCpus: number; vmMemoryGiB: number };
  /** The experiment's cells for the estimate (throws a UserError for an unknown experiment). */
  experimentCells(name: string): Promise<{ cells: Cell[]; loadSecondsOf(cell: Cell): number }>;
}

/** What to check. */
export interface DoctorOptions {
  clusterStack: string;
  experiment?: string;
}

/** Interval our ServiceMonitors ask for, s (the one source: lib/metric-names.ts). */
export const EXPECTED_SCRAPE_SECONDS = SCRAPE_INTERVAL_SECONDS;

/** The permissions a scenario stack needs of the operator: what it creates, and what the agent's Role grants
 * (RBAC lets a user grant only permissions they hold). */
export const REQUIRED_ACCESS: readonly AccessQuestion[] = [
  { verb: 'create', group: '', resource: 'namespaces' },
  { verb: 'create', group: 'apps', resource: 'deployments', namespace: 'scalelab-doctor' },
  { verb: 'create', group: 'autoscaling', resource: 'horizontalpodautoscalers', namespace: 'scalelab-doctor' },
  { verb: 'create', group: 'batch', resource: 'jobs', namespace: 'scalelab-doctor' },
  { verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'roles', namespace: 'scalelab-doctor' },
  { verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'rolebindings', namespace: 'scalelab-doctor' },
  // AGENT_RULES (stacks/manifests/agent-rbac.ts):
  { verb: 'get', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'scalelab-doctor' },
  { verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'scalelab-doctor' },
  { verb: 'get', group: 'apps', resource: 'deployments', namespace: 'scalelab-doctor' },
];

const pass = (name: string, detail: string): Check => ({ name, ok: true, detail, fix: '' });
const fail = (name: string, detail: string, fix: string): Check => ({ name, ok: false, detail, fix });
const message = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0];

/** Parses "v3.248.0" / "3.248.0-alpha" into [major, minor, patch]; null when it is not a version. */
export function parseVersion(text: string): [number, number, number] | null {
  const m = /v?(\d+)\.(\d+)\.(\d+)/.exec(text);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

const compare = (a: number[], b: number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** Parses a Prometheus duration such as "15s", "1m", "1m30s" into seconds. */
export function durationSeconds(text: string | undefined): number | undefined {
  if (!text || !/^(\d+(ms|s|m|h))+$/.test(text)) return undefined;
  const unit: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
  let total = 0;
  for (const [, n, u] of text.matchAll(/(\d+)(ms|s|m|h)/g)) total += Number(n) * unit[u];
  return total;
}

/** Use to run every check in order; a check whose input is missing fails saying which earlier check to fix. */
export async function runDoctor(p: DoctorProbes, o: DoctorOptions): Promise<{ ok: boolean; checks: Check[] }> {
  const checks: Check[] = [];
  const node = parseVersion(p.nodeVersion());
  checks.push(node && node[0] >= 20 ? pass('node', `Node ${p.nodeVersion()}`) : fail('node', `Node ${p.nodeVersion()}; scalelab needs ≥ 20`, 'install Node 20 or later (https://nodejs.org)'));

  const sdk = p.pulumiSdkVersion();
  const pulumi = await p.toolVersion('pulumi');
  const pinned = parseVersion(sdk);
  const have = pulumi === null ? null : parseVersion(pulumi);
  const pulumiFix = `install the Pulumi CLI ${sdk}: curl -fsSL https://get.pulumi.com | sh -s -- --version ${sdk}`;
  if (pulumi === null) checks.push(fail('pulumi', 'pulumi is not on PATH', pulumiFix));
  else if (!have || !pinned || have[0] !== pinned[0] || compare(have, pinned) < 0) checks.push(fail('pulumi', `pulumi ${pulumi.trim()} is older than (or another major than) the @pulumi/pulumi SDK ${sdk} in package.json`, pulumiFix));
  else checks.push(pass('pulumi', `pulumi ${pulumi.trim()} (SDK ${sdk})`));

  for (const tool of ['multipass', 'k6'] as const) {
    const v = await p.toolVersion(tool);
    const why = tool === 'k6' ? ' (without it the load runs as an in-cluster k6 Job, which also needs its 0.5 vCPU in the cluster)' : '';
    checks.push(v === null ? fail(tool, `${tool} is not on PATH${why}`, INSTALL_COMMANDS[tool]) : pass(tool, `${tool} ${v.split('\n')[0].trim()}`));
  }

  checks.push(await passphraseCheck(p, pulumi !== null));
  const outputs = await outputsCheck(p, o, pulumi !== null, checks);
  await kubeCheck(p, outputs?.kubeconfig, checks);
  await prometheusCheck(p, outputs?.prometheusUrl, checks);
  if (o.experiment !== undefined) checks.push(await capacityCheck(p, o.experiment, checks.find((c) => c.name === 'k6')!.ok));
  return { ok: checks.every((c) => c.ok), checks };
}

async function passphraseCheck(p: DoctorProbes, hasPulumi: boolean): Promise<Check> {
  const name = 'pulumi passphrase';
  const url = await p.pulumiBackendUrl().catch(() => null);
  if (url === null) return fail(name, hasPulumi ? 'not logged in to a Pulumi backend' : 'no Pulumi backend selected (pulumi is missing)', 'pulumi login --local && export PULUMI_CONFIG_PASSPHRASE=<a passphrase you keep>');
  if (!url.startsWith('file://')) return pass(name, `backend ${url} (secrets encrypted by the service; no passphrase needed)`);
  // The rule the kube backend applies before its first cell (an exported empty passphrase is a valid one).
  const problem = passphraseProblem(url, { PULUMI_CONFIG_PASSPHRASE: p.env('PULUMI_CONFIG_PASSPHRASE'), PULUMI_CONFIG_PASSPHRASE_FILE: p.env('PULUMI_CONFIG_PASSPHRASE_FILE') });
  return problem === undefined ? pass(name, `local backend ${url}, PULUMI_CONFIG_PASSPHRASE set`) : fail(name, `local backend ${url} needs PULUMI_CONFIG_PASSPHRASE (stack init and the cluster's secret kubeconfig)`, 'export PULUMI_CONFIG_PASSPHRASE=<the passphrase the stacks were created with>');
}

async function outputsCheck(p: DoctorProbes, o: DoctorOptions, hasPulumi: boolean, checks: Check[]): Promise<{ kubeconfig?: string; prometheusUrl?: string } | undefined> {
  const name = 'cluster stack';
  if (!hasPulumi) {
    checks.push(fail(name, `cannot read stack ${o.clusterStack}: pulumi is missing`, 'install pulumi (see the pulumi check), then pulumi up -s cluster'));
    return undefined;
  }
  try {
    const out = await p.clusterOutputs(o.clusterStack);
    const missing = ['kubeconfig', 'prometheusUrl'].filter((k) => typeof out[k] !== 'string' || out[k] === '');
    if (missing.length > 0) {
      checks.push(fail(name, `stack ${o.clusterStack} has no ${missing.join(', ')} output`, `pulumi up -s ${o.clusterStack}`));
      return undefined;
    }
    checks.push(pass(name, `stack ${o.clusterStack}: kubeconfig, prometheusUrl ${String(out.prometheusUrl)}`));
    return { kubeconfig: out.kubeconfig as string, prometheusUrl: out.prometheusUrl as string };
  } catch (err) {
    checks.push(fail(name, `cannot read stack ${o.clusterStack}: ${message(err)}`, `pulumi up -s ${o.clusterStack} (and set PULUMI_CONFIG_PASSPHRASE for a local backend)`));
    return undefined;
  }
}

const describeAccess = (q: AccessQuestion) => `${q.verb} ${q.resource}${q.subresource ? `/${q.subresource}` : ''}${q.group ? `.${q.group}` : ''}`;

async function kubeCheck(p: DoctorProbes, kubeconfig: string | undefined, checks: Check[]): Promise<void> {
  if (kubeconfig === undefined) {
    checks.push(fail('kube access', 'no kubeconfig (the cluster stack check failed)', 'fix the cluster stack check first'));
    checks.push(fail('kube permissions', 'not checked (no kube access)', 'fix the cluster stack check first'));
    return;
  }
  const kube = p.kube(kubeconfig);
  try {
    checks.push(pass('kube access', `API server ${await kube.serverVersion()}`));
  } catch (err) {
    checks.push(fail('kube access', `the API server does not answer: ${message(err)}`, 'start the VMs (multipass start --all) or pulumi up -s cluster again'));
    checks.push(fail('kube permissions', 'not checked (no kube access)', 'fix the kube access check first'));
    return;
  }
  const denied: string[] = [];
  try {
    for (const q of REQUIRED_ACCESS) if (!(await kube.canI(q))) denied.push(describeAccess(q));
  } catch (err) {
    checks.push(fail('kube permissions', `SelfSubjectAccessReview failed: ${message(err)}`, 'use the cluster stack\'s admin kubeconfig'));
    return;
  }
  checks.push(denied.length === 0
    ? pass('kube permissions', `can ${REQUIRED_ACCESS.length}/${REQUIRED_ACCESS.length}: create namespaces, deployments, HPAs, jobs, roles, rolebindings; the agent Role's get/patch deployments/scale, get deployments`)
    : fail('kube permissions', `denied: ${denied.join('; ')}`, 'use the cluster stack\'s admin kubeconfig (microk8s config), or ask for a ClusterRole with these verbs'));
}

async function prometheusCheck(p: DoctorProbes, url: string | undefined, checks: Check[]): Promise<void> {
  const name = 'prometheus';
  if (url === undefined) {
    checks.push(fail(name, 'no prometheusUrl (the cluster stack check failed)', 'fix the cluster stack check first'));
    return;
  }
  const prom = p.prometheus(url);
  let targets: PromTarget[];
  let version: string;
  try {
    version = await prom.version();
    targets = await prom.targets();
  } catch (err) {
    checks.push(fail(name, `${url} does not answer: ${message(err)}`, `check the NodePort Service of the observability addon (pulumi up -s cluster), then curl ${url}/-/ready`));
    return;
  }
  const cadvisor = targets.filter((t) => t.labels.metrics_path === '/metrics/cadvisor' || t.scrapeUrl.includes('/metrics/cadvisor'));
  const ours = targets.filter((t) => t.scrapePool.includes('scalelab') || (t.labels.namespace ?? '').startsWith('scalelab-'));
  const slow = [...cadvisor, ...ours].filter((t) => (durationSeconds(t.scrapeInterval) ?? Infinity) > EXPECTED_SCRAPE_SECONDS).map((t) => `${t.scrapePool} every ${t.scrapeInterval ?? '?'}`);
  const down = [...cadvisor, ...ours].filter((t) => t.health !== 'up').map((t) => `${t.scrapePool} (${t.health})`);
  const seen = `${cadvisor.length} cAdvisor target(s), ${ours.length} scalelab target(s)${ours.length === 0 ? ' (they exist while a cell runs)' : ''}`;
  const fix = `scrape every ${EXPECTED_SCRAPE_SECONDS}s: set kube-prometheus-stack's kubelet.serviceMonitor.interval (and prometheus.prometheusSpec.scrapeInterval) to ${EXPECTED_SCRAPE_SECONDS}s`;
  if (cadvisor.length === 0) checks.push(fail(name, `Prometheus ${version} has no cAdvisor target (container CPU comes from it)`, 'enable the observability addon: microk8s enable observability'));
  else if (down.length > 0) checks.push(fail(name, `targets down: ${down.join(', ')}`, `look at ${url}/targets`));
  else if (slow.length > 0) checks.push(fail(name, `scraped slower than every ${EXPECTED_SCRAPE_SECONDS}s: ${slow.join(', ')}`, fix));
  else checks.push(pass(name, `Prometheus ${version}: ${seen}, every ≤ ${EXPECTED_SCRAPE_SECONDS}s`));
}

async function capacityCheck(p: DoctorProbes, experiment: string, localK6: boolean): Promise<Check> {
  const name = 'experiment capacity';
  const size = p.clusterSize();
  const { cells, loadSecondsOf } = await p.experimentCells(experiment);
  // The estimate the kube backend prints and enforces before its first cell (experiments/kube/real-run-estimate.ts).
  const e = estimateRealRun(cells, size, { k6InCluster: !localK6, loadSecondsOf });
  const detail = `${experiment}: ${e.text.split('\n').slice(0, 2).join('; ')}`;
  if (e.feasible) return pass(name, detail);
  const change = e.text.split('\n').find((l) => l.trim().startsWith('- the cluster:'))?.replace(/^\s*- the cluster: /, '') ?? 'a larger cluster (pulumi up -s cluster)';
  return fail(name, detail, `${change} (or lower plant.maxReplicas / cpuRequestMilli in the experiment; experiments/defs/real-smoke.json fits the default cluster)`);
}
