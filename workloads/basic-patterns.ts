// The simplest load shapes (steady, gradual ramp, sudden spike) as pure functions of time. Each is an
// OpenWorkload defined on [0, durationSeconds); outside that interval the rate is 0.
import type { OpenWorkload } from './workload.ts';
import { checkDuration, checkNumber } from './check.ts';

/** Constant load: the baseline every autoscaler should hold without oscillating. */
export interface SteadyParams {
  /** Arrival rate, requests/s. */
  rps: number;
  /** Length of the workload, seconds. */
  durationSeconds: number;
  name?: string;
}

/** Constant arrival rate for the whole run. */
export function steady(p: SteadyParams): OpenWorkload {
  const rps = checkNumber('rps', p.rps);
  const durationSeconds = checkDuration('durationSeconds', p.durationSeconds);
  return openWorkload(p.name ?? 'steady', durationSeconds, () => rps);
}

/** A linear ramp from one rate to another, holding the end rate afterwards (tests scale-up tracking). */
export interface GradualRampParams {
  /** Rate before and at the start of the ramp, requests/s. */
  fromRps: number;
  /** Rate at the end of the ramp and afterwards, requests/s. */
  toRps: number;
  /** When the ramp starts, seconds from the start (default 0). */
  rampStartSeconds?: number;
  /** How long the ramp lasts, seconds (> 0). */
  rampSeconds: number;
  /** Length of the workload, seconds. */
  durationSeconds: number;
  name?: string;
}

/** Linear change of the rate between fromRps and toRps over [rampStart, rampStart + ramp]. */
export function gradualRamp(p: GradualRampParams): OpenWorkload {
  const fromRps = checkNumber('fromRps', p.fromRps);
  const toRps = checkNumber('toRps', p.toRps);
  const start = checkNumber('rampStartSeconds', p.rampStartSeconds, { fallback: 0 });
  const ramp = checkDuration('rampSeconds', p.rampSeconds);
  const durationSeconds = checkDuration('durationSeconds', p.durationSeconds);
  return openWorkload(p.name ?? 'gradual-ramp', durationSeconds, (t) => {
    if (t <= start) return fromRps;
    if (t >= start + ramp) return toRps;
    return fromRps + ((toRps - fromRps) * (t - start)) / ramp;
  });
}

/** A base rate with one rectangular (or trapezoidal) spike: tests reaction time and overshoot. */
export interface SuddenSpikeParams {
  /** Rate outside the spike, requests/s. */
  baseRps: number;
  /** Rate at the top of the spike, requests/s. */
  spikeRps: number;
  /** When the spike starts, seconds from the start. */
  spikeStartSeconds: number;
  /** How long the spike lasts including its rise and fall, seconds (> 0). */
  spikeSeconds: number;
  /** Linear rise (and fall) time at the spike's edges, seconds (default 0 = instantaneous). */
  riseSeconds?: number;
  /** Length of the workload, seconds. */
  durationSeconds: number;
  name?: string;
}

/** Base rate, then spikeRps during [spikeStart, spikeStart + spikeSeconds), then base again. */
export function suddenSpike(p: SuddenSpikeParams): OpenWorkload {
  const base = checkNumber('baseRps', p.baseRps);
  const top = checkNumber('spikeRps', p.spikeRps);
  const start = checkNumber('spikeStartSeconds', p.spikeStartSeconds);
  const length = checkDuration('spikeSeconds', p.spikeSeconds);
  const rise = checkNumber('riseSeconds', p.riseSeconds, { fallback: 0, max: length / 2 });
  const durationSeconds = checkDuration('durationSeconds', p.durationSeconds);
  const end = start + length;
  return openWorkload(p.name ?? 'sudden-spike', durationSeconds, (t) => {
    if (t < start || t >= end) return base;
    if (rise > 0 && t < start + rise) return base + ((top - base) * (t - start)) / rise;
    if (rise > 0 && t > end - rise) return base + ((top - base) * (end - t)) / rise;
    return top;
  });
}

/** Wraps a shape function as an OpenWorkload that is 0 outside [0, durationSeconds) and never negative. */
export function openWorkload(name: string, durationSeconds: number, shape: (tSeconds: number) => number): OpenWorkload {
  return {
    kind: 'open',
    name,
    durationSeconds,
    rateAt(tSeconds: number): number {
      if (!(tSeconds >= 0 && tSeconds < durationSeconds)) return 0;
      const r = shape(tSeconds);
      return r > 0 ? r : 0;
    },
  };
}
