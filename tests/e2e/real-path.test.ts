// The real path end to end on the emulated cluster (issue 10): the real Pulumi CLI 3.248 with the real kubernetes
// provider, the command-provider and multipass stand-ins, `pulumi up -s cluster` (which starts the emulated control
// plane), then `scalelab run … --backend emulated` for an HPA cell and an agent cell with the k6 stand-in's real
// HTTP load — first with the cell's provider killed during `pulumi up`, then interrupted with Ctrl-C mid-cell, then
// resumed — and `pulumi destroy -s cluster`. Needs `npm run tools`; fails (never skips) when a tool is missing.
import { after, before, test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REQUIRED_TOOLS } from '../../emulated/emulated-backend.ts';
import { repoRoot, toolPath, toolsBin } from '../../emulated/paths.ts';
import { readState } from '../../emulated/cluster-state.ts';
import { adminClient, isUp } from '../../emulated/control-plane.ts';
import { buildWorkload } from '../../workloads/index.ts';
import { generateK6Script } from '../../k6/generate-script.ts';
import { importK6Script } from '../../workloads/k6-import.ts';
import { planK6Options } from '../../workloads/k6-plan.ts';
import { k6Workload } from '../../workloads/k6-workload.ts';

const work = mkdtempSync(join(tmpdir(), 'scalelab-e2e-real-'));
const clusterDir = join(work, 'cluster');
const experiment = join(repoRoot, 'tests', 'fixtures', 'experiments', 'e2e-smoke.json');
const out = join(work, 'out');
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PATH: `${toolsBin}:${process.env.PATH}`,
  PULUMI_BACKEND_URL: `file://${join(work, 'state')}`,
  PULUMI_HOME: join(work, 'pulumi-home'),
  PULUMI_CONFIG_PASSPHRASE: 'e2e-passphrase',
  PULUMI_SKIP_UPDATE_CHECK: 'true',
  SCALELAB_EMULATED_DIR: clusterDir,
  SCALELAB_EMULATED_HPA_SYNC_SECONDS: '5',
  SCALELAB_EMULATED_SCRAPE_SECONDS: '5',
};
// `stack init` adds an encryption salt to the committed Pulumi.cluster.yaml: restored afterwards.
const clusterYaml = join(repoRoot, 'Pulumi.cluster.yaml');
const clusterYamlText = readFileSync(clusterYaml, 'utf8');

const pulumi = (...args: string[]) => spawnSync('pulumi', [...args, '--non-interactive'], { cwd: repoRoot, env, encoding: 'utf8', timeout: 600_000 });
const scalelab = (args: string[]) => spawn(process.execPath, [join(repoRoot, 'bin', 'scalelab.js'), ...args], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'] });
const stackFiles = () => readdirSync(repoRoot).filter((f) => /^Pulumi\.e2e-smoke-.*\.yaml$/.test(f));

before(() => {
  mkdirSync(join(work, 'state'), { recursive: true });
  mkdirSync(join(work, 'pulumi-home'), { recursive: true });
});

after(() => {
  if (readState(clusterDir)) pulumi('destroy', '-s', 'cluster', '--yes', '--skip-preview');
  writeFileSync(clusterYaml, clusterYamlText);
  rmSync(work, { recursive: true, force: true });
});

test('the tools the emulated path needs are built (npm run tools)', () => {
  const missing = REQUIRED_TOOLS.filter((t) => toolPath(t) === undefined);
  assert.equal(missing, [], `missing in .tools/bin: ${missing.join(', ')} — run \`npm run tools\``);
  assert.match(spawnSync('pulumi', ['version'], { env, encoding: 'utf8' }).stdout, /^v3\.248\.0/);
});

test('pulumi up -s cluster runs MicroK8sCluster\'s commands through the real engine and brings the emulated cluster up', () => {
  assert.is(pulumi('stack', 'init', 'cluster').status, 0);
  const up = pulumi('up', '-s', 'cluster', '--yes', '--skip-preview');
  assert.is(up.status, 0, up.stdout.slice(-3000) + up.stderr.slice(-2000));
  const outputs = JSON.parse(pulumi('stack', 'output', '-s', 'cluster', '--json', '--show-secrets').stdout);
  assert.is(outputs.nodeIp, '127.0.0.1');
  assert.is(outputs.prometheusUrl, 'http://127.0.0.1:30090');
  assert.match(outputs.kubeconfig, /client-certificate-data/);
  assert.ok(isUp(readState(clusterDir)), 'every process of the emulated cluster runs');
});

/** Expected requests of a cell: iterations the generated script's arrival-rate schedule starts (∫ rate dt). */
function plannedRequests(): number {
  const def = JSON.parse(readFileSync(experiment, 'utf8'));
  const workload = buildWorkload(def.scenarios[0].workload, { seed: 1 });
  const imported = importK6Script(generateK6Script(workload, { slaLatencyMs: 200 }));
  const planned = k6Workload(planK6Options(imported.options));
  let integral = 0;
  for (let t = 0; t < planned.durationSeconds; t += 0.005) integral += (planned.kind === 'open' ? planned.rateAt(t) : 0) * 0.005;
  return Math.floor(integral + 1e-9);
}

test('a provider killed (kill -9) during a cell\'s pulumi up: the cell fails naming it, its stack is destroyed, nothing is left, exit 1', async () => {
  const api = () => adminClient(clusterDir, readState(clusterDir)!);
  const run = scalelab(['run', experiment, '--backend', 'emulated', '--out', out]);
  let log = '';
  run.stdout!.on('data', (d) => (log += d));
  run.stderr!.on('data', (d) => (log += d));
  const closed = new Promise<number | null>((r) => run.on('close', r));
  let killed: string[] = [];
  // Kill the cell's kubernetes provider once its namespace exists: the Deployment is then still being created
  // (the provider waits for its pods to become Ready).
  for (let i = 0; i < 600 && killed.length === 0 && run.exitCode === null; i++) {
    const namespaces: string[] = (await api().get('/api/v1/namespaces')).items.map((n: any) => n.metadata.name);
    if (namespaces.some((n) => n.startsWith('scalelab-e2e-smoke'))) killed = killDescendants(run.pid!, 'pulumi-resource-kubernetes');
    else await new Promise((r) => setTimeout(r, 250));
  }
  const code = await closed;
  assert.ok(killed.length > 0, `no provider to kill:\n${log.slice(-2000)}`);
  assert.is(code, 1, log.slice(-3000));
  assert.match(log, /cell sudden-spike\/hpa-70\/1 failed: pulumi up e2e-smoke-sudden-spike-hpa-70-s1 failed:\n/);
  assert.match(log, /pulumi-resource-kubernetes exited prematurely/);
  assert.match(log, /its stack e2e-smoke-sudden-spike-hpa-70-s1 was destroyed; run the same command again to retry it/);
  assert.not.match(log, /code: -?\d+\n stdout:/, 'no raw Automation API error');
  const namespaces = (await api().get('/api/v1/namespaces')).items.map((n: any) => n.metadata.name);
  assert.not.ok(namespaces.some((n: string) => n.startsWith('scalelab-e2e-smoke')), `left behind: ${namespaces.join(', ')}`);
  assert.equal(stackFiles(), []);
  assert.equal(JSON.parse(pulumi('stack', 'ls', '--json').stdout).map((s: { name: string }) => s.name), ['cluster']);
});

test('Ctrl-C in the middle of a cell destroys its stack and exits 130; the rerun resumes and finishes both cells (after the killed provider\'s run too)', async () => {
  const api = () => adminClient(clusterDir, readState(clusterDir)!);
  // Run 1: interrupted once the first cell's load is running.
  const first = scalelab(['run', experiment, '--backend', 'emulated', '--out', out]);
  let log1 = '';
  first.stdout!.on('data', (d) => (log1 += d));
  first.stderr!.on('data', (d) => {
    log1 += d;
    if (/k6 against/.test(String(d)) && !first.killed) setTimeout(() => first.kill('SIGINT'), 20_000);
  });
  const code1 = await new Promise<number | null>((r) => first.on('close', r));
  assert.is(code1, 130, log1.slice(-3000));
  const namespaces = (await api().get('/api/v1/namespaces')).items.map((n: any) => n.metadata.name);
  assert.not.ok(namespaces.some((n: string) => n.startsWith('scalelab-e2e-smoke')), `left behind: ${namespaces.join(', ')}`);
  assert.equal(stackFiles(), []);

  // Run 2: the same command resumes; meanwhile the test watches the Deployments' history in the API server and
  // checks that the agent's token cannot do what its Role does not grant.
  const history: Record<string, { t: number; replicas: number }[]> = {};
  const forbidden: number[] = [];
  let watching = true;
  const watch = (async () => {
    while (watching) {
      try {
        for (const d of (await api().get('/apis/apps/v1/deployments')).items) {
          if (!d.metadata.namespace.startsWith('scalelab-e2e-smoke') || d.metadata.name !== 'nginx') continue;
          const h = (history[d.metadata.namespace] ??= []);
          if (h.at(-1)?.replicas !== d.spec.replicas) h.push({ t: Date.now() / 1000, replicas: d.spec.replicas });
        }
        const agentNs = (await api().get('/api/v1/namespaces')).items.map((n: any) => n.metadata.name).find((n: string) => n.includes('hybrid'));
        if (agentNs && forbidden.length === 0) {
          const sas = (await api().get(`/api/v1/namespaces/${agentNs}/serviceaccounts`)).items.map((s: any) => s.metadata.name).filter((s: string) => s !== 'default');
          if (sas.length) {
            const token = (await api().create(`/api/v1/namespaces/${agentNs}/serviceaccounts/${sas[0]}/token`, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 600 } })).status.token;
            const state = readState(clusterDir)!;
            for (const [method, path] of [['DELETE', `/apis/apps/v1/namespaces/${agentNs}/deployments/nginx`], ['GET', `/api/v1/namespaces/${agentNs}/pods`]]) {
              const r = await fetchWithToken(state.ports.apiserver, clusterDir, token, method, path);
              forbidden.push(r);
            }
          }
        }
      } catch { /* namespaces come and go */ }
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  const second = scalelab(['run', experiment, '--backend', 'emulated', '--out', out]);
  let log2 = '';
  second.stdout!.on('data', (d) => (log2 += d));
  second.stderr!.on('data', (d) => (log2 += d));
  const code2 = await new Promise<number | null>((r) => second.on('close', r));
  watching = false;
  await watch;
  assert.is(code2, 0, log2.slice(-4000));
  const records = readFileSync(join(out, 'records.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(records.map((r) => r.autoscaler).sort(), ['hpa-70', 'hybrid']);
  const expected = plannedRequests();
  for (const r of records) {
    assert.is(r.backend, 'emulated');
    assert.is(r.metrics.requests, expected, `${r.autoscaler}: requests in the record vs the schedule the k6 stand-in ran`);
    // The record's desired replicas (from Prometheus) follow the Deployment's spec.replicas in the API server.
    const ns = `scalelab-e2e-smoke-sudden-spike-${r.autoscaler}-s1`;
    const h = history[ns];
    assert.ok(h && h.length > 0, `no Deployment history for ${ns}`);
    const seen = new Set(h.map((p) => p.replicas));
    const desired: number[] = r.series.desiredReplicas ?? r.series.desired ?? [];
    assert.ok(desired.length > 0, 'the record has a replica series');
    for (const v of desired) assert.ok(seen.has(Math.round(v)), `${r.autoscaler}: desired ${v} never was the Deployment's spec.replicas (${[...seen].join(', ')})`);
  }
  assert.equal(forbidden, [403, 403], 'the agent\'s token may not delete its Deployment or list pods');
  assert.equal(stackFiles(), [], 'no stray Pulumi.<cell>.yaml');
  const stacks = JSON.parse(pulumi('stack', 'ls', '--json').stdout).map((s: { name: string }) => s.name);
  assert.equal(stacks, ['cluster']);
});

test('the same cells on the simulator: `scalelab compare` shows both backends side by side', () => {
  const simOut = join(work, 'sim');
  const sim = spawnSync(process.execPath, [join(repoRoot, 'bin', 'scalelab.js'), 'run', experiment, '--backend', 'sim', '--out', simOut], { cwd: work, env, encoding: 'utf8', timeout: 300_000 });
  assert.is(sim.status, 0, sim.stderr);
  const cmp = spawnSync(process.execPath, [join(repoRoot, 'bin', 'scalelab.js'), 'compare', out, simOut, '--out', join(work, 'compare')], { cwd: work, env, encoding: 'utf8', timeout: 300_000 });
  assert.is(cmp.status, 0, cmp.stderr);
  process.stdout.write(`${cmp.stdout}\n`);
  // Both cells ran with the same configuration on both backends, so both pair; each value is its record's.
  const records = (dir: string) => readFileSync(join(dir, 'records.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  for (const r of [...records(out), ...records(simOut)]) {
    const row = cmp.stdout.split('\n').find((l) => l.startsWith(`sudden-spike/${r.autoscaler}/1`) && / requests /.test(l));
    assert.ok(row, `no requests row for ${r.autoscaler}:\n${cmp.stdout}`);
    assert.ok(row!.includes(r.metrics.requests.toLocaleString('en-US')), `${r.backend} ${r.autoscaler}: ${r.metrics.requests} not in "${row}"`);
  }
  assert.not.match(cmp.stdout, /not compared/);
  assert.ok(existsSync(join(work, 'compare', 'index.html')));
});

test('pulumi destroy -s cluster stops the emulated cluster', () => {
  const procs = readState(clusterDir)!.processes;
  const down = pulumi('destroy', '-s', 'cluster', '--yes', '--skip-preview');
  assert.is(down.status, 0, down.stdout.slice(-2000));
  assert.not.ok(existsSync(join(clusterDir, 'state.json')), 'state removed');
  for (const p of procs) assert.not.ok(existsSync(`/proc/${p.pid}`) && readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').includes(p.command), `${p.name} still runs`);
});

async function fetchWithToken(port: number, dir: string, token: string, method: string, path: string): Promise<number> {
  const { request } = await import('node:https');
  const ca = readFileSync(join(dir, 'pki', 'ca.crt'));
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, ca, headers: { authorization: `Bearer ${token}` } }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
    req.on('error', reject);
    req.end();
  });
}

/** kill -9 every process named `name` below `root` (by /proc's parent links); their pids. */
function killDescendants(root: number, name: string): string[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch { /* gone */ }
  }
  const below = (pid: number): boolean => {
    for (let p = parent.get(pid), hops = 0; p !== undefined && p > 1 && hops < 64; p = parent.get(p), hops++) if (p === root) return true;
    return false;
  };
  const killed: string[] = [];
  for (const pid of parent.keys()) {
    let cmd = '';
    try { cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { continue; }
    if (cmd.split('\0')[0].endsWith(name) && below(pid)) {
      try { process.kill(pid, 'SIGKILL'); killed.push(String(pid)); } catch { /* already gone */ }
    }
  }
  return killed;
}
