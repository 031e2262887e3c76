// Defect 1 of issue 9: the agent built `{ name, type, modelDir }`, which every factory rejects, and an HPA fallback
// with `targetCpuUtilizationPercent`, which the HPA parser does not know. Here the specs are built from real types
// only — the Deployment env the stack renders → parseControllerEnv → policySpec — and run through the registry's
// createAutoscaler, one named case per registered type (a new type without a case fails the coverage check).
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { join, resolve } from 'node:path';
import { autoscalerTypes, createAutoscaler } from '../../../agent/registry.ts';
import { parseHpaConfig } from '../../../agent/hpa/index.ts';
import { parseControllerEnv } from '../../../agent/controller/controller-env.ts';
import { FALLBACK_SPEC, policySpec } from '../../../agent/controller/policy-spec.ts';
import { buildAgentDeployment } from '../../../stacks/manifests/agent-deployment.ts';
import { parseScenarioConfig } from '../../../stacks/scenario-config.ts';
import { scenarioSpecFromConfig } from '../../../stacks/scenario-spec-from-config.ts';
import type { Observation } from '../../../lib/ports.ts';
import { readObservation } from '../../../agent/controller/read-observation.ts';
import { DEFAULT_CONTROLLER_CONFIG } from '../../../agent/controller/controller-loop.ts';
import { fakePrometheus, QUERIES } from './helpers/fakes.ts';

const MODELS = resolve(import.meta.dirname, '../../../models');

/** One row: the stack settings and what the agent must build from them. */
interface PolicyCase {
  what: string;
  agentPolicy: string;
  agentModel?: string;
  /** The model folder the built spec must name (undefined = no model). */
  model?: string;
}

const cases: PolicyCase[] = [
  { what: 'DQN loads the committed models/dqn', agentPolicy: 'dqn', model: join(MODELS, 'dqn', 'model') },
  { what: 'DQN can load a committed variant by name', agentPolicy: 'dqn', agentModel: 'dqn-weak-sla', model: join(MODELS, 'dqn-weak-sla', 'model') },
  { what: 'PPO loads models/ppo', agentPolicy: 'ppo', model: join(MODELS, 'ppo', 'model') },
  { what: 'the hybrid loads models/hybrid', agentPolicy: 'hybrid', model: join(MODELS, 'hybrid', 'model') },
  { what: 'the constrained hybrid (documented as "constrained") loads models/hybrid-constrained', agentPolicy: 'hybrid-constrained', model: join(MODELS, 'hybrid-constrained', 'model') },
  { what: 'the HPA algorithm runs in the agent without a model', agentPolicy: 'hpa' },
  { what: 'the KPA-like scaler', agentPolicy: 'kpa' },
  { what: 'the predictive scaler', agentPolicy: 'predictive' },
  { what: 'the rule-based scaler', agentPolicy: 'rule-based' },
  { what: 'the thesis HPA', agentPolicy: 'thesis-hpa' },
  { what: 'the thesis threshold scaler', agentPolicy: 'thesis-threshold' },
];

/** The env the agent container gets for these stack settings (the real builders, no hand-written env). */
function deploymentEnv(c: PolicyCase): Record<string, string> {
  const config = parseScenarioConfig('policy-test', { autoscaler: 'rl', agentPolicy: c.agentPolicy, ...(c.agentModel ? { agentModel: c.agentModel } : {}) });
  const spec = buildAgentDeployment(scenarioSpecFromConfig(config)).spec as { template: { spec: { containers: Array<{ env: Array<{ name: string; value: string }> }> } } };
  return Object.fromEntries(spec.template.spec.containers[0].env.map((e) => [e.name, e.value]));
}

const observation: Observation = {
  nowSeconds: 1000, specReplicas: 2, readyReplicas: 2, startingReplicas: 0, pendingReplicas: 0, minReplicas: 1, maxReplicas: 10,
  pods: [0, 1].map((i) => ({ name: `p${i}`, phase: 'Running', ready: true, deleting: false, startTimeSeconds: 0, readyTransitionTimeSeconds: 0, cpuRequestMilli: 100, cpuUsageMilli: 90, metricTimestampSeconds: 990, metricWindowSeconds: 60, memoryRequestMiB: 64, memoryUsageMiB: 32 })),
  rps: 40, latencyP95Ms: 80, errorRate: 0, cpuUtilization: 0.9, memoryUtilization: 0.5,
} as Observation;

test('every registered type has a case', () => {
  assert.equal([...new Set(cases.map((c) => c.agentPolicy))].sort(), autoscalerTypes());
});

for (const c of cases) {
  test(`the agent builds its policy from the rendered env: ${c.what}`, async () => {
    const spec = policySpec(parseControllerEnv(deploymentEnv(c)), MODELS);
    assert.is(spec.model, c.model);
    assert.is(spec.type, c.agentPolicy);
    const autoscaler = await createAutoscaler(spec);
    const d = autoscaler.decide(observation);
    assert.ok(Number.isFinite(d.replicas) && d.replicas >= 1, `${c.agentPolicy} decided ${JSON.stringify(d)}`);
  });
}

test('the HPA fallback builds, at 70 % CPU, through the same parser the simulator uses', async () => {
  const hpa = await createAutoscaler(FALLBACK_SPEC);
  assert.is(hpa.name, 'hpa-fallback');
  assert.equal(parseHpaConfig(FALLBACK_SPEC).metrics, [{ type: 'Resource', name: 'cpu', targetUtilization: 70 }]);
  // Upstream arithmetic: 2 pods at 90 % of a 70 % target → ceil(2 × 90 / 70) = 3.
  assert.is(hpa.decide(observation).replicas, 3);
});

test('on the observation the controller reads from Prometheus, the fallback scales 2 pods at 90 % CPU to 3', async () => {
  const prom = fakePrometheus({ CPU: 0.9, READY: 2, AGE: 5, RPS: 40 });
  const read = await readObservation(prom, QUERIES, { ...DEFAULT_CONTROLLER_CONFIG, scale: { specReplicas: 2, statusReplicas: 2 }, nowSeconds: 1000 });
  assert.ok(read.ok);
  const d = (await createAutoscaler(FALLBACK_SPEC)).decide(read.observation);
  assert.equal(d, { replicas: 3, reason: 'ScaleUp' });
});
