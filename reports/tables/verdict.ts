// Verdict rules for a claimed value against our estimate with a 95 % CI (DESIGN.md §7, issue 8):
// reproduced = the CI contains the claim or comes within the claim's stated tolerance; exceeded = the whole CI is
// better than the claim (beyond the tolerance) in the direction the claim is an achievement; otherwise not reproduced.

/** Every verdict a claim cell can carry; rendering maps them to words and colours, nothing parses them back. */
export const VERDICTS = ['reproduced', 'exceeded', 'not reproduced', 'not comparable', 'not available', 'incomplete', 'baseline', 'no claim'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** Which way is better for a metric. */
export type Better = 'lower' | 'higher';

/**
 * Judges one comparable claim. `tolerance` (≥ 0, same unit as the claim) is how far the CI may lie from the claim and
 * still reproduce it (e.g. the rounding of the thesis's printed figures). `better` null = no better side (a baseline's
 * value, a descriptive quantity, a claimed deterioration): only reproduced or not reproduced.
 */
export function judgeClaim(claimed: number, ci: { low: number; high: number }, better: Better | null, tolerance = 0): 'reproduced' | 'exceeded' | 'not reproduced' {
  if (!(tolerance >= 0)) throw new RangeError(`judgeClaim: tolerance is ${tolerance}, expected a number ≥ 0`);
  if (ci.low - tolerance <= claimed && claimed <= ci.high + tolerance) return 'reproduced';
  if (better === 'lower' && ci.high < claimed - tolerance) return 'exceeded';
  if (better === 'higher' && ci.low > claimed + tolerance) return 'exceeded';
  return 'not reproduced';
}

/** Direction-only qualifier for a relative claim that was not reproduced: did we at least see the same sign? */
export function sameDirection(claimed: number, ci: { low: number; high: number }): boolean {
  if (claimed < 0) return ci.high < 0;
  if (claimed > 0) return ci.low > 0;
  return ci.low <= 0 && ci.high >= 0;
}
