// Inspecting the committed models: counts add up, the reward is minus its terms, the policy grid and the hybrid's
// headroom agree with the networks evaluated through tfjs-layers' own predict() and PPO's documented Gaussian head
// (mean = low + (high − low)·sigmoid(out₀)), the floor decisions match a hand calculation, and feature units map back.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { MODELS_DIR } from '../../../lib/paths.ts';
import { loadInspectableModel } from '../../../experiments/model-inspect/model-decider.ts';
import { inspectModel } from '../../../experiments/model-inspect/inspect-model.ts';
import { rolloutModel } from '../../../experiments/model-inspect/rollout.ts';
import { featureUnit } from '../../../experiments/model-inspect/feature-units.ts';
import { defaultObservationConfig } from '../../../agent/rl/index.ts';

const scenario = { scenario: 'sudden-spike', baseRps: 100, peakRps: 600, durationSeconds: 600, seed: 2 };
const dqn = await loadInspectableModel(join(MODELS_DIR, 'dqn', 'model'));
const hybrid = await loadInspectableModel(join(MODELS_DIR, 'hybrid', 'model'));
const predict = (net: typeof dqn.actionNetwork, rows: number[][]) => tf.tidy(() => (net.predict(tf.tensor2d(rows)) as tf.Tensor).arraySync() as number[][]);

test('model inspect: provenance and spaces come from the model folder; the histogram and reasons count every decision', () => {
  const r = inspectModel(dqn, scenario, { x: 'rps', y: 'pods' });
  assert.equal([r.model.agent, r.model.seed, r.model.steps], ['dqn', dqn.provenance.seed, dqn.provenance.steps]);
  assert.is(r.observation.size, 13);
  assert.equal(r.observation.features.slice(0, 3), ['cpu', 'cpuAvg', 'cpuMax']);
  assert.equal(r.actions, ['x0.5', '-1', 'hold', '+1', 'x1.5', 'x2']);
  assert.is(r.scenario.decisions, 600 / 15 - 1);
  assert.is(Object.values(r.actionHistogram).reduce((a, b) => a + b, 0), r.scenario.decisions);
  assert.is(Object.values(r.reasons).reduce((a, b) => a + b, 0), r.scenario.decisions);
  assert.ok(Math.abs(r.reward.total + (r.reward.sla + r.reward.utilization + r.reward.cost + r.reward.risk)) < 1e-9, 'reward = −(sum of its penalty terms)');
  assert.is(r.headroom, null, 'a DQN has no headroom policy');
  assert.is(r.timeline.length, r.scenario.decisions);
  assert.equal(r.timeline.slice(0, 2).map((p) => p.tMinutes), [0.25, 0.5]);
});

test('model inspect: the policy grid is the argmax of the network as tfjs-layers predict() computes it', () => {
  const r = inspectModel(dqn, scenario, { x: 'rps', y: 'cpu' });
  assert.is(r.grid.points.length, 21 * 21);
  assert.equal(r.grid.values.slice(0, 3), [0, 0.05, 0.1]);
  const [xi, yi] = [dqn.features.indexOf('rps'), dqn.features.indexOf('cpu')];
  const base = dqn.features.map((f) => r.grid.base[f]);
  const rows = r.grid.points.map((p) => base.map((v, i) => (i === xi ? p.x : i === yi ? p.y : v)));
  const expected = predict(dqn.actionNetwork, rows).map((q) => dqn.actionNames[q.indexOf(Math.max(...q))]);
  assert.equal(r.grid.points.map((p) => p.action), expected);
  assert.ok(new Set(expected).size >= 2, 'the policy changes across the grid');
  assert.is(r.grid.visited.length, r.scenario.decisions);
});

test('model inspect: the hybrid\'s headroom is PPO\'s Gaussian mean, re-chosen only every ppoPeriod decisions', () => {
  const steps = rolloutModel(hybrid, scenario);
  const period = hybrid.hybrid!.ppoPeriod;
  const [low, high] = hybrid.hybrid!.headroomRange;
  const choices = steps.filter((_, i) => i % period === 0);
  // PPO sees the features with the previous setpoint; the decider overwrites the last feature afterwards, so
  // rebuild the input PPO saw from the previous choice.
  let previous = low;
  for (const s of choices) {
    const seen = [...s.decision.features];
    seen[seen.length - 1] = (previous - low) / (high - low);
    const out = predict(hybrid.headroomNetwork!, [seen])[0];
    const mean = low + (high - low) / (1 + Math.exp(-out[0]));
    assert.ok(Math.abs(s.decision.headroom! - mean) < 1e-5, `${s.decision.headroom} vs ${mean}`);
    previous = s.decision.headroom!;
  }
  steps.forEach((s, i) => assert.is(s.decision.headroom, steps[i - (i % period)].decision.headroom));
  const r = inspectModel(hybrid, scenario, { x: 'rps', y: 'pods' });
  const h = r.timeline.map((p) => p.headroom!);
  assert.is(r.headroom!.choices, Math.ceil(steps.length / period));
  assert.ok(Math.abs(r.headroom!.mean - h.reduce((a, b) => a + b, 0) / h.length) < 1e-12);
  assert.ok(r.grid.points.every((p) => p.headroom !== undefined && p.headroom >= low && p.headroom <= high));
});

test('model inspect: a HeadroomFloor decision is ceil(CPU in pods × (1 + h) / floorUtilization), by hand', () => {
  const steps = rolloutModel(hybrid, scenario).filter((s) => s.decision.reason === 'HeadroomFloor');
  assert.ok(steps.length > 0);
  for (const s of steps) {
    const podsOfCpu = s.observation.cpuUsageCores! / 0.25; // the plant's pods request 250m
    const floor = Math.ceil((podsOfCpu * (1 + s.decision.headroom!)) / hybrid.hybrid!.floorUtilization - 1e-9);
    assert.is(s.decision.replicas, Math.min(20, floor));
  }
});

test('model inspect: unknown and equal grid features are refused by name', () => {
  assert.throws(() => inspectModel(dqn, scenario, { x: 'rps', y: 'setpoint' }), /--features: "setpoint" is not a feature of this model/);
  assert.throws(() => inspectModel(dqn, scenario, { x: 'pods', y: 'pods' }), /two different features/);
  assert.throws(() => inspectModel(dqn, { ...scenario, scenario: 'tsunami' }, { x: 'rps', y: 'pods' }), /--scenario: got "tsunami"/);
});

test('feature units: the default observation scales map features back to req/s, %, pods and the headroom range', () => {
  const o = defaultObservationConfig;
  const at = (name: string, f: number, range?: number[]) => { const u = featureUnit(name, o, range); return u.offset + u.scale * f; };
  const cases: [string, number, number, number[]?][] = [
    ['rps', 0.3, 600], // rpsScale 2,000 req/s
    ['cpu', 0.5, 100], // cpuScale 2 = 200 % of request
    ['pods', 0.25, 5], // podScale 20
    ['latencyP95', 0.25, 200], // latencyScaleMs 800
    ['rpsTrend', 0.5, 0], // 0.5 = flat
    ['rpsTrend', 1, 500], // +rpsScale/4
    ['setpoint', 1, 1.5, [0, 1.5]],
  ];
  for (const [name, f, expected, range] of cases) assert.ok(Math.abs(at(name, f, range) - expected) < 1e-9, `${name} ${f} → ${at(name, f, range)}, expected ${expected}`);
});

test('model inspect: no tensor is left behind (the count does not grow over an inspection)', () => {
  const short = { ...scenario, durationSeconds: 120 };
  inspectModel(hybrid, short, { x: 'rps', y: 'pods' });
  const before = tf.memory().numTensors;
  inspectModel(hybrid, short, { x: 'rps', y: 'pods' });
  inspectModel(dqn, short, { x: 'cpu', y: 'latencyP95' });
  assert.is(tf.memory().numTensors, before);
});
