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

/** A Gaussian headroom head whose mean is `h` on the default range [0, 1.5] (σ irrelevant: deployed = the mean). */
function fixedHeadroom(inputSize: number, h: number) {
  const net = buildMlp({ inputSize, hiddenUnits: [], outputSize: 2, seed: 1 });
  const p = h / 1.5;
  net.setWeights([tf.zeros([inputSize, 2]), tf.tensor1d([Math.log(p / (1 - p)), 0])]);
  return net;
}

const obs = (p: Partial<Observation> = {}): Observation => ({
  nowSeconds: 15, specReplicas: 4, readyReplicas: 4, startingReplicas: 0, pendingReplicas: 0, minReplicas: 1, maxReplicas: 20,
  pods: [{ name: 'p', phase: 'Running', ready: true, deleting: false, cpuRequestMilli: 250, memoryRequestMiB: 256 }],
  rps: 400, latencyP95Ms: 50, errorRate: 0, cpuUtilization: 0.8, memoryUtilization: 0.5, cpuUsageCores: 2, ...p,
});

const base = { actionSet: 'multiplicative-6' as const, observation: defaultObservationConfig, slaLatencyMs: 200, periodSeconds: 15 };
const n = observationSize(defaultObservationConfig);

test('a DQN autoscaler applies its greedy action through the shared encoding (×2 from 4 → 8) and holds without data', () => {
  const a = createRlAutoscaler({ ...base, agent: 'dqn', actionNetwork: fixed(n, 6, 5) });
  assert.equal(a.decide(obs()), { replicas: 8, reason: 'RlScaleUp' });
  assert.equal(a.decide(obs({ rps: undefined })), { replicas: 4, reason: 'NoData' });
  assert.is(a.periodSeconds, 15);
});

test("the hybrid's headroom overrides a DQN scale-down with the floor (2 cores used = 8 pods at request, h = 1 → ⌈16/1.3⌉ = 13 pods)", () => {
  const observation = { ...defaultObservationConfig, includeSetpoint: true };
  const a = createRlAutoscaler({ ...base, observation, agent: 'hybrid', actionNetwork: fixed(n + 1, 6, 1), headroomNetwork: fixedHeadroom(n + 1, 1), hybrid: defaultHybridConfig });
  assert.equal(a.decide(obs()), { replicas: 13, reason: 'HeadroomFloor' });
  // 0.5 cores used = 2 pods at request; h = 0 → ⌈2/1.3⌉ = 2 pods: the scale-down to 3 goes through.
  const low = createRlAutoscaler({ ...base, observation, agent: 'hybrid', actionNetwork: fixed(n + 1, 6, 1), headroomNetwork: fixedHeadroom(n + 1, 1e-9), hybrid: defaultHybridConfig });
  assert.equal(low.decide(obs({ cpuUsageCores: 0.5 })), { replicas: 3, reason: 'RlScaleDown' });
  // The ablation's fixed headroom replaces the network: h = 1.5 → ⌈8 × 2.5 / 1.3⌉ = 16 pods.
  const fixedH = createRlAutoscaler({ ...base, observation, agent: 'hybrid', actionNetwork: fixed(n + 1, 6, 1), headroomNetwork: fixedHeadroom(n + 1, 1), fixedHeadroom: 1.5, hybrid: defaultHybridConfig });
  assert.equal(fixedH.decide(obs()), { replicas: 16, reason: 'HeadroomFloor' });
});

test('the constrained hybrid passes its proposal through the safety layer (scale-down near the SLA is blocked)', () => {
  const observation = { ...defaultObservationConfig, includeSetpoint: true };
  const a = createRlAutoscaler({ ...base, observation, agent: 'hybrid-constrained', actionNetwork: fixed(n + 1, 6, 1), headroomNetwork: fixedHeadroom(n + 1, 1e-9), hybrid: defaultHybridConfig, safety: defaultSafetyConfig });
  assert.equal(a.decide(obs({ latencyP95Ms: 180, cpuUsageCores: 0.5 })), { replicas: 4, reason: 'SafetyBlockScaleDown' });
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

test('the ablation parameter fixedHeadroom is refused with the field named: on a DQN, out of range, or on a non-hybrid model', async () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ name: 'x', type: 'dqn', fixedHeadroom: 0.5 }, /^fixedHeadroom: .*no such parameter for type "dqn"/],
    [{ name: 'x', type: 'hybrid', fixedHeadroom: -1 }, /^fixedHeadroom: got -1, expected a number in \[0, 10\]/],
    [{ name: 'x', type: 'hybrid', fixedHeadroom: 'high' }, /^fixedHeadroom: got "high"/],
    [{ name: 'x', type: 'hybrid', fixedHeadroom: 0.5, model: join(root, 'dqn') }, /is a dqn model, not hybrid/],
  ];
  for (const [spec, message] of cases) {
    try {
      await createAutoscaler(spec);
      assert.unreachable(JSON.stringify(spec));
    } catch (e) {
      assert.match((e as Error).message, message, JSON.stringify(spec));
    }
  }
  // The committed hybrid with a fixed headroom loads and reports it as the ablation row would.
  const fixedH = await createAutoscaler({ name: 'hybrid-fixed-h05', type: 'hybrid', fixedHeadroom: 0.5 });
  assert.is(fixedH.name, 'hybrid-fixed-h05');
});

after(() => rmSync(root, { recursive: true, force: true }));
