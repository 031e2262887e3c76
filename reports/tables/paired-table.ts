// The thesis's T4 procedure as a table builder over any paired samples: per metric, means of both arms,
// relative change, the test chosen by Shapiro–Wilk, Holm-adjusted p, effect size and bootstrap CI.
import { createRng } from '../../lib/rng.ts';
import { compareMetrics, type PairedComparison } from '../stats/index.ts';
import { cellSeed } from './cell-seed.ts';
import { adaptiveDecimals, formatSmall } from './table-model.ts';

export interface PairedMetric {
  id: string;
  label: string;
  /** Decimals to print means with (the thesis's printed precision for T4). */
  decimals: number;
  /** true for metrics where higher is better (CPU utilization): flips the sign of "% improvement". */
  higherIsBetter?: boolean;
  /** Whether it enters the tested family (T4 tests 6 metrics; mean pods is printed only). */
  tested: boolean;
  baseline: number[];
  other: number[];
}

export interface PairedRow {
  metric: PairedMetric;
  baselineMean: number;
  otherMean: number;
  /** (other − baseline)/baseline × 100. */
  changePct: number;
  /** Thesis formula: (baseline − other)/baseline × 100, sign reversed when higher is better. */
  improvementPct: number;
  comparison: PairedComparison | null;
}

const meanOf = (v: readonly number[]): number => v.reduce((s, x) => s + x, 0) / v.length;

/** Runs the per-metric tests (Holm over the tested metrics) with a seeded bootstrap per metric. */
export function pairedRows(metrics: PairedMetric[], options: { seedKey: string; resamples?: number }): PairedRow[] {
  const tested = metrics.filter((m) => m.tested);
  const results: Record<string, PairedComparison> = {};
  // One RNG per metric keeps each CI reproducible on its own; Holm needs the whole family at once.
  const family = compareMetrics(
    Object.fromEntries(tested.map((m) => [m.id, { baseline: m.baseline, other: m.other }])),
    { rng: createRng(cellSeed(options.seedKey)), resamples: options.resamples ?? 10_000 },
  );
  Object.assign(results, family);
  return metrics.map((m) => {
    const baselineMean = meanOf(m.baseline);
    const otherMean = meanOf(m.other);
    const changePct = ((otherMean - baselineMean) / baselineMean) * 100;
    return {
      metric: m,
      baselineMean,
      otherMean,
      changePct,
      improvementPct: m.higherIsBetter ? changePct : -changePct,
      comparison: results[m.id] ?? null,
    };
  });
}

/** "paired t, d = 0.84" / "Wilcoxon, r = −0.62" / "no difference in any pair". */
export function describeTest(c: PairedComparison | null, maxDecimals = 6): { test: string; p: string; effect: string; ci: string; significant: string } {
  if (c === null) return { test: '—', p: '—', effect: '—', ci: '—', significant: '—' };
  const dec = adaptiveDecimals(Math.max(Math.abs(c.ci.low), Math.abs(c.ci.high)), 3, maxDecimals);
  const ci = `${formatSmall(c.meanDifference, dec)} [${formatSmall(c.ci.low, dec)}, ${formatSmall(c.ci.high, dec)}]`;
  if (c.test === 'none') return { test: 'none (all differences 0)', p: '—', effect: '—', ci, significant: 'no' };
  const p = c.pHolm < 0.0001 ? c.pHolm.toExponential(1) : c.pHolm.toFixed(4);
  const effect = c.effect ? `${c.effect.kind === 'cohens-d' ? 'd' : 'r'} = ${c.effect.value.toFixed(2)}` : '—';
  return { test: c.test === 'paired-t' ? `paired t (SW p = ${swP(c.shapiroP)})` : `Wilcoxon (SW p ${swP(c.shapiroP, true)})`, p, effect, ci, significant: c.pHolm < 0.05 ? 'yes' : 'no' };
}

const swP = (p: number, withOp = false): string => (p < 0.001 ? '< 0.001' : `${withOp ? '= ' : ''}${p.toFixed(3)}`);
