// Our side of a claim: a pooled mean with a stratified-bootstrap 95 % CI (strata = scenarios, resampled
// over seeds), or a paired relative change (other − base)/base × 100 of the means, bootstrapped over pairs.
import type { Rng } from '../../lib/rng.ts';
import { stratifiedBootstrapCi, type ConfidenceInterval } from '../stats/index.ts';
import type { Samples } from './samples.ts';

/** Bootstrap resamples for T1–T3 (same as the thesis's T4). */
export const TABLE_RESAMPLES = 10_000;

const pooledMean = (strata: number[][]): number => {
  let s = 0;
  let n = 0;
  for (const st of strata) for (const v of st) (s += v), n++;
  return s / n;
};

/** Mean over every (scenario, seed) value with a stratified-bootstrap CI; null without values. */
export function absoluteEstimate(samples: Samples, rng: Rng, resamples = TABLE_RESAMPLES): (ConfidenceInterval & { n: number }) | null {
  const strata = [...samples.keys()].sort().map((k) => [...samples.get(k)!.values()]);
  const n = strata.reduce((s, st) => s + st.length, 0);
  if (n === 0) return null;
  return { ...stratifiedBootstrapCi(strata, pooledMean, { rng, resamples }), n };
}

/**
 * Relative change of the mean in %, (Σother − Σbase)/Σbase × 100, over paired runs; null without pairs.
 * `zeroBaselineResamples` counts bootstrap draws whose baseline sum was 0 (the change is undefined there;
 * when it is > 0, low/high are NaN rather than a percentile of a sample with holes).
 */
export function relativeEstimate(strata: [number, number][][], rng: Rng, resamples = TABLE_RESAMPLES): (ConfidenceInterval & { n: number; zeroBaselineResamples: number }) | null {
  const n = strata.reduce((s, st) => s + st.length, 0);
  if (n === 0) return null;
  const indexStrata = strata.map((st) => st.map((_, i) => i));
  let zeroBaselineResamples = 0;
  const stat = (drawn: number[][]): number => {
    let b = 0;
    let o = 0;
    drawn.forEach((idx, s) => idx.forEach((i) => ((b += strata[s][i][0]), (o += strata[s][i][1]))));
    if (b === 0) zeroBaselineResamples++;
    return b === 0 ? 0 : ((o - b) / b) * 100;
  };
  const ci = stratifiedBootstrapCi(indexStrata, stat, { rng, resamples });
  const whole = strata.flat().reduce((s, p) => s + p[0], 0);
  const estimate = whole === 0 ? NaN : ci.estimate;
  if (zeroBaselineResamples > 0) return { ...ci, estimate, low: NaN, high: NaN, n, zeroBaselineResamples };
  return { ...ci, estimate, n, zeroBaselineResamples };
}
