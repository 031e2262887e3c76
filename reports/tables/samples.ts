// Pulls one metric for one autoscaler out of a set of RunRecords, keyed by (scenario, seed), and says
// what it had to leave out and why — nothing is dropped silently.
import type { RunRecord } from '../../lib/ports.ts';
import type { MetricSpec } from './metrics.ts';

/** Values by scenario, then by seed (display units already applied). */
export type Samples = Map<string, Map<number, number>>;

export interface SampleSet {
  /** The autoscaler name actually found (first alias with records), or null. */
  autoscaler: string | null;
  samples: Samples;
  /** One line per left-out value. */
  problems: string[];
  /** Runs where the metric is legitimately undefined (null), e.g. no under-provisioning episode. */
  undefinedCount: number;
}

/** The first alias that has records in `records`, or null when none does. */
export function resolveAutoscaler(records: readonly RunRecord[], aliases: readonly string[]): string | null {
  for (const a of aliases) if (records.some((r) => r.autoscaler === a)) return a;
  return null;
}

/** Collects metric values of the first matching autoscaler alias. */
export function collectSamples(records: readonly RunRecord[], aliases: readonly string[], metric: MetricSpec): SampleSet {
  const autoscaler = resolveAutoscaler(records, aliases);
  const samples: Samples = new Map();
  const problems: string[] = [];
  let undefinedCount = 0;
  if (autoscaler === null) return { autoscaler, samples, problems, undefinedCount };
  for (const r of records) {
    if (r.autoscaler !== autoscaler) continue;
    const v = metric.get(r);
    if (v === null) {
      undefinedCount++;
      continue;
    }
    if (!Number.isFinite(v)) {
      problems.push(`${autoscaler} / ${r.scenario} / seed ${r.seed}: ${metric.label} is ${v} — left out`);
      continue;
    }
    const byScenario = samples.get(r.scenario) ?? new Map<number, number>();
    if (byScenario.has(r.seed)) {
      problems.push(`${autoscaler} / ${r.scenario} / seed ${r.seed}: duplicate record — the later one is left out`);
      continue;
    }
    byScenario.set(r.seed, v * metric.scale);
    samples.set(r.scenario, byScenario);
  }
  return { autoscaler, samples, problems, undefinedCount };
}

/** Pairs two sample sets on (scenario, seed); every unmatched run is reported. */
export function pairSamples(
  base: SampleSet,
  other: SampleSet,
): { strata: [number, number][][]; problems: string[] } {
  const problems: string[] = [];
  const strata: [number, number][][] = [];
  const scenarios = new Set([...base.samples.keys(), ...other.samples.keys()]);
  for (const scenario of [...scenarios].sort()) {
    const b = base.samples.get(scenario) ?? new Map<number, number>();
    const o = other.samples.get(scenario) ?? new Map<number, number>();
    const pairs: [number, number][] = [];
    const seeds = new Set([...b.keys(), ...o.keys()]);
    for (const seed of [...seeds].sort((x, y) => x - y)) {
      const bv = b.get(seed);
      const ov = o.get(seed);
      if (bv === undefined || ov === undefined) {
        const [has, lacks] = bv === undefined ? [other.autoscaler, base.autoscaler] : [base.autoscaler, other.autoscaler];
        problems.push(`${scenario} / seed ${seed}: ${has} has a value, ${lacks} has none — pair left out`);
        continue;
      }
      pairs.push([bv, ov]);
    }
    if (pairs.length > 0) strata.push(pairs);
  }
  return { strata, problems };
}
