import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { generateThesisTrace, THESIS_SEEDS } from '../../../sim/thesis/index.ts';

// Printed by the thesis's NumPy generator (data/reference/numpy-randomstate-vectors.json).
const vectors = JSON.parse(
  readFileSync(new URL('../../../data/reference/numpy-randomstate-vectors.json', import.meta.url), 'utf8'),
) as Record<string, number | number[]>;

const sum = (xs: Int32Array): number => xs.reduce((s, v) => s + v, 0);

test('trace 1000 matches NumPy element for element on its first 20 steps', () => {
  assert.equal(Array.from(generateThesisTrace(1000).slice(0, 20)), vectors['n30 trace seed 1000 (8640 steps) first 20']);
});

test('trace 1000 has NumPy’s sum and maximum over all 8640 steps', () => {
  const trace = generateThesisTrace(1000);
  assert.is(trace.length, 8640);
  assert.is(sum(trace), vectors['n30 trace seed 1000 sum']);
  assert.is(Math.max(...trace), vectors['n30 trace seed 1000 max']);
});

test('trace 1017 matches NumPy on its first 10 steps and its sum', () => {
  const trace = generateThesisTrace(1017);
  assert.equal(Array.from(trace.slice(0, 10)), vectors['n30 trace seed 1017 first 10']);
  assert.is(sum(trace), vectors['n30 trace seed 1017 sum']);
});

test('every trace vector in the reference file is checked above', () => {
  const traceKeys = Object.keys(vectors).filter((k) => k.startsWith('n30 trace'));
  assert.is(traceKeys.length, 5);
});

test('all 30 thesis traces are integers of at least 10 requests, and the seeds are 1000…1029', () => {
  assert.equal(THESIS_SEEDS, Array.from({ length: 30 }, (_, i) => 1000 + i));
  for (const seed of THESIS_SEEDS) {
    const trace = generateThesisTrace(seed);
    assert.ok(trace.every((v) => v >= 10), `seed ${seed} has a value below the floor of 10`);
  }
});

test('the same seed gives the same trace, another seed a different one', () => {
  assert.equal(generateThesisTrace(1003), generateThesisTrace(1003));
  assert.not.equal(Array.from(generateThesisTrace(1003).slice(0, 5)), Array.from(generateThesisTrace(1004).slice(0, 5)));
});

test('bad seeds and lengths are rejected naming the value', () => {
  assert.throws(() => generateThesisTrace(-1), /seed.*-1/);
  assert.throws(() => generateThesisTrace(1000, 100), /n must be.*100/);
});
