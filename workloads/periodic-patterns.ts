// Repeating load shapes: the daily (diurnal) sinusoid, the weekly pattern (daily × weekday factor), and
// idle periods broken by bursts. Pure functions of time; the period is configurable so a "day" can be
// compressed into a short run.
import type { OpenWorkload } from './workload.ts';
import { checkDuration, checkNumber } from './check.ts';
import { openWorkload } from './basic-patterns.ts';
import { WorkloadSpecError } from './workload-spec-error.ts';

/** Seconds in a day: the default period of the diurnal pattern. */
export const SECONDS_PER_DAY = 86_400;

/** A sinusoid around a mean: the day/night cycle of a user-facing service. */
export interface DailyParams {
  /** Mean rate over a period, requests/s. */
  meanRps: number;
  /** Half the peak-to-trough swing, requests/s (≤ meanRps, so the rate never goes negative). */
  amplitudeRps: number;
  /** Length of one cycle, seconds (default 86,400 = 24 h). */
  periodSeconds?: number;
  /** Time of the daily peak within the cycle, seconds (default 14 h = 50,400 s, scaled with periodSeconds). */
  peakAtSeconds?: number;
  /** Length of the workload, seconds. */
  durationSeconds: number;
  name?: string;
}

/** rate(t) = mean + amplitude · cos(2π (t − peakAt) / period). */
export function daily(p: DailyParams): OpenWorkload {
  const { mean, amp, period, peakAt } = dailyShape(p);
  const durationSeconds = checkDuration('durationSeconds', p.durationSeconds);
  return openWorkload(p.name ?? 'daily', durationSeconds, (t) => mean + amp * Math.cos((2 * Math.PI * (t - peakAt)) / period));
}

function dailyShape(p: Omit<DailyParams, 'durationSeconds' | 'name'>): { mean: number; amp: number; period: number; peakAt: number } {
  const mean = checkNumber('meanRps', p.meanRps);
  const amp = checkNumber('amplitudeRps', p.amplitudeRps, { max: mean });
  const period = checkDuration('periodSeconds', p.periodSeconds, SECONDS_PER_DAY);
  const peakAt = checkNumber('peakAtSeconds', p.peakAtSeconds, { fallback: (period * 14) / 24 });
  return { mean, amp, period, peakAt };
}

/** Default weekday factors, Monday first: full load on working days, 70 % Saturday, 60 % Sunday. */
export const DEFAULT_WEEKDAY_FACTORS: readonly number[] = [1, 1, 1, 1, 1, 0.7, 0.6];

/** The daily sinusoid multiplied by a per-weekday factor (quieter weekends). */
export interface WeeklyParams extends Omit<DailyParams, 'name'> {
  /** Seven multipliers (dimensionless, ≥ 0), the first for the day the run starts on when startWeekday = 0. */
  weekdayFactors?: readonly number[];
  /** Index into weekdayFactors of the first day of the run (0–6, default 0). */
  startWeekday?: number;
  name?: string;
}

/** rate(t) = daily(t) × weekdayFactors[(startWeekday + ⌊t / period⌋) mod 7]; a "day" lasts periodSeconds. */
export function weekly(p: WeeklyParams): OpenWorkload {
  const { mean, amp, period, peakAt } = dailyShape(p);
  const factors = p.weekdayFactors ?? DEFAULT_WEEKDAY_FACTORS;
  if (!Array.isArray(factors) || factors.length !== 7) {
    throw new WorkloadSpecError('weekdayFactors', factors, 'an array of 7 numbers ≥ 0 (one per weekday)');
  }
  factors.forEach((f, i) => checkNumber(`weekdayFactors[${i}]`, f));
  const startDay = checkNumber('startWeekday', p.startWeekday, { fallback: 0, integer: true, max: 6 });
  const durationSeconds = checkDuration('durationSeconds', p.durationSeconds);
  return openWorkload(p.name ?? 'weekly', durationSeconds, (t) => {
    const day = (startDay + Math.floor(t / period)) % 7;
    return factors[day] * (mean + amp * Math.cos((2 * Math.PI * (t - peakAt)) / period));
  });
}

/** Long quiet stretches broken by bursts: tests scale-to-minimum and cold-start recovery. */
export interface IdleBurstyParams {
  /** Rate between bursts, requests/s (default 0). */
  idleRps?: number;
  /** Rate during a burst, requests/s. */
  burstRps: number;
  /** Time from one burst's start to the next, seconds. */
  cycleSeconds: number;
  /** Length of each burst, seconds (≤ cycleSeconds). */
  burstSeconds: number;
  /** Start of the first burst, seconds (default 0). */
  firstBurstAtSeconds?: number;
  /** Length of the workload, seconds. */
  durationSeconds: number;
  name?: string;
}

/** A square wave: idleRps, with burstRps during [first + k·cycle, first + k·cycle + burst) for k = 0, 1, … */
export function idleBursty(p: IdleBurstyParams): OpenWorkload {
  const idle = checkNumber('idleRps', p.idleRps, { fallback: 0 });
  const burst = checkNumber('burstRps', p.burstRps);
  const cycle = checkDuration('cycleSeconds', p.cycleSeconds);
  const length = checkNumber('burstSeconds', p.burstSeconds, { positive: true, max: cycle });
  const first = checkNumber('firstBurstAtSeconds', p.firstBurstAtSeconds, { fallback: 0 });
  const durationSeconds = checkDuration('durationSeconds', p.durationSeconds);
  return openWorkload(p.name ?? 'idle-bursty', durationSeconds, (t) => {
    if (t < first) return idle;
    return (t - first) % cycle < length ? burst : idle;
  });
}
