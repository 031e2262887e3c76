// The bounds every workload parameter is held to, beside the checks that enforce them (check.ts, noise.ts,
// k6-plan.ts, trace.ts, spec.ts). They keep a workload's work finite and its numbers exact: a rate of 1e15 req/s
// loses the precision the metrics need (a violation rate came out as 1.0000000000000002), a duration of 1e9 s or a
// noise step of 1e-9 s allocates or loops for hours. Each is far beyond any real service or capture.
export const WORKLOAD_LIMITS = {
  /** Highest request rate of any parameter, requests/s (ten million). */
  maxRps: 10_000_000,
  /** Longest duration or time of any parameter, seconds (366 days). */
  maxSeconds: 366 * 86_400,
  /** Most values a workload precomputes (noise steps, trace intervals): ten million. */
  maxSteps: 10_000_000,
  /** Most virtual users (k6 closed model). */
  maxVus: 1_000_000,
  /** Most stages of one k6 scenario, and most scenarios of one k6 options object. */
  maxStages: 10_000,
  /** Deepest nesting of composite specs (sum, product, scaled, shifted, noise). */
  maxNesting: 16,
  /** Largest scale factor (scaled, timeScale, trace scale), dimensionless. */
  maxFactor: 1_000_000,
} as const;

/** The limit a parameter gets from its name when its check names none: `…Rps` and `rate` are rates, `…Seconds` times. */
export function conventionalMax(field: string): number | undefined {
  const last = field.slice(field.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '');
  if (/Rps$|^rate$|^startRate$/i.test(last)) return WORKLOAD_LIMITS.maxRps;
  if (/Seconds$/.test(last)) return WORKLOAD_LIMITS.maxSeconds;
  if (/^(factor|timeScale|scale)$/.test(last) || /Factors$/.test(last)) return WORKLOAD_LIMITS.maxFactor;
  if (/vus$|VUs$/i.test(last)) return WORKLOAD_LIMITS.maxVus;
  return undefined;
}
