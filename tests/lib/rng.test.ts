import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { createRng } from '../../lib/rng.ts';

test('the same seed gives the same sequence and another seed a different one', () => {
  const a = createRng(42);
  const b = createRng(42);
  const c = createRng(43);
  const sa = Array.from({ length: 5 }, () => a.next());
  assert.equal(sa, Array.from({ length: 5 }, () => b.next()));
  assert.not.equal(sa, Array.from({ length: 5 }, () => c.next()));
});

test('uniform draws lie in [0, 1) with mean 1/2 and variance 1/12', () => {
  const r = createRng(7);
  const n = 200_000;
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const x = r.next();
    assert.ok(x >= 0 && x < 1);
    sum += x;
    sumSq += x * x;
  }
  const mean = sum / n;
  assert.ok(Math.abs(mean - 0.5) < 0.005, `mean ${mean}`);
  assert.ok(Math.abs(sumSq / n - mean * mean - 1 / 12) < 0.002);
});

test('normal, exponential and poisson draws have their textbook means and variances', () => {
  const r = createRng(11);
  const n = 100_000;
  const moments = (draw: () => number) => {
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = draw();
      s += x;
      s2 += x * x;
    }
    return { mean: s / n, variance: s2 / n - (s / n) ** 2 };
  };
  const normal = moments(() => r.normal());
  assert.ok(Math.abs(normal.mean) < 0.02 && Math.abs(normal.variance - 1) < 0.02);
  const exp = moments(() => r.exponential(4));
  assert.ok(Math.abs(exp.mean - 0.25) < 0.005 && Math.abs(exp.variance - 0.0625) < 0.003);
  for (const mean of [3, 80]) {
    const p = moments(() => r.poisson(mean));
    assert.ok(Math.abs(p.mean - mean) < 0.02 * mean + 0.05, `poisson(${mean}) mean ${p.mean}`);
    assert.ok(Math.abs(p.variance - mean) < 0.05 * mean + 0.1, `poisson(${mean}) variance ${p.variance}`);
  }
});

test('int covers both ends of its inclusive range', () => {
  const r = createRng(3);
  const seen = new Set<number>();
  for (let i = 0; i < 1000; i++) seen.add(r.int(2, 5));
  assert.equal([...seen].sort(), [2, 3, 4, 5]);
});

test('forked streams are reproducible and differ from the parent and each other', () => {
  const a = createRng(5).fork(1);
  const b = createRng(5).fork(1);
  const c = createRng(5).fork(2);
  const x = a.next();
  assert.is(x, b.next());
  assert.is.not(x, c.next());
  assert.is.not(x, createRng(5).next());
});
