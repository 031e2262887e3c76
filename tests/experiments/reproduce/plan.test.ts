import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withTrainedAgents } from '../../../experiments/reproduce/plan.ts';

test('trained agents whose model exists join the experiment (renamed <name>-rl); others and duplicates do not', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-models-'));
  try {
    for (const name of ['dqn', 'dqn-weak-sla']) {
      mkdirSync(join(dir, 'models', name, 'model'), { recursive: true });
      writeFileSync(join(dir, 'models', name, 'model', 'provenance.json'), '{}');
    }
    mkdirSync(join(dir, 'models', 'ppo'), { recursive: true }); // a log but no model: not added
    const def = { name: 'standard', seeds: [1], scenarios: [], autoscalers: [{ name: 'hpa-70', type: 'hpa' }] };
    const base = join(dir, 'experiments', 'defs');
    const r = withTrainedAgents(def, base, join(dir, 'models'));
    assert.equal(r.added, ['dqn', 'dqn-weak-sla']);
    assert.is(r.def.name, 'standard-rl');
    assert.equal(r.def.autoscalers.slice(1), [
      { name: 'dqn', type: 'dqn', model: '../../models/dqn/model' },
      { name: 'dqn-weak-sla', type: 'dqn', model: '../../models/dqn-weak-sla/model' },
    ]);
    const again = withTrainedAgents({ ...def, autoscalers: [{ name: 'dqn', type: 'dqn' }, { name: 'dqn-weak-sla', type: 'dqn' }] }, base, join(dir, 'models'));
    assert.equal(again.added, []);
    assert.is(again.def.name, 'standard');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
