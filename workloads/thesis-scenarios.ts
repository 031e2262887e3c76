// The thesis's six named scenarios as concrete patterns. Each is parameterised by a base rate, a peak rate and a
// run length; every time inside a scenario is a fraction of the run length, so a shorter run keeps its shape.
// Experiments choose peakRps so the peak is feasible at max replicas (the SLA then measures the autoscaler).
import type { OpenWorkload } from './workload.ts';
import { gradualRamp, steady, suddenSpike } from './basic-patterns.ts';
import { daily, idleBursty } from './periodic-patterns.ts';
import { flashCrowd } from './flash-crowd.ts';
import { checkDuration, checkNumber } from './check.ts';
import { WorkloadSpecError } from './workload-spec-error.ts';

/** The scenario names of the thesis, in its order. */
export const THESIS_SCENARIO_NAMES = ['steady', 'gradual-ramp', 'sudden-spike', 'daily-pattern', 'idle-periods', 'flash-crowd'] as const;
export type ThesisScenarioName = (typeof THESIS_SCENARIO_NAMES)[number];

/** Knobs shared by all six scenarios. */
export interface ThesisScenarioOptions {
  /** Quiet-time rate, requests/s (default 100). */
  baseRps?: number;
  /** Highest rate the scenario reaches, requests/s (default 400; must be ≥ baseRps). */
  peakRps?: number;
  /** Run length, seconds (default 3,600). */
  durationSeconds?: number;
}

/** Defaults used when a scenario is named without options. */
export const THESIS_SCENARIO_DEFAULTS: Required<ThesisScenarioOptions> = { baseRps: 100, peakRps: 400, durationSeconds: 3600 };

/**
 * Builds a thesis scenario (D = durationSeconds, B = baseRps, P = peakRps):
 * - steady: constant (B + P)/2.
 * - gradual-ramp: B until 0.1·D, linear to P at 0.8·D, then P.
 * - sudden-spike: B, with an instantaneous jump to P during [0.4·D, 0.5·D).
 * - daily-pattern: one compressed day per run: mean (B + P)/2, amplitude (P − B)/2, period D, peak at D/2 (B at t = 0).
 * - idle-periods: 10 % of B, with bursts at P lasting D/12 every D/3, the first at D/6.
 * - flash-crowd: B, rising linearly to P over D/60 from 0.3·D, then decaying to B with time constant D/12.
 * Names are matched case-insensitively with spaces or underscores for hyphens ("Daily pattern" works).
 */
export function thesisScenario(name: string, options: ThesisScenarioOptions = {}): OpenWorkload {
  const key = normalizeScenarioName(name);
  const B = checkNumber('baseRps', options.baseRps, { fallback: THESIS_SCENARIO_DEFAULTS.baseRps });
  const P = checkNumber('peakRps', options.peakRps, { fallback: THESIS_SCENARIO_DEFAULTS.peakRps, min: B });
  const D = checkDuration('durationSeconds', options.durationSeconds, THESIS_SCENARIO_DEFAULTS.durationSeconds);
  switch (key) {
    case 'steady':
      return steady({ name: key, rps: (B + P) / 2, durationSeconds: D });
    case 'gradual-ramp':
      return gradualRamp({ name: key, fromRps: B, toRps: P, rampStartSeconds: 0.1 * D, rampSeconds: 0.7 * D, durationSeconds: D });
    case 'sudden-spike':
      return suddenSpike({ name: key, baseRps: B, spikeRps: P, spikeStartSeconds: 0.4 * D, spikeSeconds: 0.1 * D, durationSeconds: D });
    case 'daily-pattern':
      return daily({ name: key, meanRps: (B + P) / 2, amplitudeRps: (P - B) / 2, periodSeconds: D, peakAtSeconds: D / 2, durationSeconds: D });
    case 'idle-periods':
      return idleBursty({ name: key, idleRps: 0.1 * B, burstRps: P, cycleSeconds: D / 3, burstSeconds: D / 12, firstBurstAtSeconds: D / 6, durationSeconds: D });
    case 'flash-crowd':
      return flashCrowd({ name: key, baseRps: B, peakRps: P, startSeconds: 0.3 * D, riseSeconds: D / 60, decaySeconds: D / 12, durationSeconds: D });
  }
}

/** Maps "Daily pattern", "daily_pattern", "DAILY-PATTERN" to "daily-pattern"; throws on an unknown name. */
export function normalizeScenarioName(name: string): ThesisScenarioName {
  const key = String(name).trim().toLowerCase().replace(/[\s_]+/g, '-');
  if ((THESIS_SCENARIO_NAMES as readonly string[]).includes(key)) return key as ThesisScenarioName;
  throw new WorkloadSpecError('name', name, `one of ${THESIS_SCENARIO_NAMES.join(', ')}`);
}

/** True when `name` is one of the thesis scenario names (in any of the spellings normalizeScenarioName accepts). */
export function isThesisScenarioName(name: string): boolean {
  return (THESIS_SCENARIO_NAMES as readonly string[]).includes(String(name).trim().toLowerCase().replace(/[\s_]+/g, '-'));
}
