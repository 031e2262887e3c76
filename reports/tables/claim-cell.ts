// Evaluates one claimed value against the records and returns numbers: our estimate, its CI and an enum verdict,
// plus every problem that made the comparison incomplete. Formatting happens later (render-claims.ts).
import type { RunRecord } from '../../lib/ports.ts';
import { createRng } from '../../lib/rng.ts';
import { cellSeed } from './cell-seed.ts';
import type { Claim } from './claims.ts';
import { absoluteEstimate, relativeEstimate } from './estimates.ts';
import type { MetricSpec } from './metrics.ts';
import { collectSamples, pairSamples } from './samples.ts';
import { judgeClaim, sameDirection, type Verdict } from './verdict.ts';

/** Our side of one claim, as numbers. */
export interface ClaimResult {
  /** 'absolute' = a mean in `unit`; 'relative' = a change in % vs the baseline row; 'single' = one value, no CI (λ). */
  kind: 'absolute' | 'relative' | 'single';
  estimate: number | null;
  /** 95 % CI; null when there is none (no values, one model, or undefined in some resamples). */
  ci: { low: number; high: number } | null;
  /** Display unit of estimate and CI ('%' for relative changes). */
  unit: string;
  /** Fewest decimals the metric prints with. */
  decimals: number;
  verdict: Verdict;
  /** A relative claim not reproduced whose CI still has the claimed sign. */
  sameDirection?: boolean;
  /** Some runs were left out (listed in `problems`). */
  incomplete: boolean;
  /** What stands where a number does not exist ("undefined (baseline is 0)", "no training log", …). */
  missing?: string;
  problems: string[];
  /** Why the claim is not comparable (for the table notes). */
  reason?: string;
  /** Facts worth a footnote that are not problems (e.g. runs without any under-provisioning episode). */
  note?: string;
}

const ceilingNote = (autoscaler: string, metric: MetricSpec): string =>
  `${autoscaler}: ${metric.label} above ${metric.betterUpTo} ${metric.unit} means its pods run past their CPU request (bursting towards the limit), which is not better; such a value is judged by containment only.`;

/** A result without records for the row's autoscaler: never a number. */
export function notAvailable(kind: ClaimResult['kind'], unit: string, decimals: number, missing = 'not available'): ClaimResult {
  return { kind, estimate: null, ci: null, unit, decimals, verdict: 'not available', incomplete: false, missing, problems: [] };
}

/** Our value for `aliases` and the verdict on `claim`; `baselineAliases` is needed for relative claims. */
export function evaluateClaim(
  records: readonly RunRecord[],
  aliases: readonly string[],
  metric: MetricSpec,
  claim: Claim,
  options: { key: string; baselineAliases?: readonly string[]; resamples?: number },
): ClaimResult {
  const rng = createRng(cellSeed(options.key));
  const own = collectSamples(records, aliases, metric);
  if (own.autoscaler === null) return notAvailable(claim.kind === 'relative' ? 'relative' : 'absolute', claim.kind === 'relative' ? '%' : metric.unit, metric.decimals);
  const problems = [...own.problems];
  const meaning = metric.undefinedMeaning ?? 'nothing to measure there, e.g. no under-provisioning episode';
  const undefinedReason = `${metric.label} is undefined when ${meaning.startsWith('nothing') ? 'a run has no such event (e.g. no under-provisioning episode)' : meaning}`;
  const note = own.undefinedCount > 0 ? `${own.autoscaler}: ${metric.label} is undefined in ${own.undefinedCount} run(s) (${meaning}); the mean is over the other runs.` : undefined;
  const base = { unit: metric.unit, decimals: metric.decimals, problems, incomplete: own.problems.length > 0 };

  if (claim.kind !== 'relative') {
    const ci = absoluteEstimate(own.samples, rng, options.resamples);
    const absolute = { ...base, kind: 'absolute' as const, estimate: ci?.estimate ?? null, ci: ci && { low: ci.low, high: ci.high }, note };
    const missing = ci === null ? (own.undefinedCount > 0 ? `undefined in all ${own.undefinedCount} runs` : 'no values') : undefined;
    switch (claim.kind) {
      case 'none':
        return { ...absolute, missing, verdict: 'no claim' };
      case 'baseline':
        return { ...absolute, missing, verdict: 'baseline' };
      case 'not-comparable':
        return { ...absolute, missing, verdict: 'not comparable', reason: claim.reason };
    }
    if (ci === null && own.undefinedCount > 0) return { ...absolute, missing, verdict: 'not comparable', reason: undefinedReason };
    if (ci === null) return { ...absolute, missing, verdict: 'incomplete' };
    // Baseline values and descriptive quantities have no "better" side: only containment (within tolerance) reproduces them.
    const containmentOnly = claim.baselineValue === true || claim.descriptive === true || metric.descriptive === true;
    const overCeiling = metric.betterUpTo !== undefined && ci.high > metric.betterUpTo;
    const verdict = judgeClaim(claim.value, ci, containmentOnly || overCeiling ? null : metric.better, claim.tolerance);
    return { ...absolute, verdict, note: overCeiling ? ceilingNote(own.autoscaler, metric) : note };
  }

  const rel = { ...base, kind: 'relative' as const, unit: '%', decimals: 1, note };
  const baseSet = collectSamples(records, options.baselineAliases ?? [], metric);
  if (baseSet.autoscaler === null) return { ...notAvailable('relative', '%', 1, 'not available (no baseline records)'), note };
  const paired = pairSamples(baseSet, own);
  problems.push(...baseSet.problems, ...paired.problems);
  const incomplete = problems.length > 0;
  if (paired.strata.length === 0 && baseSet.undefinedCount + own.undefinedCount > 0) {
    return { ...rel, incomplete, estimate: null, ci: null, missing: 'undefined (no run has a value)', verdict: 'not comparable', reason: undefinedReason };
  }
  const baselineSum = paired.strata.flat().reduce((s, p) => s + p[0], 0);
  if (paired.strata.length > 0 && baselineSum === 0) {
    const reason = `a relative change from a baseline of 0 is undefined (${metric.label} of ${baseSet.autoscaler} is 0 in every paired run)`;
    return { ...rel, incomplete, estimate: null, ci: null, missing: 'undefined (baseline is 0)', verdict: 'not comparable', reason };
  }
  const ci = relativeEstimate(paired.strata, rng, options.resamples);
  if (ci === null) return { ...rel, incomplete, estimate: null, ci: null, missing: 'no paired runs', verdict: 'incomplete' };
  if (!Number.isFinite(ci.low) || !Number.isFinite(ci.high)) {
    const reason = `the relative change of ${metric.label} has no CI: the baseline (${baseSet.autoscaler}) is 0 in some resamples`;
    return { ...rel, incomplete, estimate: ci.estimate, ci: null, missing: 'CI undefined: baseline is 0 in some resamples', verdict: 'not comparable', reason };
  }
  // Beating a claim only counts when the claim is an improvement; a claimed deterioration (e.g. "+98 % cost") is
  // reproduced only when our CI comes within its tolerance.
  const isImprovement = metric.better === 'lower' ? claim.value < 0 : claim.value > 0;
  const ownValues = [...own.samples.values()].flatMap((m) => [...m.values()]);
  const ownMean = ownValues.length === 0 ? undefined : ownValues.reduce((a, b) => a + b, 0) / ownValues.length;
  const overCeiling = metric.betterUpTo !== undefined && ownMean !== undefined && ownMean > metric.betterUpTo;
  const interval = { low: ci.low, high: ci.high };
  const verdict = judgeClaim(claim.value, interval, isImprovement && !overCeiling ? metric.better : null, claim.tolerance);
  return {
    ...rel,
    incomplete,
    estimate: ci.estimate,
    ci: interval,
    verdict,
    sameDirection: verdict === 'not reproduced' ? sameDirection(claim.value, interval) : undefined,
    note: overCeiling ? ceilingNote(own.autoscaler, metric) : undefined,
  };
}
