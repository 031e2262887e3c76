import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { expandCells } from '../../experiments/cells.ts';
import { canonicalJson, configHash } from '../../experiments/config-hash.ts';
import type { ExperimentDef } from '../../experiments/experiment.ts';

const def: ExperimentDef = {
  name: 'x',
  seeds: [1, 2],
  plant: { maxReplicas: 8 },
  scenarios: [
    { name: 'a', workload: { type: 'steady', rps: 10, durationSeconds: 60 } },
    { name: 'b', workload: { type: 'steady', rps: 20, durationSeconds: 60 }, plant: { maxReplicas: 4 }, durationSeconds: 30 },
  ],
  autoscalers: [{ name: 'r', type: 'rule-based' }, { name: 'k', type: 'kpa' }, { name: 'p', type: 'predictive' }],
};

test('cells: scenarios × autoscalers × seeds, scenario-major, with per-scenario plant overrides', () => {
  const cells = expandCells(def);
  assert.is(cells.length, 2 * 3 * 2);
  assert.equal(cells.slice(0, 4).map((c) => c.key), ['a/r/1', 'a/r/2', 'a/k/1', 'a/k/2']);
  assert.equal(cells.map((c) => c.index), [...cells.keys()]);
  assert.is(cells[0].config.plant.maxReplicas, 8);
  assert.is(cells[11].config.plant.maxReplicas, 4);
  assert.is(cells[11].config.durationSeconds, 30);
  assert.is(cells[0].config.durationSeconds, null);
  assert.is(new Set(cells.map((c) => c.config.hash)).size, cells.length, 'every cell has its own hash');
});

test('cells: the hash ignores key order but changes with any parameter', () => {
  const base = expandCells(def)[2].config.hash;
  const reordered: ExperimentDef = { ...def, autoscalers: [def.autoscalers[0], { type: 'kpa', name: 'k' }, def.autoscalers[2]] };
  assert.is(expandCells(reordered)[2].config.hash, base);
  const changed: ExperimentDef = { ...def, autoscalers: [def.autoscalers[0], { name: 'k', type: 'kpa', panicThreshold: 3 }, def.autoscalers[2]] };
  assert.is.not(expandCells(changed)[2].config.hash, base);
  assert.is.not(expandCells({ ...def, plant: { maxReplicas: 9 } })[2].config.hash, base);
});

test('configHash: canonical JSON sorts keys at every level and drops undefined', () => {
  assert.is(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } }), '{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  assert.is(configHash({ a: 1, b: 2 }), configHash({ b: 2, a: 1 }));
  assert.match(configHash({}), /^[0-9a-f]{16}$/);
});
