// A workload's headline numbers, sampled on a grid: what an experiment checks against capacity at max replicas.
import type { Workload } from './workload.ts';

/** Peak and mean over [0, durationSeconds) sampled every stepSeconds: requests/s (open) or VUs (closed). */
export interface WorkloadSummary {
  kind: Workload['kind'];
  name: string;
  durationSeconds: number;
  /** Highest sampled value: requests/s for open workloads, VUs for closed ones. */
  peak: number;
  /** Mean of the samples, same unit as peak. */
  mean: number;
  /** Think time of a closed workload, seconds. */
  thinkTimeSeconds?: number;
}

/** Samples the workload at t = 0, step, 2·step, … (default step 1 s). */
export function summarizeWorkload(w: Workload, stepSeconds = 1): WorkloadSummary {
  const at = w.kind === 'open' ? (t: number) => w.rateAt(t) : (t: number) => w.vusAt(t);
  let peak = 0;
  let total = 0;
  let n = 0;
  for (let t = 0; t < w.durationSeconds; t += stepSeconds) {
    const v = at(t);
    if (v > peak) peak = v;
    total += v;
    n++;
  }
  const summary: WorkloadSummary = { kind: w.kind, name: w.name, durationSeconds: w.durationSeconds, peak, mean: n ? total / n : 0 };
  if (w.kind === 'closed') summary.thinkTimeSeconds = w.thinkTimeSeconds;
  return summary;
}
