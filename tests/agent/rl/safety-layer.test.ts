import { test } from 'node:test';
import * as assert from 'uvu/assert';
import type { Observation } from '../../../lib/ports.ts';
import { applySafetyLayer, type SafetyIntervention } from '../../../agent/rl/safety-layer.ts';

const obs = (p: Partial<Observation>): Observation => ({
  nowSeconds: 0, specReplicas: 5, readyReplicas: 5, startingReplicas: 0, pendingReplicas: 0, minReplicas: 1, maxReplicas: 20, pods: [],
  latencyP95Ms: 100, errorRate: 0, cpuUtilization: 0.8, rps: 100, ...p,
});

// SLA 200 ms; defaults: near = 0.8·SLA = 160 ms, violation = 1.2·SLA = 240 ms or 2 % errors, idle = CPU < 0.3 and P95 < 60 ms.
const rules: [string, number, Partial<Observation>, number, SafetyIntervention][] = [
  ['a scale-down at comfortable latency passes', 4, {}, 4, 'None'],
  ['a scale-down near the threshold (170 ms) is blocked', 4, { latencyP95Ms: 170 }, 5, 'BlockScaleDown'],
  ['a scale-down without latency data is blocked', 3, { latencyP95Ms: undefined }, 5, 'BlockScaleDown'],
  ['a hold during a clear violation (300 ms) becomes +1', 5, { latencyP95Ms: 300 }, 6, 'ForceScaleUp'],
  ['a scale-down during errors (5 %) becomes +1', 4, { errorRate: 0.05 }, 6, 'ForceScaleUp'],
  ['a large scale-up during a violation is kept as proposed', 9, { latencyP95Ms: 300 }, 9, 'None'],
  ['a violation at max replicas cannot force more pods; the scale-down is still blocked', 4, { latencyP95Ms: 300, specReplicas: 20 }, 20, 'BlockScaleDown'],
  ['a scale-up while idle (CPU 0.1, 30 ms) is blocked', 6, { cpuUtilization: 0.1, latencyP95Ms: 30 }, 5, 'BlockScaleUp'],
  ['a scale-up at low CPU but rising latency (100 ms) passes', 6, { cpuUtilization: 0.1, latencyP95Ms: 100 }, 6, 'None'],
  ['a hold is never changed at normal load', 5, {}, 5, 'None'],
];

for (const [name, proposed, o, replicas, intervention] of rules) {
  test(name, () => {
    const observation = obs(o);
    assert.equal(applySafetyLayer(proposed, observation.specReplicas, observation, 200), { replicas, intervention });
  });
}
