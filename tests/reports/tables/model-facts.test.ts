import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { modelFactsFromLog } from '../../../reports/tables/model-facts.ts';

const log = (lambdas: (number | undefined)[]): Record<string, unknown>[] => lambdas.map((lambda, i) => ({ episode: i + 1, reward: -1, ...(lambda === undefined ? {} : { lambda }) }));

test('λ converged = mean of the last 10 % of episodes: 25 episodes with λ = episode index 0…24 → last 3 → (22+23+24)/3 = 23', () => {
  const f = modelFactsFromLog(log(Array.from({ length: 25 }, (_, i) => i)), 'x.jsonl');
  assert.is(f.lambda, 23);
  assert.is(f.lambdaEpisodes, 3);
  assert.is(f.episodes, 25);
  assert.is(f.source, 'x.jsonl');
});

test('a short log still uses its last episode (5 episodes → ceil(0.5) = 1 → λ of episode 5 = 4.5)', () => {
  assert.is(modelFactsFromLog(log([0, 1, 2, 3, 4.5]), 'x').lambda, 4.5);
});

test('a log without λ (the unconstrained hybrid) gives null, never 0 or NaN', () => {
  const f = modelFactsFromLog(log([undefined, undefined, undefined]), 'x');
  assert.is(f.lambda, null);
  assert.is(modelFactsFromLog([], 'x').lambda, null);
});
