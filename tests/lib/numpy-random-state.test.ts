import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { RandomState } from '../../lib/numpy-random-state.ts';

// Vectors printed by NumPy itself (data/reference/numpy-randomstate-vectors.json, a copy of the shared reference).
const vectors = JSON.parse(
  readFileSync(new URL('../../data/reference/numpy-randomstate-vectors.json', import.meta.url), 'utf8'),
) as Record<string, number | number[]>;

function vector(key: string): number[] {
  const v = vectors[key];
  if (!Array.isArray(v)) throw new Error(`vector file has no array under "${key}"`);
  return v;
}

// Each RandomState key of the vector file, with how to draw it; the trace keys are tested in tests/sim/thesis.
const cases: Record<string, () => number[]> = {
  'RandomState(42).random_sample(5)': () => Array.from(new RandomState(42).randomSampleArray(5)),
  'RandomState(42).randint(0,8340,size=5)': () => new RandomState(42).randintArray(0, 8340, 5),
  'RandomState(1000).uniform(800,2500) then uniform(0.3,0.7) then uniform(0,2pi) then randint(2,8)': () => {
    const r = new RandomState(1000);
    return [r.uniform(800, 2500), r.uniform(0.3, 0.7), r.uniform(0, 2 * Math.PI), r.randint(2, 8)];
  },
  'RandomState(2000).normal(0,1,size=6)': () => Array.from(new RandomState(2000).normalArray(0, 1, 6)),
  'RandomState(5).randint(60,300,size=4)': () => new RandomState(5).randintArray(60, 300, 4),
  'RandomState(4294967295).random_sample(2)': () => Array.from(new RandomState(4294967295).randomSampleArray(2)),
};

for (const [key, draw] of Object.entries(cases)) {
  test(`matches NumPy bit for bit: ${key}`, () => {
    assert.equal(draw(), vector(key));
  });
}

test('every RandomState vector in the reference file has a case here', () => {
  const rngKeys = Object.keys(vectors).filter((k) => k.startsWith('RandomState('));
  assert.equal(rngKeys.sort(), Object.keys(cases).sort());
});

test('MT19937 seeded with 5489 gives the reference implementation first output 3499211612', () => {
  // Matsumoto & Nishimura's mt19937ar.c default seed; its first genrand_int32() is 3499211612 (also std::mt19937).
  assert.is(new RandomState(5489).nextUint32(), 3499211612);
});

test('the 10000th output of MT19937 seeded with 5489 is 4123659995, as the C++ standard requires', () => {
  const r = new RandomState(5489);
  let last = 0;
  for (let i = 0; i < 10000; i++) last = r.nextUint32();
  assert.is(last, 4123659995);
});

test('normal draws come in cached pairs: the second of a pair uses no new 32-bit draws', () => {
  const pair = new RandomState(2000);
  pair.standardNormal();
  pair.standardNormal();
  const single = new RandomState(2000);
  single.standardNormal();
  // One call or a whole pair consume the same raw draws, so the next uniform agrees.
  assert.is(pair.randomSample(), single.randomSample());
});

test('normal(loc, scale) is loc + scale times the standard normal', () => {
  const z = new RandomState(2000).standardNormal();
  assert.is(new RandomState(2000).normal(3, 2), 3 + 2 * z);
});

test('randint never leaves [low, high) and covers both ends', () => {
  const r = new RandomState(7);
  const seen = new Set<number>();
  for (let i = 0; i < 2000; i++) {
    const v = r.randint(2, 8);
    assert.ok(v >= 2 && v < 8, `got ${v}`);
    seen.add(v);
  }
  assert.equal([...seen].sort(), [2, 3, 4, 5, 6, 7]);
  assert.is(r.randint(5, 6), 5);
});

test('invalid seeds and ranges are rejected with the offending value in the message', () => {
  assert.throws(() => new RandomState(-1), /seed.*-1/);
  assert.throws(() => new RandomState(2 ** 32), /seed.*4294967296/);
  assert.throws(() => new RandomState(1.5), /seed.*1\.5/);
  assert.throws(() => new RandomState(1).randint(3, 3), /low=3, high=3/);
});
