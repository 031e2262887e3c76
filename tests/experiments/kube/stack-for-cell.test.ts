import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { stackConfigForCell, stackNameForCell } from '../../../experiments/kube/stack-for-cell.ts';
import { parseScenarioConfig } from '../../../stacks/scenario-config.ts';
import { defaultPlantConfig } from '../../../sim/config.ts';
import type { Cell } from '../../../experiments/cells.ts';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../../..');

const cell = (autoscaler: Record<string, unknown>, experiment = 'standard'): Cell => ({
  index: 0,
  key: `spike/${String(autoscaler.name)}/3`,
  experiment,
  scenario: 'spike',
  autoscaler: String(autoscaler.name),
  seed: 3,
  config: { hash: '0123456789abcdef', durationSeconds: null, plant: { ...defaultPlantConfig, maxReplicas: 12 }, workload: { type: 'steady', rps: 5, durationSeconds: 60 } as never, autoscaler: autoscaler as never },
});

test('an HPA cell becomes an hpa scenario stack with its whole spec; any other autoscaler runs as the in-cluster agent with its whole spec', () => {
  const h = stackConfigForCell(cell({ name: 'hpa-60', type: 'hpa', targetCpuUtilization: 60 }), { clusterStack: 'cluster', k6Job: false });
  assert.is(h.autoscaler, 'hpa');
  assert.equal(JSON.parse(h.autoscalerSpec), { name: 'hpa-60', type: 'hpa', targetCpuUtilization: 60 });
  assert.is(h.agentModel, undefined);
  const k = stackConfigForCell(cell({ name: 'kpa', type: 'kpa', targetConcurrencyPerPod: 0.5, targetUtilization: 0.7 }), { clusterStack: 'cluster', k6Job: false });
  assert.equal([k.autoscaler, JSON.parse(k.autoscalerSpec)], ['rl', { name: 'kpa', type: 'kpa', targetConcurrencyPerPod: 0.5, targetUtilization: 0.7 }]);
  const r = stackConfigForCell(cell({ name: 'dqn-weak-sla', type: 'dqn', model: '../../models/dqn-weak-sla/model' }), { clusterStack: 'cluster', k6Job: false, baseDir: resolve(root, 'experiments/defs') });
  assert.equal([r.autoscaler, JSON.parse(r.autoscalerSpec), r.agentModel], ['rl', { name: 'dqn-weak-sla', type: 'dqn' }, 'dqn-weak-sla']);
  assert.is(stackConfigForCell(cell({ name: 'hybrid', type: 'hybrid' }), { clusterStack: 'cluster', k6Job: false }).agentModel, 'hybrid');
});

test('a cell the real path cannot run as simulated is refused before any stack exists, naming why', () => {
  const o = { clusterStack: 'cluster', k6Job: false, baseDir: resolve(root, 'experiments/defs') };
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    ['a controller flag', { name: 'hpa-tol', type: 'hpa', tolerance: 0.05 }, /autoscalerSpec\.tolerance.*kube-controller-manager flag/],
    ['an external metric', { name: 'hpa-rps', type: 'hpa', metrics: [{ type: 'External', source: 'rps', targetAverageValueMilli: 30000 }] }, /metrics\[0\].*Resource metric/],
    ['a model outside models/', { name: 'mine', type: 'dqn', model: '/tmp/my-model' }, /not a committed model/],
    ['a model on a type without one', { name: 'kpa', type: 'kpa', model: 'x' }, /loads no model/],
  ];
  for (const [what, spec, message] of cases) {
    assert.throws(() => stackConfigForCell(cell(spec), o), (e: Error) => e.name === 'RealPathUnsupportedError' && message.test(e.message), what);
  }
});

test('the agent image the user pushed reaches agent cells only; without one the stack keeps Pulumi.yaml\'s default', () => {
  const o = { clusterStack: 'cluster', k6Job: false, agentImage: '10.0.0.5:32000/scalelab-agent:0.1.0' };
  assert.is(stackConfigForCell(cell({ name: 'hybrid', type: 'hybrid' }), o).agentImage, '10.0.0.5:32000/scalelab-agent:0.1.0');
  assert.is(stackConfigForCell(cell({ name: 'hpa-70', type: 'hpa' }), o).agentImage, undefined);
  assert.is('agentImage' in stackConfigForCell(cell({ name: 'hybrid', type: 'hybrid' }), { clusterStack: 'cluster', k6Job: false }), false);
});

test("the cell config passes the scenario stack validation (the plant's requests, limits and bounds carry over)", () => {
  const values = stackConfigForCell(cell({ name: 'kpa', type: 'kpa' }), { clusterStack: 'org/scalelab/cluster', k6Job: true });
  const { stackKind: _kind, ...rest } = values;
  const c = parseScenarioConfig(stackNameForCell(cell({ name: 'kpa', type: 'kpa' })), rest);
  assert.is(c.maxReplicas, 12);
  assert.is(c.cpuRequestMilli, defaultPlantConfig.cpuRequestMilli);
  assert.is(c.cpuLimitMilli, defaultPlantConfig.cpuLimitMilli);
  assert.equal(JSON.parse(c.workloadSpec), { type: 'steady', rps: 5, durationSeconds: 60 });
  assert.is(c.seed, 3);
  assert.is(c.k6Job, true);
});

test('stack names are DNS-safe and short enough for the namespace; long names get a stable hash suffix', () => {
  assert.is(stackNameForCell(cell({ name: 'HPA_70', type: 'hpa' })), 'standard-spike-hpa-70-s3');
  const long = stackNameForCell(cell({ name: 'a-very-long-autoscaler-name-for-testing', type: 'kpa' }, 'an-experiment-with-a-long-name'));
  assert.ok(long.length <= 50 && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(long), long);
  assert.is(long, stackNameForCell(cell({ name: 'a-very-long-autoscaler-name-for-testing', type: 'kpa' }, 'an-experiment-with-a-long-name')));
  assert.ok(`scalelab-${long}`.length <= 63);
});
