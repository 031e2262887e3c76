// Inspecting and comparing the committed models: counts add up, the reward is minus its terms, the policy grid
// agrees with the network evaluated through tfjs-layers' own predict(), a model agrees with itself everywhere.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { loadInspectableModel } from '../../../experiments/model-inspect/model-decider.ts';
import { inspectModel } from '../../../experiments/model-inspect/inspect-model.ts';
import { diffModels } from '../../../experiments/model-inspect/diff-models.ts';

const MODELS = fileURLToPath(new URL('../../../models/', import.meta.url));
const scenario = { scenario: 'sudden-spike', baseRps: 100, peakRps: 600, durationSeconds: 600, seed: 2 };
const dqn = await loadInspectableModel(`${MODELS}dqn/model`);
const hybrid = await loadInspectableModel(`${MODELS}hybrid/model`);

test('model inspect: provenance and spaces come from the model folder; the histogram counts every decision', () => {
  const r = inspectModel(dqn, scenario, { x: 'rps', y: 'pods' });
  assert.equal([r.model.agent, r.model.seed, r.model.steps], ['dqn', 1, 30000]);
  assert.is(r.observation.size, 13);
  assert.equal(r.actions, ['x0.5', '-1', 'hold', '+1', 'x1.5', 'x2']);
  assert.is(r.scenario.decisions, 600 / 15 - 1);
  assert.is(Object.values(r.actionHistogram).reduce((a, b) => a + b, 0), r.scenario.decisions);
  assert.is(Object.values(r.reasons).reduce((a, b) => a + b, 0), r.scenario.decisions);
  assert.ok(Math.abs(r.reward.total + (r.reward.sla + r.reward.utilization + r.reward.cost + r.reward.risk)) < 1e-9, 'reward = −(sum of its penalty terms)');
  assert.is(r.headroom, null, 'a DQN has no headroom policy');
});

test('model inspect: the policy grid is the argmax of the network as tfjs-layers predict() computes it', () => {
  const r = inspectModel(dqn, scenario, { x: 'rps', y: 'cpu' });
  assert.is(r.grid.points.length, 21 * 21);
  assert.equal(r.grid.values.slice(0, 3), [0, 0.05, 0.1]);
  const [xi, yi] = [dqn.features.indexOf('rps'), dqn.features.indexOf('cpu')];
  const rows = r.grid.points.map((p) => r.grid.base.map((v, i) => (i === xi ? p.x : i === yi ? p.y : v)));
  const out = tf.tidy(() => (dqn.actionNetwork.predict(tf.tensor2d(rows)) as tf.Tensor).arraySync() as number[][]);
  const expected = out.map((q) => dqn.actionNames[q.indexOf(Math.max(...q))]);
  assert.equal(r.grid.points.map((p) => p.action), expected);
  assert.ok(new Set(expected).size >= 2, 'the policy changes across the grid');
});

test('model inspect: the hybrid reports its PPO headroom level at every decision, from its configured levels', () => {
  const r = inspectModel(hybrid, scenario, { x: 'rps', y: 'pods' });
  assert.ok(r.headroom !== null);
  assert.is(r.headroom!.length, r.scenario.decisions);
  for (const h of r.headroom!) assert.is(h.headroom, [-1, 0, 0.25, 0.5, 1][h.level]);
  assert.equal(r.headroom!.slice(0, 2).map((h) => h.tMinutes), [0, 0.25]);
});

test('model diff: a model compared with itself agrees on every decision (diagonal confusion)', () => {
  const d = diffModels(dqn, dqn, scenario);
  assert.equal([d.actionAgreement, d.replicaAgreement, d.directionAgreement], [1, 1, 1]);
  for (const a of d.a.actions) for (const b of d.b.actions) if (a !== b) assert.is(d.confusion[a][b], 0);
  assert.is(Object.values(d.confusion).flatMap((row) => Object.values(row)).reduce((x, y) => x + y, 0), d.scenario.decisions);
});

test('model diff: DQN and the hybrid disagree somewhere, and the confusion counts every decision', () => {
  const d = diffModels(dqn, hybrid, scenario);
  assert.ok(d.actionAgreement !== null && d.actionAgreement < 1);
  const total = Object.values(d.confusion).flatMap((row) => Object.values(row)).reduce((x, y) => x + y, 0);
  assert.is(total, d.scenario.decisions);
  const diagonal = d.a.actions.reduce((s, a) => s + d.confusion[a][a], 0);
  assert.ok(Math.abs(diagonal / total - d.actionAgreement!) < 1e-12);
});

