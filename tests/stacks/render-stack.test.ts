import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { resolve } from 'node:path';
import YAML from 'yaml';
import { listStacks, readStackConfig } from '../../stacks/stack-files.ts';
import { stackManifests, toYamlStream } from '../../stacks/render-stack.ts';
import { validateManifest } from '../../stacks/manifests/validate-manifest.ts';
import { buildProgram } from '../../cli/main.ts';
import type { Manifest } from '../../stacks/manifests/scenario-spec.ts';

const root = resolve(import.meta.dirname, '../..');
const scenarios = listStacks(root).filter((s) => readStackConfig(root, s).stackKind !== 'cluster');

async function cli(args: string[]): Promise<{ out: string; error?: unknown }> {
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((c: string) => ((out += c), true)) as typeof process.stdout.write;
  try {
    await (await buildProgram()).parseAsync(['node', 'scalelab', ...args]);
    return { out };
  } catch (error) {
    return { out, error };
  } finally {
    process.stdout.write = write;
  }
}

test('the committed stacks are the cluster plus HPA and hybrid cells (hpa-spike, hybrid-spike among them)', () => {
  assert.ok(listStacks(root).includes('cluster'));
  assert.ok(scenarios.includes('hpa-spike') && scenarios.includes('hybrid-spike'));
  assert.ok(scenarios.length >= 4);
});

test('`stacks render` output of every scenario stack parses back to manifests that all validate', async () => {
  for (const stack of scenarios) {
    const { out, error } = await cli(['stacks', 'render', stack]);
    assert.is(error, undefined, `${stack}: ${String(error)}`);
    const docs = YAML.parseAllDocuments(out).map((d) => d.toJS() as Manifest);
    assert.ok(docs.length >= 8, `${stack}: ${docs.length} documents`);
    for (const m of docs) validateManifest(m);
    assert.equal(docs, stackManifests(root, stack), `${stack}: the stream is exactly the builders' output`);
  }
});

test('every scenario stack runs exactly one autoscaler on its nginx Deployment, in its own namespace', () => {
  const namespaces = new Set<string>();
  for (const stack of scenarios) {
    const ms = stackManifests(root, stack);
    const hpas = ms.filter((m) => m.kind === 'HorizontalPodAutoscaler').length;
    const agents = ms.filter((m) => m.kind === 'Deployment' && m.metadata.name === 'scalelab-agent').length;
    assert.is(hpas + agents, 1, `${stack}: ${hpas} HPA + ${agents} agents`);
    assert.is(readStackConfig(root, stack).autoscaler === 'rl', agents === 1, stack);
    const ns = ms.find((m) => m.kind === 'Namespace')!.metadata.name;
    assert.not.ok(namespaces.has(ns), `${stack}: namespace ${ns} shared`);
    namespaces.add(ns);
    for (const m of ms) if (m.metadata.namespace !== undefined && m.kind !== 'ConfigMap') assert.is(m.metadata.namespace, ns);
  }
});

test('the YAML stream has no anchors/aliases (kubectl and GitOps tools read it plainly)', () => {
  const text = toYamlStream(stackManifests(root, 'hybrid-spike'));
  assert.not.match(text, /[&*]a\d+/);
  assert.ok(text.startsWith('---\napiVersion: v1\nkind: Namespace\n'));
});

test('rendering the cluster stack or an unknown stack is a user error (exit code 2), not a crash', async () => {
  for (const s of ['cluster', 'no-such-stack']) {
    const { error } = await cli(['stacks', 'render', s]);
    assert.instance(error, Error);
    assert.is((error as { exitCode?: number }).exitCode, 2);
  }
});
