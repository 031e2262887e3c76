import { test } from 'uvu';
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
];
for (const [name, value, message] of bad) {
  test(`refuses ${name}, naming the field, the value and the expectation`, () => {
    assert.throws(() => parseTrainConfig(value), message);
  });
}

test.run();
