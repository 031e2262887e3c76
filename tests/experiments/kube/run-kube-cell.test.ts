import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { runKubeCell } from '../../../experiments/kube/run-kube-cell.ts';
import { defaultPlantConfig } from '../../../sim/config.ts';
import type { Cell } from '../../../experiments/cells.ts';

const cell: Cell = {
  index: 0,
  key: 'steady/hpa-70/1',
  experiment: 'standard',
  scenario: 'steady',
  autoscaler: 'hpa-70',
  seed: 1,
  config: { hash: '0123456789abcdef', durationSeconds: null, plant: defaultPlantConfig, workload: { type: 'steady', rps: 5, durationSeconds: 60 } as never, autoscaler: { name: 'hpa-70', type: 'hpa' } as never },
};

test('no cluster stack yet: the cell fails saying how to create it, and no scenario stack is touched', async () => {
  const calls: string[] = [];
  const stacks = {
    outputs: async (s: string) => { calls.push(`outputs ${s}`); throw new Error("no stack named 'cluster' found"); },
    up: async (s: string) => { calls.push(`up ${s}`); return {}; },
    destroy: async (s: string) => { calls.push(`destroy ${s}`); },
  };
  try {
    await runKubeCell(cell, { baseDir: '.' }, { stacks, clusterStack: 'cluster', sleep: async () => {}, readinessTimeoutSeconds: 1, stepSeconds: 15, log: () => {} });
    assert.unreachable('should fail');
  } catch (err) {
    assert.match((err as Error).message, /cluster stack cluster: cannot read its outputs; create it first with `pulumi up -s cluster`/);
    assert.match(String(((err as Error).cause as Error).message), /no stack named 'cluster'/);
  }
  assert.equal(calls, ['outputs cluster']);
});
