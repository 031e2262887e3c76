import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { wilcoxonSignedRank } from '../../../reports/stats/wilcoxon.ts';

test('the exact Wilcoxon test reproduces the SciPy documentation example (Fisher cucumber data)', () => {
  // scipy.stats.wilcoxon docs: statistic 24.0, p = 0.041259765625 (exact, two-sided).
  const d = [6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75];
  const r = wilcoxonSignedRank(d);
  assert.is(r.method, 'exact');
  assert.is(r.statistic, 24);
  assert.is(r.wPlus, 96);
  assert.is(r.p, 0.041259765625);
});

test('forced normal approximation with ties and a zero difference uses tie and continuity corrections', () => {
  // SciPy 1.17.1: wilcoxon(d, zero_method='wilcox', correction=True, method='asymptotic') → T 14.5, p 0.05915027616010312.
  const r = wilcoxonSignedRank([1.5, -2, 3, 3, -1.5, 4, 5, 5, 5, -6, 7, 0, 8], undefined, { method: 'normal' });
  assert.is(r.method, 'normal');
  assert.is(r.zerosDropped, 1);
  assert.is(r.statistic, 14.5);
  assert.ok(Math.abs(r.p - 0.05915027616010312) < 1e-12, String(r.p));
});

test('paired form equals the one-sample form on the differences', () => {
  const a = [5, 7, 9, 11, 3];
  const b = [4, 9, 6, 7, 2];
  assert.equal(wilcoxonSignedRank(a, b), wilcoxonSignedRank([1, -2, 3, 4, 1]));
});

test('exact p for n = 5 all positive is 2/32 (hand count: only the empty subset has rank sum 0)', () => {
  assert.is(wilcoxonSignedRank([1, 2, 3, 4, 5]).p, 2 / 32);
});

test('all differences zero: nothing to test → p is NaN with method "none" (not p = 1 labelled exact)', () => {
  const r = wilcoxonSignedRank([1, 2, 3], [1, 2, 3]);
  assert.ok(Number.isNaN(r.p));
  assert.is(r.method, 'none');
  assert.is(r.zerosDropped, 3);
});

test('auto with a zero and ties, n ≤ 13 → exact sign-flip enumeration (hand count: p = 2·2/16 = 0.25)', () => {
  // d = −1, 2, 2, 4, 0: the zero is dropped; |d| ranks 1, 2.5, 2.5, 4; W+ = 9. Of the 16 sign patterns only
  // {2.5, 2.5, 4} = 9 and {1, 2.5, 2.5, 4} = 10 reach ≥ 9, and 15 are ≤ 9 → p = 2 · min(2, 15)/16.
  const r = wilcoxonSignedRank([-1, 2, 2, 4, 0]);
  assert.is(r.method, 'permutation');
  assert.is(r.wPlus, 9);
  assert.is(r.p, 0.25);
});

test('auto with ties and 14 differences (> 13) → normal approximation; 51 differences → normal even without ties', () => {
  const fourteen = [1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, -13];
  assert.is(wilcoxonSignedRank(fourteen).method, 'normal');
  const all = Array.from({ length: 51 }, (_, i) => i + 1);
  const r = wilcoxonSignedRank(all);
  assert.is(r.method, 'normal');
  // W− = 0, μ = 51·52/4 = 663, σ² = 51·52·103/24 = 11,381.5; z = (0 − 663 + 0.5)/σ.
  assert.ok(Math.abs(r.z! - (-662.5 / Math.sqrt(11381.5))) < 1e-12);
  assert.is(wilcoxonSignedRank(all.slice(0, 50)).method, 'exact');
  assert.is(wilcoxonSignedRank(all.slice(0, 50)).p, 2 / 2 ** 50);
});

