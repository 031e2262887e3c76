// Percentile bootstrap confidence intervals with an injected seeded RNG: plain (one sample) and stratified
// (rliable: resample runs within each task/scenario independently, then aggregate across strata).
import type { Rng } from '../../lib/rng.ts';

export interface BootstrapOptions {
  rng: Rng;
  /** Number of bootstrap resamples (the thesis uses 10,000). */
  resamples?: number;
  /** Confidence level, e.g. 0.95. */
  confidence?: number;
}

export interface ConfidenceInterval {
  estimate: number;
  low: number;
  high: number;
  confidence: number;
}

function percentile(sorted: readonly number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Resamples and confidence after checking them: resamples a whole number ≥ 1, confidence strictly inside (0, 1). */
function checkedOptions(options: BootstrapOptions, what: string): { resamples: number; confidence: number } {
  const resamples = options.resamples ?? 10_000;
  const confidence = options.confidence ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 1) throw new RangeError(`${what}: resamples is ${resamples}, expected a whole number ≥ 1`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`${what}: confidence is ${confidence}, expected a number strictly between 0 and 1 (e.g. 0.95)`);
  return { resamples, confidence };
}

function checkFinite(values: readonly number[], what: string): void {
  const i = values.findIndex((v) => !Number.isFinite(v));
  if (i >= 0) throw new RangeError(`${what}: value ${i} is ${values[i]}, expected a finite number`);
}

function interval(estimate: number, stats: number[], confidence: number): ConfidenceInterval {
  stats.sort((a, b) => a - b);
  const alpha = (1 - confidence) / 2;
  return { estimate, low: percentile(stats, alpha), high: percentile(stats, 1 - alpha), confidence };
}

/** Percentile bootstrap CI of `statistic` over one sample (e.g. the mean of paired differences). */
export function bootstrapCi(
  values: readonly number[],
  statistic: (sample: number[]) => number,
  options: BootstrapOptions,
): ConfidenceInterval {
  const { resamples, confidence } = checkedOptions(options, 'bootstrapCi');
  const n = values.length;
  if (n === 0) throw new RangeError('bootstrapCi needs at least one value');
  checkFinite(values, 'bootstrapCi');
  const sample = new Array<number>(n);
  const stats: number[] = [];
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < n; i++) sample[i] = values[Math.floor(options.rng.next() * n)];
    stats.push(statistic(sample));
  }
  return interval(statistic([...values]), stats, confidence);
}

/**
 * Stratified percentile bootstrap: `strata[k]` holds the runs (seeds) of scenario k; each resample draws
 * runs with replacement within every stratum and `statistic` aggregates the resampled strata.
 */
export function stratifiedBootstrapCi(
  strata: readonly (readonly number[])[],
  statistic: (strata: number[][]) => number,
  options: BootstrapOptions,
): ConfidenceInterval {
  const { resamples, confidence } = checkedOptions(options, 'stratifiedBootstrapCi');
  if (strata.length === 0 || strata.some((s) => s.length === 0)) throw new RangeError('stratifiedBootstrapCi needs non-empty strata');
  strata.forEach((s, k) => checkFinite(s, `stratifiedBootstrapCi stratum ${k}`));
  const stats: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const drawn = strata.map((s) => s.map(() => s[Math.floor(options.rng.next() * s.length)]));
    stats.push(statistic(drawn));
  }
  return interval(statistic(strata.map((s) => [...s])), stats, confidence);
}
