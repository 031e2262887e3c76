// Evaluates one claimed value against the records: our estimate with CI and a plain verdict, plus every
// problem that made the comparison incomplete.
import type { RunRecord } from '../../lib/ports.ts';
import { createRng } from '../../lib/rng.ts';
import type { Claim } from './claims.ts';
import { absoluteEstimate, relativeEstimate } from './estimates.ts';
import type { MetricSpec } from './metrics.ts';
import { collectSamples, pairSamples } from './samples.ts';
import { adaptiveDecimals, formatNumber, formatWithCi, maxDecimalsFor } from './table-model.ts';
import { judgeClaim, sameDirection } from './verdict.ts';

export interface CellResult {
  ours: string;
  verdict: string;
  problems: string[];
  /** Why the claim is not comparable (for the table notes). */
  reason?: string;
  /** Facts worth a footnote that are not problems (e.g. runs without any under-provisioning episode). */
  note?: string;
}

/** A stable per-cell seed so every cell's bootstrap is reproducible and independent of evaluation order. */
export function cellSeed(key: string, base = 20240601): number {
  let h = base >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

const signedPctText = (v: number): string => `${formatNumber(v, 1)} %`;

const ceilingNote = (autoscaler: string, metric: MetricSpec): string =>
  `${autoscaler}: ${metric.label} above ${metric.betterUpTo} ${metric.unit} means its pods run past their CPU request (bursting towards the limit), which is not better; such a value is judged by containment only.`;

const NOT_AVAILABLE: CellResult = { ours: 'not available', verdict: 'not available', problems: [] };

/** Our value for `aliases` and the verdict on `claim`; `baselineAliases` is needed for relative claims. */
export function evaluateClaim(
  records: readonly RunRecord[],
  aliases: readonly string[],
  metric: MetricSpec,
  claim: Claim,
  options: { key: string; baselineAliases?: readonly string[]; resamples?: number },
): CellResult {
  const rng = createRng(cellSeed(options.key));
  const own = collectSamples(records, aliases, metric);
  if (own.autoscaler === null) return NOT_AVAILABLE;
  const unit = metric.unit === '$' ? '$' : metric.unit;
  const absolute = (): { text: string; ci: ReturnType<typeof absoluteEstimate> } => {
    const ci = absoluteEstimate(own.samples, rng, options.resamples);
    const text = ci === null ? (own.undefinedCount > 0 ? `undefined in all ${own.undefinedCount} runs` : 'no values') : formatWithCi(ci.estimate, ci.low, ci.high, adaptiveDecimals(ci.estimate, metric.decimals, maxDecimalsFor(metric.unit)), unit);
    return { text, ci };
  };
  const problems = [...own.problems];
  const meaning = metric.undefinedMeaning ?? 'nothing to measure there, e.g. no under-provisioning episode';
  const note = own.undefinedCount > 0 ? `${own.autoscaler}: ${metric.label} is undefined in ${own.undefinedCount} run(s) (${meaning}); the mean is over the other runs.` : undefined;
  const mark = (verdict: string): string => (own.problems.length > 0 ? `${verdict} — incomplete` : verdict);
  switch (claim.kind) {
    case 'none':
    case 'baseline': {
      const { text } = absolute();
      return { note, ours: text, verdict: claim.kind === 'baseline' ? 'baseline' : '—', problems };
    }
    case 'not-comparable': {
      const { text } = absolute();
      return { note, ours: text, verdict: 'not comparable', problems, reason: claim.reason };
    }
    case 'absolute': {
      const { text, ci } = absolute();
      if (ci === null && own.undefinedCount > 0) return { note, ours: text, verdict: 'not comparable', problems, reason: `${metric.label} is undefined when ${meaning.startsWith('nothing') ? 'a run has no such event (e.g. no under-provisioning episode)' : meaning}` };
      if (ci === null) return { note, ours: text, verdict: 'incomplete', problems };
      const contains = ci.low <= claim.value && claim.value <= ci.high;
      // Baseline values and descriptive quantities have no "better" side: only containment reproduces them.
      const containmentOnly = claim.baselineValue === true || claim.descriptive === true || metric.descriptive === true;
      const overCeiling = metric.betterUpTo !== undefined && ci.high > metric.betterUpTo;
      const verdict = containmentOnly || overCeiling ? (contains ? 'reproduced' : 'not reproduced') : judgeClaim(claim.value, ci, metric.better);
      return { note: overCeiling ? ceilingNote(own.autoscaler, metric) : note, ours: text, verdict: mark(verdict), problems };
    }
    case 'relative': {
      const base = collectSamples(records, options.baselineAliases ?? [], metric);
      if (base.autoscaler === null) return { note, ours: 'not available', verdict: 'not available (no baseline records)', problems };
      const paired = pairSamples(base, own);
      problems.push(...base.problems, ...paired.problems);
      if (paired.strata.length === 0 && base.undefinedCount + own.undefinedCount > 0) {
        return { note, ours: 'undefined (no run has a value)', verdict: 'not comparable', problems, reason: `${metric.label} is undefined when ${meaning.startsWith('nothing') ? 'a run has no such event (e.g. no under-provisioning episode)' : meaning}` };
      }
      const baselineSum = paired.strata.flat().reduce((s, p) => s + p[0], 0);
      if (paired.strata.length > 0 && baselineSum === 0) {
        const reason = `a relative change from a baseline of 0 is undefined (${metric.label} of ${base.autoscaler} is 0 in every paired run)`;
        return { note, ours: 'undefined (baseline is 0)', verdict: 'not comparable', problems, reason };
      }
      const ci = relativeEstimate(paired.strata, rng, options.resamples);
      if (ci === null) return { note, ours: 'no paired runs', verdict: 'incomplete', problems };
      if (!Number.isFinite(ci.low) || !Number.isFinite(ci.high)) {
        const reason = `the relative change of ${metric.label} has no CI: the baseline (${base.autoscaler}) is 0 in some resamples`;
        return { note, ours: `${signedPctText(ci.estimate)} (CI undefined: baseline is 0 in some resamples)`, verdict: 'not comparable', problems, reason };
      }
      const ours = formatWithCi(ci.estimate, ci.low, ci.high, 1, '%');
      const isImprovement = metric.better === 'lower' ? claim.value < 0 : claim.value > 0;
      // Beating a claim only counts when the claim is an improvement; a claimed deterioration (e.g. "+98 % cost")
      // is reproduced only when our CI contains it.
      const contains = ci.low <= claim.value && claim.value <= ci.high;
      const ownValues = [...own.samples.values()].flatMap((m) => [...m.values()]);
      const ownMean = ownValues.length === 0 ? undefined : ownValues.reduce((a, b) => a + b, 0) / ownValues.length;
      const overCeiling = metric.betterUpTo !== undefined && ownMean !== undefined && ownMean > metric.betterUpTo;
      const verdict = isImprovement && !overCeiling ? judgeClaim(claim.value, ci, metric.better) : contains ? 'reproduced' : 'not reproduced';
      const text = verdict === 'not reproduced' && sameDirection(claim.value, ci) ? 'not reproduced (same direction)' : verdict;
      const incomplete = base.problems.length + paired.problems.length + own.problems.length > 0;
      return { ours, verdict: incomplete ? `${text} — incomplete` : text, problems, note: overCeiling ? ceilingNote(own.autoscaler, metric) : undefined };
    }
  }
}

