import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { createRng } from '../../../lib/rng.ts';
import { compareMetrics, comparePaired } from '../../../reports/stats/paired-comparison.ts';

const base = [2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.9, 3.7, 4.1];
const other = [1.8, 3.9, 1.2, 4.1, 4.0, 2.9, 3.1, 3.8, 3.0, 3.5];

test('normal differences → paired t-test with Cohen d (SciPy ttest_rel p = 0.027830281080838817)', () => {
  const r = comparePaired(base, other, { rng: createRng(1), resamples: 1000 });
  assert.ok(r.shapiroP > 0.05);
  assert.is(r.test, 'paired-t');
  assert.ok(Math.abs(r.p - 0.027830281080838817) < 1e-10);
  assert.is(r.effect?.kind, 'cohens-d');
  assert.ok(r.ci.low <= r.meanDifference && r.meanDifference <= r.ci.high);
});

test('non-normal differences (Shapiro p ≤ 0.05) → Wilcoxon with rank-biserial r', () => {
  const b = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  const o = [148, 154, 158, 160, 161, 162, 166, 170, 182, 195, 236]; // Shapiro–Wilk p = 0.0067
  const r = comparePaired(b, o, { rng: createRng(1), resamples: 200 });
  assert.is(r.test, 'wilcoxon');
  assert.is(r.p, 2 / 2 ** 11);
  assert.equal(r.effect, { kind: 'rank-biserial', value: 1 });
});

test('identical arms give no test (NaN p) instead of a fake significance', () => {
  const r = comparePaired([1, 2, 3], [1, 2, 3], { rng: createRng(1), resamples: 50 });
  assert.is(r.test, 'none');
  assert.ok(Number.isNaN(r.p));
});

test('compareMetrics applies Holm over the family of metrics', () => {
  const r = compareMetrics(
    { a: { baseline: base, other }, b: { baseline: base, other: base.map((x, i) => x + (i % 2 ? 0.1 : -0.05)) } },
    { rng: createRng(2), resamples: 200 },
  );
  const ps = [r.a.p, r.b.p].sort((x, y) => x - y);
  const smallest = r.a.p < r.b.p ? r.a : r.b;
  assert.ok(Math.abs(smallest.pHolm - Math.min(1, 2 * ps[0])) < 1e-15);
});
