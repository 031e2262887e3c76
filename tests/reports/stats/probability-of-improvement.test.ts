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
