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

/** Relative change of the mean in %, (Σother − Σbase)/Σbase × 100, over paired runs; null without pairs. */
export function relativeEstimate(strata: [number, number][][], rng: Rng, resamples = TABLE_RESAMPLES): (ConfidenceInterval & { n: number }) | null {
  const n = strata.reduce((s, st) => s + st.length, 0);
  if (n === 0) return null;
  const indexStrata = strata.map((st) => st.map((_, i) => i));
  const stat = (drawn: number[][]): number => {
    let b = 0;
    let o = 0;
    drawn.forEach((idx, s) => idx.forEach((i) => ((b += strata[s][i][0]), (o += strata[s][i][1]))));
    return b === 0 ? NaN : ((o - b) / b) * 100;
  };
  return { ...stratifiedBootstrapCi(indexStrata, stat, { rng, resamples }), n };
}
