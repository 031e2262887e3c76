// The inspection charts' action legend: a reader's label per action and colours by what the action does
// (scale-downs blue, hold grey, scale-ups orange to red, darker = stronger), in the action set's order.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { ACTION_SETS } from '../../agent/rl/index.ts';
import { actionColours, actionLabel } from '../../cli/commands/model-charts.ts';

test('actionLabel names deltas in pods and factors as multiplications', () => {
  const cases: [Parameters<typeof actionLabel>[0], string][] = [
    [{ name: '+1', delta: 1 }, '+1 pod'],
    [{ name: '-1', delta: -1 }, '−1 pod'],
    [{ name: '+3', delta: 3 }, '+3 pods'],
    [{ name: 'hold', delta: 0 }, 'hold'],
    [{ name: 'x2', factor: 2 }, '×2'],
    [{ name: 'x0.5', factor: 0.5 }, '×0.5'],
  ];
  for (const [action, label] of cases) assert.is(actionLabel(action), label, action.name);
});

test('multiplicative-6: ×0.5 is the darkest blue, −1 the lightest, hold grey, +1 < ×1.5 < ×2 from orange to dark red', () => {
  assert.equal(actionColours(ACTION_SETS['multiplicative-6']).map((a) => [a.name, a.label, a.colour]), [
    ['x0.5', '×0.5', '#2c5c9c'],
    ['-1', '−1 pod', '#abd9e9'],
    ['hold', 'hold', '#e3e3e3'],
    ['+1', '+1 pod', '#fdae61'],
    ['x1.5', '×1.5', '#f46d43'],
    ['x2', '×2', '#b2182b'],
  ]);
});

test('thesis-3: one action per direction takes the middle shade', () => {
  assert.equal(actionColours(ACTION_SETS['thesis-3']).map((a) => a.colour), ['#74add1', '#e3e3e3', '#f46d43']);
});
