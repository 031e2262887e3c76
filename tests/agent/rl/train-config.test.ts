import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { parseTrainConfig } from '../../../agent/rl/train-config.ts';
import { defaultDqnConfig } from '../../../agent/rl/dqn.ts';
import { REWARD_VARIANTS } from '../../../agent/rl/reward.ts';

test('an empty config gives the documented defaults; fields override them', () => {
  const c = parseTrainConfig({});
  assert.equal(c.dqn, defaultDqnConfig);
  assert.is(c.env.actionSet, 'thesis-3');
  assert.is(parseTrainConfig({ dqn: { gamma: 0.5 } }).dqn.gamma, 0.5);
  assert.is(parseTrainConfig({ constraint: { delta: 0.1 } }).constraint.delta, 0.1);
});

test('a reward variant sets its weights (weak-sla lowers the SLA penalty)', () => {
  const c = parseTrainConfig({ rewardVariant: 'weak-sla' });
  assert.is(c.env.reward.violationWeight, REWARD_VARIANTS['weak-sla'].violationWeight);
});

const bad: [string, unknown, RegExp][] = [
  ['a probability above 1', { dqn: { gamma: 1.5 } }, /config\.dqn\.gamma = 1\.5: expected a number in \[0, 1\]/],
  ['a string where a number belongs', { ppo: { epochs: 'four' } }, /config\.ppo\.epochs = "four": expected an integer ≥ 1/],
  ['a fractional batch size', { dqn: { batchSize: 3.5 } }, /config\.dqn\.batchSize = 3\.5/],
  ['an unknown field', { dqn: { gama: 0.9 } }, /config\.dqn\.gama .*no such field/],
  ['an unknown action set', { env: { actionSet: 'x3' } }, /config\.env\.actionSet = "x3": expected one of thesis-3, multiplicative-6/],
  ['an unknown reward variant', { rewardVariant: 'harsh' }, /config\.rewardVariant = "harsh"/],
  ['an unknown top-level key', { epochs: 3 }, /config\.epochs/],
  ['a non-object config', [1], /config = \[1\]: expected a JSON object/],
  ['a zero-width hidden layer', { dqn: { hiddenUnits: [64, 0] } }, /config\.dqn\.hiddenUnits\[1\] = 0: expected an integer ≥ 1/],
  ['a fractional hidden layer', { ppo: { hiddenUnits: [1.5] } }, /config\.ppo\.hiddenUnits\[0\] = 1\.5: expected an integer ≥ 1/],
  ['an unknown episode scenario', { env: { episodes: { scenarios: ['steady', 'tsunami'] } } }, /config\.env\.episodes\.scenarios\[1\] = "tsunami": expected one of steady/],
  ['a one-element rate range', { env: { episodes: { baseRps: [5] } } }, /config\.env\.episodes\.baseRps = \[5\]: expected a range \[min, max\]/],
  ['a reversed rate range', { env: { episodes: { peakRps: [500, 100] } } }, /config\.env\.episodes\.peakRps = \[500,100\]: expected a range/],
  ['a negative rate', { env: { episodes: { baseRps: [-5, 10] } } }, /config\.env\.episodes\.baseRps\[0\] = -5: expected a number ≥ 0/],
  ['a decision period longer than the episode', { env: { decisionPeriodSeconds: 3600 } }, /config\.env\.decisionPeriodSeconds = 3600: expected ≤ config\.env\.episodes\.durationSeconds \(1800\)/],
  ['an invalid plant', { env: { plant: { maxReplicas: 0 } } }, /config\.env\.plant\.maxReplicas = 0: expected an integer/],
];
for (const [name, value, message] of bad) {
  test(`refuses ${name}, naming the field, the value and the expectation`, () => {
    assert.throws(() => parseTrainConfig(value), message);
  });
}

test('every committed training config still parses', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const dir = new URL('../../../models/configs/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  assert.ok(files.length >= 6);
  for (const f of files) parseTrainConfig(JSON.parse(readFileSync(new URL(f, dir), 'utf8')));
  assert.is(parseTrainConfig({ env: { episodes: { scenarios: ['Sudden Spike'] } } }).env.episodes.scenarios[0], 'Sudden Spike');
});
