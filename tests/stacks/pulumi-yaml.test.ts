import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import YAML from 'yaml';
import { SCENARIO_CONFIG_KEYS, parseScenarioConfig } from '../../stacks/scenario-config.ts';
import { CLUSTER_CONFIG_KEYS, parseClusterConfig } from '../../stacks/cluster-config.ts';

const root = resolve(import.meta.dirname, '../..');
const project = YAML.parse(readFileSync(resolve(root, 'Pulumi.yaml'), 'utf8'));

test('Pulumi.yaml declares every config key the programs read, typed, with the same default as the code', () => {
  const code: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...SCENARIO_CONFIG_KEYS, ...CLUSTER_CONFIG_KEYS })) code[k] = v.default;
  assert.equal(Object.keys(project.config).sort(), Object.keys(code).sort());
  for (const [k, decl] of Object.entries(project.config as Record<string, { type: string; default: unknown; description: string }>)) {
    // One type (string) everywhere: what `pulumi config set` and the Automation API store.
    assert.is(decl.type, 'string', k);
    assert.ok(decl.description.length > 5, k);
    assert.is(decl.default, code[k], k);
  }
});

test('committed stack files hold only known keys, as strings (the declared type)', async () => {
  const { listStacks } = await import('../../stacks/stack-files.ts');
  for (const stack of listStacks(root)) {
    const doc = YAML.parse(readFileSync(resolve(root, `Pulumi.${stack}.yaml`), 'utf8'));
    for (const [k, v] of Object.entries(doc.config as Record<string, unknown>)) {
      assert.ok(k.startsWith('scalelab:') && k.slice(9) in project.config, `${stack}: ${k}`);
      assert.type(v, 'string', `${stack}: ${k}`);
    }
  }
});

test('the project runs stacks/index.ts under tsx on the nodejs runtime', () => {
  assert.is(project.name, 'scalelab');
  assert.is(project.runtime.name, 'nodejs');
  assert.is(project.main, 'stacks/index.ts');
  // pulumi-language-nodejs starts `node <nodeargs> …` and import()s main (package.json is ESM); tsx, not Pulumi's
  // ts-node, compiles it (typescript: false), so the `.ts` import specifiers of the programs resolve.
  assert.is(project.runtime.options.typescript, false);
  assert.match(project.runtime.options.nodeargs, /(^|\s)--import tsx(\s|$)/);
  assert.is(JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).type, 'module');
});

test('bad scenario config names the key, the value and the expectation', () => {
  assert.throws(() => parseScenarioConfig('x', { autoscaler: 'both' }), /scalelab:autoscaler: got "both", expected hpa or rl/);
  assert.throws(() => parseScenarioConfig('x', { minReplicas: 5, maxReplicas: 2 }), /scalelab:maxReplicas: got 2, expected ≥ minReplicas \(5\)/);
  assert.throws(() => parseScenarioConfig('x', { maxReplica: 3 }), /scalelab:maxReplica/);
  assert.throws(() => parseScenarioConfig('x', { shadow: 'yes' }), /scalelab:shadow: got "yes", expected true or false/);
  assert.throws(() => parseScenarioConfig('Bad_Stack', {}), /scalelab:namespace: got "scalelab-Bad_Stack"/);
  assert.throws(() => parseClusterConfig({ nodeCount: 0 }), /scalelab:nodeCount: got 0/);
  assert.throws(() => parseClusterConfig({ vmNamePrefix: 'x; rm -rf /' }), /vmNamePrefix/);
});

test('config values come as numbers or as the strings Pulumi stores', () => {
  const c = parseScenarioConfig('hpa-spike', { maxReplicas: '12', baseRps: 5, shadow: true });
  assert.is(c.maxReplicas, 12);
  assert.is(c.baseRps, 5);
  assert.is(c.shadow, true);
  assert.is(c.namespace, 'scalelab-hpa-spike');
});
