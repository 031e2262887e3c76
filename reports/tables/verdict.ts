// Verdict rules for a claimed value against our estimate with a 95 % CI (DESIGN.md §7, issue 3):
// reproduced = the CI contains the claim, or the whole CI beats it in the claimed direction.

/** Which way is better for a metric. */
export type Better = 'lower' | 'higher';

/** Judges one comparable claim; `better` is the direction in which the claim is an achievement. */
export function judgeClaim(claimed: number, ci: { low: number; high: number }, better: Better): 'reproduced' | 'not reproduced' {
  if (ci.low <= claimed && claimed <= ci.high) return 'reproduced';
  if (better === 'lower' && ci.high < claimed) return 'reproduced';
  if (better === 'higher' && ci.low > claimed) return 'reproduced';
  return 'not reproduced';
}

/** Direction-only qualifier for a relative claim that was not reproduced: did we at least see the same sign? */
export function sameDirection(claimed: number, ci: { low: number; high: number }): boolean {
  if (claimed < 0) return ci.high < 0;
  if (claimed > 0) return ci.low > 0;
  return ci.low <= 0 && ci.high >= 0;
}
