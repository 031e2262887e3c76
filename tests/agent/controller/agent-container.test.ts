// The agent run exactly as its container would, for every committed agent stack and every registered policy:
// the image's files laid out from agent/controller/Dockerfile's COPY lines (the bundle from `npm run build:agent`,
// the models, the wasm binaries), the rendered Deployment's ConfigMap volumes written as files, the ENTRYPOINT
// started in the WORKDIR with the Deployment's env plus what the kubelet adds (KUBERNETES_SERVICE_HOST/PORT).
// Nothing answers on the API server's port and the Prometheus URL is the cluster's (unreachable here): the agent
// must stay up, hold (ApiUnavailable), and answer its readiness probe with 200.
import { test, before, after } from 'node:test';
import * as assert from 'uvu/assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { autoscalerTypes, RL_AUTOSCALER_TYPES } from '../../../agent/registry.ts';
import { buildAgentBundle } from '../../../agent/controller/build-bundle.ts';
import { listStacks, readStackConfig } from '../../../stacks/stack-files.ts';
import { stackManifests } from '../../../stacks/render-stack.ts';
import { parseScenarioConfig } from '../../../stacks/scenario-config.ts';
import { scenarioSpecFromConfig } from '../../../stacks/scenario-spec-from-config.ts';
import { buildScenarioManifests, flattenManifests } from '../../../stacks/manifests/scenario-manifests.ts';
import type { Manifest } from '../../../stacks/manifests/scenario-spec.ts';
import { layoutImage, parseDockerfile, writeConfigMapVolumes } from './helpers/image-layout.ts';

const root = resolve(import.meta.dirname, '../../..');
const stages = parseDockerfile(readFileSync(join(root, 'agent/controller/Dockerfile'), 'utf8'));

interface Container { name: string; image: string; env: Array<{ name: string; value: string }>; ports: Array<{ name: string; containerPort: number }>; readinessProbe: { httpGet: { path: string; port: string | number } }; volumeMounts?: Array<{ name: string; mountPath: string }> }

/** A case: a label and the manifests of one agent scenario. */
interface AgentCase { label: string; policyType: string; manifests: Manifest[] }

const committed: AgentCase[] = listStacks(root)
  .filter((s) => readStackConfig(root, s).autoscaler === 'rl')
  .map((stack) => {
    const manifests = stackManifests(root, stack);
    const policy = JSON.parse(agentContainer(manifests).env.find((e) => e.name === 'SCALELAB_POLICY')!.value) as { type: string };
    return { label: `committed stack ${stack}`, policyType: policy.type, manifests };
  });
// Every registered type as the agent's policy, on the first committed agent stack's settings.
const base = listStacks(root).find((s) => readStackConfig(root, s).autoscaler === 'rl')!;
const perPolicy: AgentCase[] = autoscalerTypes()
  .filter((type) => !committed.some((c) => c.policyType === type))
  .map((type) => {
    const config = parseScenarioConfig(`${base}-${type}`, { ...readStackConfig(root, base), agentPolicy: type });
    return { label: `policy ${type}`, policyType: type, manifests: flattenManifests(buildScenarioManifests(scenarioSpecFromConfig(config), { k6Job: false })) };
  });

function agentContainer(manifests: Manifest[]): Container {
  const dep = manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === 'scalelab-agent') as { spec: { template: { spec: { containers: Container[] } } } } | undefined;
  if (!dep) throw new Error('no agent Deployment rendered');
  return dep.spec.template.spec.containers[0];
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

const rootfs = mkdtempSync(join(tmpdir(), 'scalelab-agent-image-'));
const started: ChildProcess[] = [];

before(async () => {
  await buildAgentBundle();
  layoutImage(stages, root, rootfs);
});

after(() => {
  for (const p of started) if (p.exitCode === null) p.kill('SIGKILL');
  rmSync(rootfs, { recursive: true, force: true });
});

test('the image holds the bundle, no TypeScript source and no tsx, and the entrypoint is plain node', () => {
  const final = stages.at(-1)!;
  assert.equal(final.entrypoint?.slice(0, 1), ['node']);
  assert.ok(!final.entrypoint!.some((a) => a.includes('tsx') || a.endsWith('.ts')), `ENTRYPOINT ${JSON.stringify(final.entrypoint)}`);
  assert.ok(stages[0].runs.includes('npm run build:agent'), 'the build stage runs npm run build:agent');
  // Only the build's outputs and the wasm binaries: no source folder, no other package.
  for (const c of final.copies) assert.ok(c.src.startsWith('/src/.build/agent/') || c.src.startsWith('/src/node_modules/@tensorflow/tfjs-backend-wasm/'), `COPY ${c.src}`);
  const files = (readdirSync(rootfs, { recursive: true }) as string[]).map(String);
  assert.equal(files.filter((f) => /\.(ts|cts|mts)$/.test(f) || f.includes('/tsx/') || f.includes('@pulumi') || f.includes('vega')), []);
  assert.ok(files.includes('app/models/hybrid/model/provenance.json'), 'the committed models are in the image');
});

/** Starts one agent as its container would and waits until it holds and answers its readiness probe. */
async function runAgent(c: AgentCase): Promise<string> {
  const final = stages.at(-1)!;
  const container = agentContainer(c.manifests);
  const metricsPort = await freePort();
  const apiPort = await freePort(); // free = nothing listens: the API server is unreachable
  const caseRoot = mkdtempSync(join(rootfs, 'volumes-'));
  writeConfigMapVolumes(container, (c.manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === 'scalelab-agent') as any).spec.template.spec, c.manifests, caseRoot);
  // The probe port in the manifest; the process listens on SCALELAB_METRICS_PORT, which we move to a free port.
  const env = Object.fromEntries(container.env.map((e) => [e.name, e.value]));
  const probePortName = container.readinessProbe.httpGet.port;
  const probePort = typeof probePortName === 'number' ? probePortName : container.ports.find((p) => p.name === probePortName)!.containerPort;
  assert.is(String(probePort), env.SCALELAB_METRICS_PORT, `${c.label}: the probe targets the port the agent listens on`);
  env.SCALELAB_METRICS_PORT = String(metricsPort);
  const [cmd, ...args] = final.entrypoint!;
  assert.is(cmd, 'node');
  const child = spawn(process.execPath, args, { cwd: join(rootfs, final.workdir), env: { ...env, KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: String(apiPort) }, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${c.label}: the agent exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`${c.label}: no hold within 60 s:\n${out}`);
    try {
      const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      if (/scalelab_agent_holds_total\{reason="ApiUnavailable"\} [1-9]/.test(metrics)) {
        const probe = await fetch(`http://127.0.0.1:${metricsPort}${container.readinessProbe.httpGet.path}`);
        assert.is(probe.status, 200, `${c.label}: readiness probe`);
        assert.is(child.exitCode, null, `${c.label}: still running`);
        child.kill('SIGTERM');
        return out;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

test('every committed agent stack and every registered policy starts, holds without an API server, and is ready', async () => {
  const cases = [...committed, ...perPolicy];
  assert.ok(committed.length >= 1, 'there is a committed agent stack');
  assert.equal([...new Set(cases.map((c) => c.policyType))].sort(), autoscalerTypes());
  const logs: string[] = [];
  for (let i = 0; i < cases.length; i += 4) logs.push(...(await Promise.all(cases.slice(i, i + 4).map(runAgent))));
  cases.forEach((c, i) => {
    const rl = (RL_AUTOSCALER_TYPES as readonly string[]).includes(c.policyType);
    // An RL policy loads its committed model on the wasm backend (the image must hold the wasm binaries).
    if (rl) assert.ok(logs[i].includes(`(${c.policyType}, model ${c.policyType}, tf backend wasm)`), `${c.label}:\n${logs[i]}`);
    assert.ok(logs[i].includes('hold ApiUnavailable'), `${c.label}:\n${logs[i]}`);
  });
});

test('bad configuration exits 2 with one message naming the variable, never a stack trace', async () => {
  const final = stages.at(-1)!;
  const env = { ...Object.fromEntries(agentContainer(committed[0].manifests).env.map((e) => [e.name, e.value])), KUBERNETES_SERVICE_HOST: '127.0.0.1' };
  const cases: Array<[string, Record<string, string>, RegExp]> = [
    ['a truncated SCALELAB_POLICY', { SCALELAB_POLICY: '{"name":' }, /^scalelab agent: environment SCALELAB_POLICY: got .*expected a JSON autoscaler spec/],
    ['a port out of range', { SCALELAB_METRICS_PORT: '99999' }, /^scalelab agent: environment SCALELAB_METRICS_PORT: got "99999", expected an integer from 1 to 65535/],
    ['an unregistered type', { SCALELAB_POLICY: '{"name":"x","type":"constrained"}' }, /^scalelab agent: environment SCALELAB_POLICY\/SCALELAB_MODEL: type: got "constrained", expected one of /],
    ['a model the image does not hold', { SCALELAB_POLICY: '{"name":"d","type":"dqn"}', SCALELAB_MODEL: 'no-such-model' }, /^scalelab agent: environment SCALELAB_POLICY\/SCALELAB_MODEL: model: /],
    ['a bad parameter', { SCALELAB_POLICY: '{"name":"k","type":"kpa","targetConcurrencyPerPod":-1}' }, /^scalelab agent: environment SCALELAB_POLICY\/SCALELAB_MODEL: targetConcurrencyPerPod/],
    ['no kubelet service env', { KUBERNETES_SERVICE_HOST: '' }, /^scalelab agent: KUBERNETES_SERVICE_HOST is not set/],
  ];
  const results = await Promise.all(
    cases.map(async ([, extra]) => {
      const child = spawn(process.execPath, final.entrypoint!.slice(1), { cwd: join(rootfs, final.workdir), env: { ...env, SCALELAB_METRICS_PORT: String(await freePort()), ...extra }, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr!.on('data', (d) => (err += d));
      return new Promise<{ code: number | null; err: string }>((r) => child.on('close', (code) => r({ code, err })));
    }),
  );
  cases.forEach(([what, , message], i) => {
    assert.is(results[i].code, 2, `${what}: ${results[i].err}`);
    assert.ok(message.test(results[i].err), `${what}: ${results[i].err}`);
    assert.is(results[i].err.trim().split('\n').length, 1, `${what}: one line, no stack trace:\n${results[i].err}`);
  });
});
