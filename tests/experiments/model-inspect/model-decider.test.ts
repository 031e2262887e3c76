// Twin test: the inspection's decider (which exposes the action index, network outputs and the hybrid's headroom)
// must decide exactly as the deployed autoscaler (agent/rl loadRlAutoscaler) on the same observations, for every
// committed model under models/ — on a whole simulated scenario and on random observation sequences the plant
// never produces (missing metrics, replicas at the bounds, bursts) — otherwise the inspection would describe another
// policy than the one that runs.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { loadRlAutoscaler } from '../../../agent/rl/index.ts';
import type { Observation } from '../../../lib/ports.ts';
import { MODELS_DIR } from '../../../lib/paths.ts';
import { createDecider, loadInspectableModel } from '../../../experiments/model-inspect/model-decider.ts';
import { rolloutModel } from '../../../experiments/model-inspect/rollout.ts';

const COMMITTED = readdirSync(MODELS_DIR).filter((name) => existsSync(join(MODELS_DIR, name, 'model', 'provenance.json'))).sort();
const scenario = { scenario: 'flash-crowd', baseRps: 100, peakRps: 900, durationSeconds: 900, seed: 3 };

test('the twin test covers the six committed models', () => {
  assert.equal(COMMITTED, ['dqn', 'dqn-balanced', 'dqn-weak-sla', 'hybrid', 'hybrid-constrained', 'ppo']);
});

/** A deployed autoscaler that also records the headroom PPO picks (the RlPolicy diagnostics hook). */
async function deployed(dir: string) {
  const headrooms: number[] = [];
  const autoscaler = await loadRlAutoscaler(dir, undefined, undefined, { onHeadroom: (h) => headrooms.push(h) });
  return { autoscaler, headrooms };
}

for (const name of COMMITTED) {
  const dir = join(MODELS_DIR, name, 'model');

  test(`model decider: ${name} decides exactly as the deployed autoscaler on every observation of a flash crowd`, async () => {
    const model = await loadInspectableModel(dir);
    const twin = await deployed(dir);
    const expected: { replicas: number; reason: string }[] = [];
    const steps = rolloutModel(model, scenario, [], (o: Observation) => expected.push(twin.autoscaler.decide(o)));
    assert.is(steps.length, 900 / 15 - 1);
    assert.equal(steps.map((s) => ({ replicas: s.decision.replicas, reason: s.decision.reason })), expected);
    assert.ok(new Set(steps.map((s) => s.decision.replicas)).size > 2, 'the flash crowd makes the model scale (a trivial all-hold run would prove little)');
    if (model.hybrid) {
      // PPO picks every ppoPeriod decisions; the decider reports the headroom in effect at each decision.
      const picked = steps.filter((_, i) => i % model.hybrid!.ppoPeriod === 0).map((s) => s.decision.headroom);
      assert.equal(picked, twin.headrooms);
      assert.ok(steps.some((s) => s.decision.reason === 'HeadroomFloor'), 'the floor is exercised');
    } else {
      assert.is(twin.headrooms.length, 0);
    }
  });

  test(`model decider: ${name} decides as the deployed autoscaler on random observation sequences`, async () => {
    const model = await loadInspectableModel(dir);
    const opt = (arb: fc.Arbitrary<number>) => fc.option(arb, { nil: undefined, freq: 4 });
    const observation = fc.record({
      specReplicas: fc.integer({ min: 1, max: 20 }),
      maxReplicas: fc.integer({ min: 1, max: 20 }),
      startingReplicas: fc.integer({ min: 0, max: 6 }),
      pendingReplicas: fc.integer({ min: 0, max: 3 }),
      rps: opt(fc.double({ min: 0, max: 3000, noNaN: true })),
      latencyP95Ms: opt(fc.double({ min: 1, max: 12_000, noNaN: true })),
      errorRate: opt(fc.double({ min: 0, max: 1, noNaN: true })),
      cpuUtilization: opt(fc.double({ min: 0, max: 2.5, noNaN: true })),
      cpuUsageCores: opt(fc.double({ min: 0, max: 12, noNaN: true })),
      memoryUtilization: opt(fc.double({ min: 0, max: 1.6, noNaN: true })),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(observation, { minLength: 1, maxLength: 24 }), async (rows) => {
        const twin = await deployed(dir);
        const decider = createDecider(model);
        rows.forEach((r, i) => {
          const maxReplicas = Math.max(r.maxReplicas, 1);
          const o: Observation = {
            ...r, nowSeconds: 15 * (i + 1), readyReplicas: r.specReplicas, minReplicas: 1, maxReplicas,
            pods: Array.from({ length: r.specReplicas }, (_, k) => ({ name: `p${k}`, phase: 'Running' as const, ready: true, deleting: false, cpuRequestMilli: 250, memoryRequestMiB: 256 })),
          };
          const mine = decider.decide(o);
          assert.equal({ replicas: mine.replicas, reason: mine.reason }, twin.autoscaler.decide(o));
        });
      }),
      { numRuns: 25, seed: 11 },
    );
  });
}
