// Defect 8 of issue 9: a cell's settings must reach its stack whole. For every shipped experiment file (a file added
// later, such as real-smoke.json, is picked up by the directory listing) plus the `reproduce` plan (standard + the
// trained agents), and for every committed scenario stack: the config the cell's stack receives is rendered into
// manifests, the autoscaler is read back from them as the cluster would run it — the HPA object, or the agent's
// env parsed by the agent's own code — and must equal the autoscaler spec the simulator runs, with the same model.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadExperiment, SHIPPED_EXPERIMENTS_DIR } from '../../../experiments/load-experiment.ts';
import { expandCells, type Cell } from '../../../experiments/cells.ts';
import { traceLoader } from '../../../experiments/load-trace.ts';
import { RealPathUnsupportedError, stackConfigForCell, stackNameForCell } from '../../../experiments/kube/stack-for-cell.ts';
import { withTrainedAgents } from '../../../experiments/reproduce/plan.ts';
import { parseScenarioConfig } from '../../../stacks/scenario-config.ts';
import { scenarioSpecFromConfig } from '../../../stacks/scenario-spec-from-config.ts';
import { checkAgentModel, listStacks, readStackConfig } from '../../../stacks/stack-files.ts';
import { stackManifests } from '../../../stacks/render-stack.ts';
import { buildScenarioManifests, flattenManifests } from '../../../stacks/manifests/scenario-manifests.ts';
import type { Manifest } from '../../../stacks/manifests/scenario-spec.ts';
import { parseControllerEnv } from '../../../agent/controller/controller-env.ts';
import { policySpec } from '../../../agent/controller/policy-spec.ts';
import { parseHpaConfig } from '../../../agent/hpa/index.ts';
import { createAutoscaler, RL_AUTOSCALER_TYPES, type AutoscalerSpec } from '../../../agent/registry.ts';

const root = resolve(import.meta.dirname, '../../..');
const MODELS = join(root, 'models');

/** What the cluster runs, read back from the rendered objects. */
type ClusterAutoscaler = { kind: 'hpa'; spec: AutoscalerSpec } | { kind: 'agent'; spec: AutoscalerSpec; minReplicas: number; maxReplicas: number };

/** An autoscaling/v2 HPA object → the simulated HPA's spec (an independent reader of the Kubernetes fields). */
function hpaObjectToSpec(m: Manifest, name: string): AutoscalerSpec {
  const s = m.spec as { minReplicas: number; maxReplicas: number; metrics: Array<{ type: string; resource: { name: string; target: { type: string; averageUtilization: number } } }>; behavior?: unknown };
  const metrics = s.metrics.map((x) => {
    assert.is(x.type, 'Resource');
    assert.is(x.resource.target.type, 'Utilization');
    return { type: 'Resource', name: x.resource.name, targetUtilization: x.resource.target.averageUtilization };
  });
  return { name, type: 'hpa', minReplicas: s.minReplicas, maxReplicas: s.maxReplicas, metrics, ...(s.behavior === undefined ? {} : { behavior: s.behavior }) };
}

function readBack(manifests: Manifest[], name: string): ClusterAutoscaler {
  const hpa = manifests.find((m) => m.kind === 'HorizontalPodAutoscaler');
  const agent = manifests.find((m) => m.kind === 'Deployment' && m.metadata.name === 'scalelab-agent');
  assert.ok(Boolean(hpa) !== Boolean(agent), 'exactly one autoscaler');
  if (hpa) return { kind: 'hpa', spec: hpaObjectToSpec(hpa, name) };
  const containers = (agent!.spec as { template: { spec: { containers: Array<{ env: Array<{ name: string; value: string }> }> } } }).template.spec.containers;
  const env = parseControllerEnv(Object.fromEntries(containers[0].env.map((e) => [e.name, e.value])));
  return { kind: 'agent', spec: policySpec(env, MODELS), minReplicas: env.config.minReplicas, maxReplicas: env.config.maxReplicas };
}

/** The spec the simulator runs for a cell: its autoscaler, an RL model resolved as the registry resolves it. */
function simulatedSpec(spec: AutoscalerSpec, baseDir: string): AutoscalerSpec {
  if (!(RL_AUTOSCALER_TYPES as readonly string[]).includes(spec.type)) return spec;
  return { ...spec, model: spec.model === undefined ? join(MODELS, spec.type, 'model') : resolve(baseDir, String(spec.model)) };
}

const built = new Map<string, Promise<unknown>>();
/** Builds each distinct spec once through the registry (loading an RL model takes a moment). */
const buildOnce = (spec: AutoscalerSpec) => {
  const key = JSON.stringify(spec);
  if (!built.has(key)) built.set(key, createAutoscaler(spec));
  return built.get(key)!;
};

async function checkCell(cell: Cell, baseDir: string): Promise<'ok' | 'unsupported'> {
  let values: Record<string, string>;
  try {
    values = stackConfigForCell(cell, { clusterStack: 'organization/scalelab/cluster', k6Job: false, baseDir });
  } catch (err) {
    if (err instanceof RealPathUnsupportedError) return 'unsupported';
    throw err;
  }
  const { stackKind: _kind, ...rest } = values;
  const config = parseScenarioConfig(stackNameForCell(cell), rest);
  checkAgentModel(config);
  // Traces resolve against the experiment's folder here; how the Pulumi program finds them is defect 6's test.
  const manifests = flattenManifests(buildScenarioManifests(scenarioSpecFromConfig(config, traceLoader(baseDir)), { k6Job: false }));
  const back = readBack(manifests, cell.autoscaler);
  const sim = simulatedSpec(cell.config.autoscaler, baseDir);
  const { minReplicas, maxReplicas } = cell.config.plant;
  if (back.kind === 'hpa') {
    assert.is(sim.type, 'hpa', cell.key);
    // The simulated HPA takes min/max from the observation (the plant) unless its spec sets them.
    assert.equal(parseHpaConfig(back.spec), parseHpaConfig({ minReplicas, maxReplicas, ...sim }), cell.key);
  } else {
    assert.equal(back.spec, sim, cell.key);
    assert.equal([back.minReplicas, back.maxReplicas], [minReplicas, maxReplicas], cell.key);
    await buildOnce(back.spec);
  }
  return 'ok';
}

// Experiment files only: experiments/defs also holds data other tools read (frontier-families.json).
const experimentFiles = readdirSync(SHIPPED_EXPERIMENTS_DIR)
  .filter((f) => f.endsWith('.json') && Array.isArray((JSON.parse(readFileSync(join(SHIPPED_EXPERIMENTS_DIR, f), 'utf8')) as { scenarios?: unknown }).scenarios))
  .sort();

test('the shipped experiment files are found (standard among them)', () => {
  assert.ok(experimentFiles.includes('standard.json'), experimentFiles.join(', '));
});

for (const file of experimentFiles) {
  test(`every runnable cell of experiments/defs/${file} reaches its stack as the simulator runs it`, async () => {
    const loaded = await loadExperiment(join(SHIPPED_EXPERIMENTS_DIR, file));
    const cells = expandCells(loaded.def);
    const outcomes = await Promise.all(cells.map((c) => checkCell(c, loaded.baseDir)));
    assert.ok(outcomes.filter((o) => o === 'ok').length > 0, `${file}: no cell can run on the real path`);
  });
}

test('the reproduce plan (standard + every trained agent, models by relative path) reaches its stacks whole', async () => {
  const loaded = await loadExperiment(join(SHIPPED_EXPERIMENTS_DIR, 'standard.json'));
  const { def, added } = withTrainedAgents(loaded.def, loaded.baseDir);
  assert.ok(added.length >= 4, `trained agents added: ${added.join(', ')}`);
  // One seed and scenario are enough for the autoscaler part; every autoscaler of the plan is covered.
  const cells = expandCells({ ...def, seeds: [def.seeds[0]], scenarios: [def.scenarios[0]] });
  const outcomes = await Promise.all(cells.map((c) => checkCell(c, loaded.baseDir)));
  assert.equal(outcomes.filter((o) => o !== 'ok'), []);
  assert.ok(cells.some((c) => c.config.autoscaler.model !== undefined), 'some agent names its model by path');
});

test('every committed scenario stack renders the autoscaler its config names, with the committed model', async () => {
  const scenarios = listStacks(root).filter((s) => readStackConfig(root, s).stackKind !== 'cluster');
  assert.ok(scenarios.length >= 2);
  for (const stack of scenarios) {
    const values = readStackConfig(root, stack);
    const config = parseScenarioConfig(stack, values);
    const back = readBack(stackManifests(root, stack), config.autoscalerSpec.name);
    const sim = simulatedSpec(config.autoscalerSpec, root);
    if (back.kind === 'hpa') {
      // Written independently of the code: the committed HPA stacks run the HPA at their target on the plant's bounds.
      const target = Number(values.targetCpuUtilizationPercent ?? 70);
      assert.equal(parseHpaConfig(back.spec), parseHpaConfig({ type: 'hpa', targetCpuUtilization: target, minReplicas: config.minReplicas, maxReplicas: config.maxReplicas }), stack);
    } else {
      assert.equal(back.spec, sim, stack);
      assert.is(back.spec.model, join(MODELS, String(values.agentModel || values.agentPolicy), 'model'), stack);
      await buildOnce(back.spec);
    }
  }
});
