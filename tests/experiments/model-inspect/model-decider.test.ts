// Twin test: the inspection's decider (which exposes the action index, network outputs and headroom level) must
// decide exactly as the deployed autoscaler (agent/rl loadRlAutoscaler) on every observation of a scenario, for
// every committed model — otherwise the inspection would describe another policy than the one that runs.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { fileURLToPath } from 'node:url';
import { loadRlAutoscaler } from '../../../agent/rl/index.ts';
import type { Observation } from '../../../lib/ports.ts';
import { loadInspectableModel } from '../../../experiments/model-inspect/model-decider.ts';
import { rolloutModel } from '../../../experiments/model-inspect/rollout.ts';

const MODELS = fileURLToPath(new URL('../../../models/', import.meta.url));
const scenario = { scenario: 'flash-crowd', baseRps: 100, peakRps: 900, durationSeconds: 900, seed: 3 };

for (const name of ['dqn', 'ppo', 'hybrid', 'hybrid-constrained']) {
  test(`model decider: ${name} decides exactly as the deployed autoscaler on every observation of a scenario`, async () => {
    const dir = `${MODELS}${name}/model`;
    const model = await loadInspectableModel(dir);
    const deployed = await loadRlAutoscaler(dir);
    const expected: { replicas: number; reason: string }[] = [];
    const steps = rolloutModel(model, scenario, [], (o: Observation) => expected.push(deployed.decide(o) as { replicas: number; reason: string }));
    assert.ok(steps.length >= 55, `${steps.length} decisions`);
    assert.equal(steps.map((s) => [s.decision.replicas, s.decision.reason]), expected.map((d) => [d.replicas, d.reason]));
    assert.ok(new Set(steps.map((s) => s.decision.replicas)).size > 2, 'the flash crowd makes the model scale (a trivial all-hold run would prove little)');
    if (name.startsWith('hybrid')) assert.ok(steps.every((s) => s.decision.level !== undefined));
  });
}

