import { after, test } from 'node:test';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Observation } from '../../../lib/ports.ts';
import { initTf, tf } from '../../../agent/rl/tf.ts';
import { buildMlp } from '../../../agent/rl/mlp.ts';
import { saveAgentFiles } from '../../../agent/rl/model-files.ts';
import { defaultObservationConfig, observationSize } from '../../../agent/rl/observation-encoder.ts';
import { defaultHybridConfig } from '../../../agent/rl/hybrid.ts';
import { defaultSafetyConfig } from '../../../agent/rl/safety-layer.ts';
import { createRlAutoscaler } from '../../../agent/rl/rl-autoscaler.ts';
import { createAutoscaler } from '../../../agent/registry.ts';

await initTf();
const root = mkdtempSync(join(tmpdir(), 'scalelab-rl-'));

/** A linear network that always prefers output `best` (zero kernel, one large bias). */
function fixed(inputSize: number, outputs: number, best: number) {
  const net = buildMlp({ inputSize, hiddenUnits: [], outputSize: outputs, seed: 1 });
  const bias = new Float32Array(outputs);
  bias[best] = 5;
  net.setWeights([tf.zeros([inputSize, outputs]), tf.tensor1d(bias)]);
  return net;
}

const obs = (p: Partial<Observation> = {}): Observation => ({
  nowSeconds: 15, specReplicas: 4, readyReplicas: 4, startingReplicas: 0, pendingReplicas: 0, minReplicas: 1, maxReplicas: 20,
  pods: [{ name: 'p', phase: 'Running', ready: true, deleting: false, cpuRequestMilli: 250, memoryRequestMiB: 256 }],
  rps: 400, latencyP95Ms: 50, errorRate: 0, cpuUtilization: 0.8, memoryUtilization: 0.5, queueLength: 0, cpuPerRequestCoreSeconds: 0.005, ...p,
});

const base = { actionSet: 'multiplicative-6' as const, observation: defaultObservationConfig, slaLatencyMs: 200, periodSeconds: 15 };
const n = observationSize(defaultObservationConfig);

test('a DQN autoscaler applies its greedy action through the shared encoding (×2 from 4 → 8) and holds without data', () => {
  const a = createRlAutoscaler({ ...base, agent: 'dqn', actionNetwork: fixed(n, 6, 5) });
  assert.equal(a.decide(obs()), { replicas: 8, reason: 'RlScaleUp' });
  assert.equal(a.decide(obs({ rps: undefined })), { replicas: 4, reason: 'NoData' });
  assert.is(a.periodSeconds, 15);
});

test("the hybrid's headroom level overrides a DQN scale-down with the floor (400 req/s, h = 1 → 13 pods)", () => {
  const observation = { ...defaultObservationConfig, includeSetpoint: true };
  const a = createRlAutoscaler({ ...base, observation, agent: 'hybrid', actionNetwork: fixed(n + 1, 6, 1), headroomNetwork: fixed(n + 1, 5, 4), hybrid: defaultHybridConfig });
  assert.equal(a.decide(obs()), { replicas: 13, reason: 'HeadroomFloor' });
  const noFloor = createRlAutoscaler({ ...base, observation, agent: 'hybrid', actionNetwork: fixed(n + 1, 6, 1), headroomNetwork: fixed(n + 1, 5, 0), hybrid: defaultHybridConfig });
  assert.equal(noFloor.decide(obs()), { replicas: 3, reason: 'RlScaleDown' });
});

test('the constrained hybrid passes its proposal through the safety layer (scale-down near the SLA is blocked)', () => {
  const observation = { ...defaultObservationConfig, includeSetpoint: true };
  const a = createRlAutoscaler({ ...base, observation, agent: 'hybrid-constrained', actionNetwork: fixed(n + 1, 6, 1), headroomNetwork: fixed(n + 1, 5, 0), hybrid: defaultHybridConfig, safety: defaultSafetyConfig });
  assert.equal(a.decide(obs({ latencyP95Ms: 180 })), { replicas: 4, reason: 'SafetyBlockScaleDown' });
});

test('the registry loads a saved model by path and names the problem when the folder is incomplete', async () => {
  const dir = join(root, 'dqn');
  const config = { env: { actionSet: 'multiplicative-6', observation: defaultObservationConfig, decisionPeriodSeconds: 15, plant: { slaLatencyMs: 200 } } };
  await saveAgentFiles(dir, { q: fixed(n, 6, 3) }, {
    schema: 'scalelab.rl-model/v1', agent: 'dqn', observationSize: n, actionNames: [], seed: 1, steps: 1, config, codeVersion: 't', backend: 'wasm',
  });
  const a = await createAutoscaler({ name: 'dqn-test', type: 'dqn', model: dir });
  assert.is(a.name, 'dqn-test');
  assert.equal(a.decide(obs()), { replicas: 5, reason: 'RlScaleUp' });
  try {
    await createAutoscaler({ name: 'x', type: 'dqn', model: join(root, 'missing') });
    assert.unreachable();
  } catch (e) {
    assert.match((e as Error).message, /^model: model directory .*missing does not exist/);
  }
  try {
    await createAutoscaler({ name: 'x', type: 'ppo', model: dir });
    assert.unreachable();
  } catch (e) {
    assert.match((e as Error).message, /is a dqn model, not ppo/);
  }
});

after(() => rmSync(root, { recursive: true, force: true }));
