// Turns a parsed trace into an open workload: select a window, optionally play it faster, scale it to the service
// under test, and spread each interval's requests over its seconds (uniformly, or as seeded Poisson counts).
// Zero intervals stay zero. Everything is precomputed per output second, so rateAt is an array lookup.
import type { OpenWorkload } from './workload.ts';
import type { Trace } from './trace.ts';
import { createRng } from '../lib/rng.ts';
import { checkNumber } from './check.ts';
import { WorkloadSpecError } from './workload-spec-error.ts';

/** How a trace becomes a rate; scaling uses the selected window, and at most one of peakRps/meanRps/scale is given. */
export interface TraceWorkloadOptions {
  /** Start of the window in trace time, whole seconds (default 0). */
  startSeconds?: number;
  /** Length of the window in trace time, whole seconds (default: to the end of the trace). */
  durationSeconds?: number;
  /**
   * Play the window this many times faster (dimensionless, > 0; default 1): a day of trace with timeScale 24 lasts
   * an hour. Request counts are preserved, so rates rise by the same factor unless peakRps/meanRps rescale them.
   * The played length, durationSeconds / timeScale, must be a whole number of seconds.
   */
  timeScale?: number;
  /** Scale so the busiest second of the (uniformly spread) window has this rate, requests/s — for a per-minute
   * trace at timeScale 1 that is the busiest minute's mean rate. Poisson spreading adds noise on top. */
  peakRps?: number;
  /** Scale so the window's mean rate is this, requests/s. */
  meanRps?: number;
  /** Multiply every count by this factor (dimensionless; default 1 when no target is given). */
  scale?: number;
  /**
   * How an interval's requests fall on seconds: `uniform` (default) spreads them evenly (exact: each minute's
   * seconds add up to its count); `poisson` draws each second's count from Poisson(uniform value) with `seed`
   * (totals preserved in expectation; rates become whole requests per second).
   */
  spread?: 'uniform' | 'poisson';
  /** Seed of the Poisson draws (integer; required with spread = poisson). */
  seed?: number;
  name?: string;
}

/** The resolved scaling, for reports: requests/s = scaleFactor × (trace requests in the output second). */
export interface TraceWorkload extends OpenWorkload {
  /** Multiplier applied to the trace's counts. */
  readonly scaleFactor: number;
  /** Start of the window in trace time, seconds. */
  readonly startSeconds: number;
}

/** Builds the workload; errors name the option, the value and the allowed range. */
export function traceWorkload(trace: Trace, o: TraceWorkloadOptions = {}): TraceWorkload {
  const res = trace.resolutionSeconds;
  const totalSeconds = trace.counts.length * res;
  const start = checkNumber('startSeconds', o.startSeconds, { fallback: 0, integer: true, max: totalSeconds - 1 });
  const window = checkNumber('durationSeconds', o.durationSeconds, { fallback: totalSeconds - start, integer: true, positive: true, max: totalSeconds - start });
  const k = checkNumber('timeScale', o.timeScale, { fallback: 1, positive: true });
  const seconds = window / k;
  if (Math.abs(seconds - Math.round(seconds)) > 1e-9) {
    throw new WorkloadSpecError('timeScale', k, `a factor that plays the ${window} s window in a whole number of seconds`);
  }
  const duration = Math.round(seconds);

  // Requests of trace time [a, b) in each output second, each interval spread uniformly over its seconds.
  const raw = new Float64Array(duration);
  for (let s = 0; s < duration; s++) {
    const a = start + s * k;
    const b = start + Math.min((s + 1) * k, window);
    let sum = 0;
    for (let j = Math.floor(a / res); j < trace.counts.length && j * res < b; j++) {
      const overlap = Math.min(b, (j + 1) * res) - Math.max(a, j * res);
      if (overlap > 0) sum += (overlap / res) * trace.counts[j];
    }
    raw[s] = sum;
  }

  const factor = scaleFactor(o, raw);
  const spread = o.spread ?? 'uniform';
  if (spread !== 'uniform' && spread !== 'poisson') throw new WorkloadSpecError('spread', spread, '"uniform" or "poisson"');
  const perSecond = raw;
  if (spread === 'uniform') {
    for (let s = 0; s < duration; s++) perSecond[s] = factor * raw[s];
  } else {
    const rng = createRng(checkNumber('seed', o.seed, { integer: true, min: Number.MIN_SAFE_INTEGER }));
    for (let s = 0; s < duration; s++) perSecond[s] = rng.poisson(factor * raw[s]);
  }
  return {
    kind: 'open',
    name: o.name ?? `trace:${trace.name}`,
    durationSeconds: duration,
    scaleFactor: factor,
    startSeconds: start,
    rateAt: (t) => (t >= 0 && t < duration ? perSecond[Math.floor(t)] : 0),
  };
}

function scaleFactor(o: TraceWorkloadOptions, raw: Float64Array): number {
  const targets = (['peakRps', 'meanRps', 'scale'] as const).filter((key) => o[key] !== undefined);
  if (targets.length > 1) throw new WorkloadSpecError(targets.join('/'), targets.map((key) => o[key]), 'at most one of peakRps, meanRps, scale');
  if (o.scale !== undefined) return checkNumber('scale', o.scale);
  if (o.peakRps === undefined && o.meanRps === undefined) return 1;
  const field = o.peakRps !== undefined ? 'peakRps' : 'meanRps';
  const target = checkNumber(field, o[field], { positive: true });
  let peak = 0;
  let total = 0;
  for (const r of raw) {
    if (r > peak) peak = r;
    total += r;
  }
  const current = field === 'peakRps' ? peak : total / raw.length;
  if (current === 0) throw new WorkloadSpecError(field, target, 'a window with some requests (every interval in it is 0, so it cannot be scaled)');
  return target / current;
}
