// Turns a parsed trace into an open workload: select a window, scale it to the service under test, and spread
// each interval's requests over its seconds (uniformly, or as seeded Poisson counts). Zero intervals stay zero.
import type { OpenWorkload } from './workload.ts';
import type { Trace } from './trace.ts';
import { createRng } from '../lib/rng.ts';
import { checkNumber } from './check.ts';
import { WorkloadSpecError } from './workload-spec-error.ts';

/** How a trace becomes a rate; scaling uses the selected window, and at most one of peakRps/meanRps/scale is given. */
export interface TraceWorkloadOptions {
  /** Start of the window in trace time, seconds (a multiple of the trace resolution; default 0). */
  startSeconds?: number;
  /** Length of the window, seconds (a multiple of the resolution; default: to the end of the trace). */
  durationSeconds?: number;
  /** Scale so the highest interval of the window averages this rate, requests/s (before Poisson spreading). */
  peakRps?: number;
  /** Scale so the window's mean rate is this, requests/s. */
  meanRps?: number;
  /** Multiply every count by this factor (dimensionless; default 1 when no target is given). */
  scale?: number;
  /**
   * How an interval's requests fall on its seconds: `uniform` (default) gives each second count/resolution
   * requests (exact); `poisson` draws each second's count from Poisson(count/resolution) with `seed`
   * (the total is preserved in expectation, and the rate becomes whole requests per second).
   */
  spread?: 'uniform' | 'poisson';
  /** Seed of the Poisson draws (integer; required with spread = poisson). */
  seed?: number;
  name?: string;
}

/** The resolved scaling, for reports: requests/s = factor × count / resolutionSeconds. */
export interface TraceWorkload extends OpenWorkload {
  /** Multiplier applied to the trace's counts. */
  readonly scaleFactor: number;
  /** First trace interval of the window. */
  readonly firstInterval: number;
}

/** Builds the workload; errors name the option, the value and the allowed range. */
export function traceWorkload(trace: Trace, o: TraceWorkloadOptions = {}): TraceWorkload {
  const res = trace.resolutionSeconds;
  const totalSeconds = trace.counts.length * res;
  const start = checkNumber('startSeconds', o.startSeconds, { fallback: 0, max: totalSeconds - res });
  const duration = checkNumber('durationSeconds', o.durationSeconds, { fallback: totalSeconds - start, positive: true, max: totalSeconds - start });
  if (start % res !== 0) throw new WorkloadSpecError('startSeconds', start, `a multiple of the trace resolution (${res} s)`);
  if (duration % res !== 0) throw new WorkloadSpecError('durationSeconds', duration, `a multiple of the trace resolution (${res} s)`);
  const first = start / res;
  const window = trace.counts.slice(first, first + duration / res);

  const targets = (['peakRps', 'meanRps', 'scale'] as const).filter((k) => o[k] !== undefined);
  if (targets.length > 1) throw new WorkloadSpecError(targets.join('/'), targets.map((k) => o[k]), 'at most one of peakRps, meanRps, scale');
  let factor = 1;
  if (o.scale !== undefined) factor = checkNumber('scale', o.scale);
  if (o.peakRps !== undefined || o.meanRps !== undefined) {
    const field = o.peakRps !== undefined ? 'peakRps' : 'meanRps';
    const target = checkNumber(field, o[field], { positive: true });
    const windowRps = field === 'peakRps' ? window.reduce((a, c) => (c > a ? c : a), 0) / res : window.reduce((a, c) => a + c, 0) / duration;
    if (windowRps === 0) throw new WorkloadSpecError(field, target, 'a window with some requests (every interval in it is 0, so it cannot be scaled)');
    factor = target / windowRps;
  }

  const spread = o.spread ?? 'uniform';
  if (spread !== 'uniform' && spread !== 'poisson') throw new WorkloadSpecError('spread', spread, '"uniform" or "poisson"');
  const name = o.name ?? `trace:${trace.name}`;
  const base = { kind: 'open' as const, name, durationSeconds: duration, scaleFactor: factor, firstInterval: first };
  if (spread === 'uniform') {
    const perSecond = window.map((c) => (factor * c) / res);
    return { ...base, rateAt: (t) => (t >= 0 && t < duration ? perSecond[Math.floor(t / res)] : 0) };
  }
  const seed = checkNumber('seed', o.seed, { integer: true, min: Number.MIN_SAFE_INTEGER });
  const rng = createRng(seed);
  const perSecond = new Float64Array(duration);
  for (let s = 0; s < duration; s++) perSecond[s] = rng.poisson((factor * window[Math.floor(s / res)]) / res);
  return { ...base, rateAt: (t) => (t >= 0 && t < duration ? perSecond[Math.floor(t)] : 0) };
}
