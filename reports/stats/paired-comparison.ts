// The thesis's per-metric procedure for a paired comparison (thesis-n30.md §A): Shapiro–Wilk on the paired
// differences → paired t-test + Cohen's d if p > 0.05, else Wilcoxon + rank-biserial r; a percentile
// bootstrap CI of the mean difference; Holm over the family of metrics (see compareMetrics).
import type { Rng } from '../../lib/rng.ts';
import { bootstrapCi, type ConfidenceInterval } from './bootstrap.ts';
import { cohensDPaired, rankBiserialPaired } from './effect-sizes.ts';
import { holmAdjust } from './holm.ts';
import { shapiroWilk } from './shapiro-wilk.ts';
import { pairedTTest } from './t-tests.ts';
import { wilcoxonSignedRank } from './wilcoxon.ts';

export interface PairedComparison {
  n: number;
  /** Means of the baseline and of the other arm. */
  baselineMean: number;
  otherMean: number;
  /** Mean of (other − baseline) and its bootstrap CI. */
  meanDifference: number;
  ci: ConfidenceInterval;
  /** Shapiro–Wilk p of the differences; NaN when undefined (constant differences or n < 3). */
  shapiroP: number;
  test: 'paired-t' | 'wilcoxon' | 'none';
  /** Raw two-sided p-value; NaN when no test is defined (all differences zero). */
  p: number;
  /** Holm-adjusted p (filled by compareMetrics; equals p for a single comparison). */
  pHolm: number;
  effect: { kind: 'cohens-d' | 'rank-biserial'; value: number } | null;
}

export interface PairedOptions {
  rng: Rng;
  /** Bootstrap resamples; the thesis uses 10,000. */
  resamples?: number;
  /** Shapiro–Wilk threshold above which differences are treated as normal (thesis: 0.05). */
  normalityAlpha?: number;
}

/** One metric: baseline[i] and other[i] belong to the same trace/seed i. */
export function comparePaired(baseline: readonly number[], other: readonly number[], options: PairedOptions): PairedComparison {
  if (baseline.length !== other.length) {
    throw new RangeError(`comparePaired: ${baseline.length} baseline values vs ${other.length} paired values`);
  }
  const n = baseline.length;
  if (n < 2) throw new RangeError(`comparePaired needs at least 2 pairs, got ${n}`);
  const d = other.map((x, i) => x - baseline[i]);
  const meanOf = (v: readonly number[]): number => v.reduce((s, x) => s + x, 0) / v.length;
  const ci = bootstrapCi(d, meanOf, { rng: options.rng, resamples: options.resamples ?? 10_000 });
  const constant = d.every((v) => v === d[0]);
  let shapiroP = NaN;
  if (n >= 3 && !constant) shapiroP = shapiroWilk(d).p;
  const base = { n, baselineMean: meanOf(baseline), otherMean: meanOf(other), meanDifference: meanOf(d), ci, shapiroP };
  if (constant && d[0] === 0) return { ...base, test: 'none', p: NaN, pHolm: NaN, effect: null };
  if (shapiroP > (options.normalityAlpha ?? 0.05)) {
    const t = pairedTTest(other, baseline);
    return { ...base, test: 'paired-t', p: t.p, pHolm: t.p, effect: { kind: 'cohens-d', value: cohensDPaired(other, baseline) } };
  }
  const w = wilcoxonSignedRank(other, baseline);
  return { ...base, test: 'wilcoxon', p: w.p, pHolm: w.p, effect: { kind: 'rank-biserial', value: rankBiserialPaired(other, baseline) } };
}

/** Several metrics of the same pairs: each compared with comparePaired, then Holm over the family's p-values. */
export function compareMetrics<K extends string>(
  metrics: Record<K, { baseline: readonly number[]; other: readonly number[] }>,
  options: PairedOptions,
): Record<K, PairedComparison> {
  const keys = Object.keys(metrics) as K[];
  const results = keys.map((k) => comparePaired(metrics[k].baseline, metrics[k].other, options));
  const adjusted = holmAdjust(results.map((r) => r.p));
  const out = {} as Record<K, PairedComparison>;
  keys.forEach((k, i) => (out[k] = { ...results[i], pHolm: adjusted[i] }));
  return out;
}
