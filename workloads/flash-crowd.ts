// The flash crowd (a link goes viral): a fast linear rise to a peak, then a slow exponential decay back to base.
import type { OpenWorkload } from './workload.ts';
import { checkDuration, checkNumber } from './check.ts';
import { openWorkload } from './basic-patterns.ts';

/** Parameters of a flash crowd; the decay is exponential with time constant decaySeconds. */
export interface FlashCrowdParams {
  /** Rate before the crowd arrives and the level it decays back to, requests/s. */
  baseRps: number;
  /** Rate at the top of the crowd, requests/s. */
  peakRps: number;
  /** When the rise starts, seconds from the start. */
  startSeconds: number;
  /** Linear rise time from base to peak, seconds (> 0). */
  riseSeconds: number;
  /** Exponential decay time constant τ after the peak, seconds: the excess falls to 1/e after τ. */
  decaySeconds: number;
  /** Length of the workload, seconds. */
  durationSeconds: number;
  name?: string;
}

/** rate = base + (peak − base)·(t − start)/rise during the rise, then base + (peak − base)·e^(−(t − start − rise)/τ). */
export function flashCrowd(p: FlashCrowdParams): OpenWorkload {
  const base = checkNumber('baseRps', p.baseRps);
  const peak = checkNumber('peakRps', p.peakRps);
  const start = checkNumber('startSeconds', p.startSeconds);
  const rise = checkDuration('riseSeconds', p.riseSeconds);
  const tau = checkDuration('decaySeconds', p.decaySeconds);
  const durationSeconds = checkDuration('durationSeconds', p.durationSeconds);
  return openWorkload(p.name ?? 'flash-crowd', durationSeconds, (t) => {
    if (t < start) return base;
    if (t < start + rise) return base + ((peak - base) * (t - start)) / rise;
    return base + (peak - base) * Math.exp(-(t - start - rise) / tau);
  });
}
