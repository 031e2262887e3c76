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

test('with ties and a zero difference the normal approximation uses tie and continuity corrections', () => {
  // SciPy 1.17.1: wilcoxon(d, zero_method='wilcox', correction=True, method='approx') → T 14.5, p 0.05915027616010312.
  const r = wilcoxonSignedRank([1.5, -2, 3, 3, -1.5, 4, 5, 5, 5, -6, 7, 0, 8]);
  assert.is(r.method, 'normal');
  assert.is(r.zerosDropped, 1);
  assert.is(r.statistic, 14.5);
  assert.ok(Math.abs(r.p - 0.05915027616010312) < 1e-12, String(r.p));
});

test('paired form equals the one-sample form on the differences; all-zero differences give p = 1', () => {
  const a = [5, 7, 9, 11, 3];
  const b = [4, 9, 6, 7, 2];
  assert.equal(wilcoxonSignedRank(a, b), wilcoxonSignedRank([1, -2, 3, 4, 1]));
  assert.is(wilcoxonSignedRank([1, 2], [1, 2]).p, 1);
});

test('exact p for n = 5 all positive is 2/32 (hand count: only the empty subset has rank sum 0)', () => {
  assert.is(wilcoxonSignedRank([1, 2, 3, 4, 5]).p, 2 / 32);
});
