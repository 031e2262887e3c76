import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { probabilityOfImprovement } from '../../../reports/stats/probability-of-improvement.ts';
import { mannWhitneyU } from '../../../reports/stats/mann-whitney.ts';

test('probability of improvement counts wins and half ties over all pairs (hand count 4.5/6)', () => {
  assert.is(probabilityOfImprovement([3, 4, 5], [1, 4]), 0.75);
  assert.is(probabilityOfImprovement([3, 4, 5], [1, 4], true), 0.25);
});

test('it equals U1/(n·m) of the Mann–Whitney test', () => {
  const x = [19, 22, 16, 29, 24];
  const y = [20, 11, 17, 12];
  assert.is(probabilityOfImprovement(x, y), mannWhitneyU(x, y).u1 / 20);
});

test('lower is better with ties (hand count over the 9 pairs: 7/9)', () => {
  // x = 1, 2, 3 against y = 2, 3, 4 with lower better: 1 beats 2, 3, 4 (3); 2 ties 2, beats 3, 4 (2.5);
  // 3 ties 3, beats 4 (1.5): 3 + 2.5 + 1.5 = 7 of 9; higher-is-better is the complement 2/9.
  assert.is(probabilityOfImprovement([1, 2, 3], [2, 3, 4], true), 7 / 9);
  assert.is(probabilityOfImprovement([1, 2, 3], [2, 3, 4], false), 2 / 9);
});

test('NaN or infinite values are refused with the group and index named', () => {
  assert.throws(() => probabilityOfImprovement([1, NaN], [2]), /probabilityOfImprovement: x\[1\] is NaN/);
  assert.throws(() => probabilityOfImprovement([1], [Infinity]), /y\[0\] is Infinity/);
});

