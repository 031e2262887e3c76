// Comparing two committed models on the same observations: a model agrees with itself everywhere, and for two
// different models the agreement, the mean replica difference and the disagreement stretches equal what the two
// deployed autoscalers (loadRlAutoscaler) decide when both are fed the observations of A's run.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { loadRlAutoscaler } from '../../../agent/rl/index.ts';
import type { Observation } from '../../../lib/ports.ts';
import { MODELS_DIR } from '../../../lib/paths.ts';
import { loadInspectableModel } from '../../../experiments/model-inspect/model-decider.ts';
import { diffModels } from '../../../experiments/model-inspect/diff-models.ts';
import { rolloutModel } from '../../../experiments/model-inspect/rollout.ts';

const scenario = { scenario: 'sudden-spike', baseRps: 100, peakRps: 600, durationSeconds: 900, seed: 2 };
const dir = (name: string) => join(MODELS_DIR, name, 'model');
const dqn = await loadInspectableModel(dir('dqn'));
const hybrid = await loadInspectableModel(dir('hybrid'));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

test('model diff: a model compared with itself agrees on every decision (diagonal confusion, no stretches)', () => {
  const d = diffModels(dqn, dqn, scenario);
  assert.equal([d.actionAgreement, d.replicaAgreement, d.directionAgreement, d.meanReplicaDifference], [1, 1, 1, 0]);
  for (const a of d.a.actions) for (const b of d.b.actions) if (a !== b) assert.is(d.confusion[a][b], 0);
  assert.is(sum(Object.values(d.confusion).flatMap((row) => Object.values(row))), d.scenario.decisions);
  assert.equal(d.disagreements, []);
  assert.equal([d.sameActionDifferentReplicas, d.meanHeadroom], [0, { a: null, b: null }]);
});

test('model diff: DQN vs the hybrid matches the two deployed autoscalers fed A\'s observations', async () => {
  const d = diffModels(dqn, hybrid, scenario);
  // Independent twin: replay A's run, ask both deployed autoscalers on each observation.
  let headroom = NaN;
  const [a, b] = [await loadRlAutoscaler(dir('dqn')), await loadRlAutoscaler(dir('hybrid'), undefined, undefined, { onHeadroom: (h) => (headroom = h) })];
  const rows: { t: number; a: number; b: number; headroom: number }[] = [];
  rolloutModel(dqn, scenario, [], (o: Observation) => {
    const [ra, rb] = [a.decide(o).replicas, b.decide(o).replicas];
    rows.push({ t: o.nowSeconds / 60, a: ra, b: rb, headroom });
  });
  const n = rows.length;
  assert.is(d.scenario.decisions, n);
  assert.is(d.replicaAgreement, rows.filter((r) => r.a === r.b).length / n);
  assert.ok(Math.abs(d.meanReplicaDifference - sum(rows.map((r) => r.b - r.a)) / n) < 1e-12);
  assert.ok(d.replicaAgreement < 1, 'the two models differ somewhere on this scenario');
  assert.is(d.meanHeadroom.a, null);
  assert.ok(Math.abs(d.meanHeadroom.b! - sum(rows.map((r) => r.headroom)) / n) < 1e-6);
  // Stretches: maximal runs of consecutive differing decisions, with their first and last minute.
  const expected: { fromMinute: number; toMinute: number; decisions: number }[] = [];
  rows.forEach((r, i) => {
    if (r.a === r.b) return;
    if (i > 0 && rows[i - 1].a !== rows[i - 1].b) Object.assign(expected[expected.length - 1], { toMinute: r.t, decisions: expected[expected.length - 1].decisions + 1 });
    else expected.push({ fromMinute: r.t, toMinute: r.t, decisions: 1 });
  });
  assert.equal(d.disagreements.map(({ fromMinute, toMinute, decisions }) => ({ fromMinute, toMinute, decisions })), expected);
  for (const s of d.disagreements) assert.is(sum(Object.values(s.a)), s.decisions);
  const diagonal = sum(d.a.actions.map((x) => d.confusion[x][x]));
  assert.ok(Math.abs(diagonal / n - d.actionAgreement!) < 1e-12);
});

test('model diff: models with different decision periods are refused, naming both periods', () => {
  const slow = { ...hybrid, env: { ...hybrid.env, decisionPeriodSeconds: 30 } };
  assert.throws(() => diffModels(dqn, slow, scenario), /A decides every 15 s and B every 30 s; expected two models with the same decision period/);
});
