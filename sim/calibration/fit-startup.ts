// The desired → Ready lag of new pods from one-minute series, and the start-up median it implies.
//
// A scale-up window starts at a minute whose desired replicas rose after a settled minute (Ready = desired, no
// change) and ends at the next settled minute, with no scale-down in between. Over the window the area between
// desired and Ready, Σ (desired − mean Ready) × 60 s, is the sum of the new pods' lags plus, for each rise of Δ
// pods, Δ × (the rise's offset inside its minute): the series carries desired replicas only at the end of each
// minute. So the mean lag of the window's pods lies in (area/ΣΔ − 60, area/ΣΔ] exactly; the estimate takes
// the middle (offsets uniform over the minute), ±30 s at worst, and the error of that middle shrinks over many
// windows only when decision instants fall at all phases of the minute.
import { createRng } from '../../lib/rng.ts';
import { bootstrapOverRuns, groupByRun, pointsOf } from './bootstrap-runs.ts';
import { unidentified, type FitOptions, type ParamFit } from './fit-types.ts';
import type { RunSeriesView } from './minutes.ts';

/** Length of one series point, seconds (experiments/run-record-schema.ts SERIES_POINT_SECONDS). */
export const MINUTE_SECONDS = 60;
/** Ready and desired replicas count as equal within this many pods (cluster backends average scrapes). */
const SETTLED_PODS = 0.01;

/** One complete scale-up window. */
export interface ScaleUpWindow {
  run: number;
  startMinute: number;
  endMinute: number;
  /** Pods added (sum of the rises of desired replicas). */
  addedPods: number;
  /** Σ (desired − mean Ready) × 60 over the window, pod-seconds. */
  deficitPodSeconds: number;
}

/** Use to find the usable scale-up windows of each run; `rises` counts every rise of desired replicas. */
export function scaleUpWindows(views: readonly RunSeriesView[]): { windows: ScaleUpWindow[]; rises: number } {
  const windows: ScaleUpWindow[] = [];
  let rises = 0;
  for (const v of views) {
    const d = v.points.map((p) => p.desiredReplicas);
    const r = v.points.map((p) => p.readyPods);
    const settled = (m: number): boolean => Math.abs(r[m] - d[m]) < SETTLED_PODS && (m === 0 || d[m] === d[m - 1]);
    for (let m = 1; m < d.length; m++) if (d[m] > d[m - 1]) rises++;
    for (let k = 1; k < d.length; k++) {
      if (!(d[k] > d[k - 1] && settled(k - 1))) continue;
      let added = 0, deficit = 0, end = -1;
      for (let m = k; m < d.length; m++) {
        if (d[m] < d[m - 1] || r[m] > d[m] + SETTLED_PODS) break; // a scale-down deletes starting pods: unusable
        if (m > k && settled(m)) {
          end = m;
          break;
        }
        if (d[m] > d[m - 1]) added += d[m] - d[m - 1];
        deficit += (d[m] - r[m]) * MINUTE_SECONDS;
      }
      if (end < 0) continue; // cut by a scale-down or by the end of the run
      windows.push({ run: v.run, startMinute: k, endMinute: end - 1, addedPods: added, deficitPodSeconds: deficit });
      k = end - 1;
    }
  }
  return { windows, rises };
}

/** Mean lag of the pods in `windows`, seconds: pooled area / pods − half a minute. */
export function meanLagSeconds(windows: readonly ScaleUpWindow[]): number {
  let area = 0, pods = 0;
  for (const w of windows) {
    area += w.deficitPodSeconds;
    pods += w.addedPods;
  }
  return pods > 0 ? area / pods - MINUTE_SECONDS / 2 : Number.NaN;
}

/** The plant fields that split the lag: lag = scheduling + median·exp(σ²/2) (log-normal mean) + readiness. */
export interface LagSplit {
  schedulingDelaySeconds: number;
  readinessDelaySeconds: number;
  startupSigma: number;
}

/** Use for `readyLagSeconds` (the observable) and `startupMedianSeconds` (derived with the split's other fields). */
export function fitStartup(views: readonly RunSeriesView[], split: LagSplit, o: FitOptions): { readyLag: ParamFit; startupMedian: ParamFit } {
  const { windows, rises } = scaleUpWindows(views);
  if (windows.length === 0) {
    const why = rises === 0
      ? 'no scaling event: desired replicas never rise in these records'
      : `no usable scale-up: ${rises} rise(s) of desired replicas, none from a settled minute (Ready = desired) to Ready catching up before a scale-down or the end of the run`;
    return { readyLag: unidentified(why), startupMedian: unidentified(why) };
  }
  const lag = meanLagSeconds(windows);
  const byRun = groupByRun(windows);
  const runs = [...byRun.keys()];
  const ci = bootstrapOverRuns(runs, (draw) => meanLagSeconds(pointsOf(byRun, draw)), { rng: createRng(o.seed + 2), resamples: o.resamples, confidence: o.confidence });
  const pods = windows.reduce((s, w) => s + w.addedPods, 0);
  const common = { recordsUsed: runs.length, minutesUsed: windows.reduce((s, w) => s + w.endMinute - w.startMinute + 1, 0), ...(ci ? {} : { error: 'one run: no bootstrap over runs' }) };
  const bounds: [number, number] = [lag - MINUTE_SECONDS / 2, lag + MINUTE_SECONDS / 2];
  const readyLag: ParamFit = {
    identifiable: true, estimate: lag, unit: 's', ci, ...common,
    method: `area between desired and Ready replicas over ${windows.length} scale-up windows (${pods} pods) per added pod, minus half a minute (desired is known only at minute ends)`,
    details: { scaleUpWindows: windows.length, podsAdded: pods, resolutionBoundsSeconds: bounds, toleranceSeconds: MINUTE_SECONDS / 2 },
  };
  const meanFactor = Math.exp((split.startupSigma * split.startupSigma) / 2);
  const toMedian = (l: number): number => (l - split.schedulingDelaySeconds - split.readinessDelaySeconds) / meanFactor;
  const median = toMedian(lag);
  if (!(median > 0)) {
    return { readyLag, startupMedian: unidentified(`the mean lag (${lag.toFixed(1)} s) is not longer than scheduling (${split.schedulingDelaySeconds} s) + readiness (${split.readinessDelaySeconds} s): the start-up part cannot be split off`) };
  }
  const startupMedian: ParamFit = {
    identifiable: true, estimate: median, unit: 's', ci: ci ? [Math.max(0, toMedian(ci[0])), toMedian(ci[1])] : null, ...common,
    method: `(mean lag − schedulingDelaySeconds ${split.schedulingDelaySeconds} − readinessDelaySeconds ${split.readinessDelaySeconds}) / exp(σ²/2) with σ = ${split.startupSigma} (the log-normal's mean → median); only the total lag is observable`,
    details: { resolutionBoundsSeconds: [Math.max(0, toMedian(bounds[0])), toMedian(bounds[1])], toleranceSeconds: MINUTE_SECONDS / 2 / meanFactor },
  };
  return { readyLag, startupMedian };
}
