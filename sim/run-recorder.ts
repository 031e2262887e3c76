// Turns per-interval samples into the run's metrics (DESIGN.md §6), per-minute series and latency histogram.
// Pure and backend-neutral: the simulator feeds it ticks, a real-cluster backend feeds it Prometheus steps.
import type { RunMetrics, RunSeries } from '../lib/ports.ts';
import type { IntervalSample } from './interval-sample.ts';
import { LATENCY_BOUNDS_MS, createLatencyCounts, latencyQuantileMs } from './latency-histogram.ts';

/** How the recorder interprets samples. */
export interface RunRecorderOptions {
  /** SLA latency, ms (only reported; the samples carry the slow-request counts). */
  slaLatencyMs: number;
  /** Length of a series point and of an SLA minute, seconds. Default 60. */
  minuteSeconds?: number;
  /** Two opposite replica changes at most this far apart count as an oscillation, seconds. Default 300. */
  oscillationWindowSeconds?: number;
}

/** What a finished run produced. */
export interface RunResult {
  metrics: RunMetrics;
  series: RunSeries;
  /** Successful requests per bucket: `counts[i]` is (boundsMs[i-1], boundsMs[i]]; the extra last count is > last bound. */
  latencyHistogram: { boundsMs: number[]; counts: number[] };
}

/** Accumulates samples in time order; `finish` may be called once at the end. */
export interface RunRecorder {
  add(sample: IntervalSample): void;
  finish(): RunResult;
}

/** Nearest-rank P95 (the ⌈0.95·n⌉-th smallest) of episode durations; null when empty. */
function nearestRankP95(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.95 * sorted.length) - 1];
}

/** Use one per run. Definitions: see each metric's comment in lib/ports.ts and DESIGN.md §6. */
export function createRunRecorder(options: RunRecorderOptions): RunRecorder {
  const minuteSeconds = options.minuteSeconds ?? 60;
  const oscillationWindow = options.oscillationWindowSeconds ?? 300;
  const runCounts = createLatencyCounts();
  const minuteCounts = createLatencyCounts();
  const series: RunSeries = { tSeconds: [], rps: [], readyPods: [], desiredReplicas: [], latencyP95Ms: [], cpuUtilization: [] };
  let start = NaN, end = 0;
  let requests = 0, failed = 0, slowOk = 0, latencySum = 0, cost = 0;
  let cpuUsed = 0, cpuRequested = 0, readyUsed = 0, readyRequested = 0, podSeconds = 0, maxPods = 0;
  // Minutes.
  let minute = -1, minuteRequests = 0, minuteBad = 0, minuteDuration = 0, minuteReady = 0, minuteReadyUsed = 0;
  let minuteReadyRequested = 0, minuteDesired = 0, minutes = 0, badMinutes = 0;
  // Scaling actions, oscillations, under-provisioning episodes.
  let lastDesired = NaN, actions = 0, oscillations = 0, lastDirection = 0, lastChangeAt = -Infinity;
  let episodeStart = NaN;
  const episodes: number[] = [];

  function closeMinute(): void {
    if (minute < 0) return;
    minutes++;
    if (minuteRequests > 0 && minuteBad > 0.05 * minuteRequests) badMinutes++;
    const p95 = latencyQuantileMs(minuteCounts, 0.95);
    for (let i = 0; i < runCounts.length; i++) runCounts[i] += minuteCounts[i];
    series.tSeconds.push(minute * minuteSeconds);
    series.rps.push(minuteDuration > 0 ? minuteRequests / minuteDuration : 0);
    series.readyPods.push(minuteDuration > 0 ? minuteReady / minuteDuration : 0);
    series.desiredReplicas.push(minuteDesired);
    series.latencyP95Ms.push(Number.isNaN(p95) ? 0 : p95);
    series.cpuUtilization.push(minuteReadyRequested > 0 ? minuteReadyUsed / minuteReadyRequested : 0);
    minuteCounts.fill(0);
    minuteRequests = minuteBad = minuteDuration = minuteReady = minuteReadyUsed = minuteReadyRequested = 0;
  }

  function add(s: IntervalSample): void {
    const t = s.tSeconds;
    const dt = s.durationSeconds;
    if (Number.isNaN(start)) start = t;
    end = t + dt;
    const m = Math.floor((t - start) / minuteSeconds + 1e-9);
    if (m !== minute) {
      closeMinute();
      minute = m;
    }
    const bad = s.failedRequests + s.slowRequests;
    requests += s.requests;
    failed += s.failedRequests;
    slowOk += s.slowRequests;
    latencySum += s.latencySumMs;
    cost += s.costUsd;
    cpuUsed += s.cpuUsedCoreSeconds;
    cpuRequested += s.cpuRequestedCoreSeconds;
    readyUsed += s.readyCpuUsedCoreSeconds;
    readyRequested += s.readyCpuRequestedCoreSeconds;
    podSeconds += s.allocatedPods * dt;
    if (s.allocatedPods > maxPods) maxPods = s.allocatedPods;
    const shape = s.latencyShape;
    const from = s.latencyShapeFrom;
    const ok = s.requests - s.failedRequests;
    for (let i = 0; i < shape.length; i++) minuteCounts[from + i] += ok * shape[i];
    minuteRequests += s.requests;
    minuteBad += bad;
    minuteDuration += dt;
    minuteReady += s.readyPods * dt;
    minuteReadyUsed += s.readyCpuUsedCoreSeconds;
    minuteReadyRequested += s.readyCpuRequestedCoreSeconds;
    minuteDesired = s.desiredReplicas;

    if (s.desiredReplicas !== lastDesired) {
      if (!Number.isNaN(lastDesired)) {
        const direction = s.desiredReplicas > lastDesired ? 1 : -1;
        actions++;
        if (direction === -lastDirection && t - lastChangeAt <= oscillationWindow) oscillations++;
        lastDirection = direction;
        lastChangeAt = t;
      }
      lastDesired = s.desiredReplicas;
    }

    const under = s.demandRps > s.readyCapacityRps;
    if (under && Number.isNaN(episodeStart)) episodeStart = t;
    else if (!under && !Number.isNaN(episodeStart)) {
      episodes.push(t - episodeStart);
      episodeStart = NaN;
    }
  }

  function finish(): RunResult {
    closeMinute();
    // An episode still open at the end counts with its duration so far (the autoscaler never caught up).
    if (!Number.isNaN(episodeStart)) episodes.push(end - episodeStart);
    const duration = Number.isNaN(start) ? 0 : end - start;
    const hours = duration / 3600;
    const successful = requests - failed;
    let latencyMeanMs = successful > 0 ? latencySum / successful : 0;
    const q = (p: number): number => {
      const v = latencyQuantileMs(runCounts, p);
      return Number.isNaN(v) ? 0 : v;
    };
    if (!Number.isFinite(latencyMeanMs)) latencyMeanMs = 0;
    const metrics: RunMetrics = {
      durationSeconds: duration,
      requests,
      successfulRequests: successful,
      failedRequests: failed,
      slaViolatingRequests: failed + slowOk,
      slaLatencyMs: options.slaLatencyMs,
      slaViolationRateRequests: requests > 0 ? (failed + slowOk) / requests : 0,
      slaViolationRateMinutes: minutes > 0 ? badMinutes / minutes : 0,
      latencyMeanMs,
      latencyP50Ms: q(0.5),
      latencyP95Ms: q(0.95),
      latencyP99Ms: q(0.99),
      costUsd: cost,
      costPerMillionRequestsUsd: successful > 0 ? (cost / successful) * 1e6 : 0,
      resourceEfficiency: cpuRequested > 0 ? cpuUsed / cpuRequested : 0,
      meanCpuUtilization: readyRequested > 0 ? readyUsed / readyRequested : 0,
      underProvisioningEpisodes: episodes.length,
      scalingLatencyMeanSeconds: episodes.length > 0 ? episodes.reduce((a, b) => a + b, 0) / episodes.length : null,
      scalingLatencyP95Seconds: nearestRankP95(episodes),
      scalingActionsPerHour: hours > 0 ? actions / hours : 0,
      oscillationsPerHour: hours > 0 ? oscillations / hours : 0,
      podHours: podSeconds / 3600,
      meanPods: duration > 0 ? podSeconds / duration : 0,
      maxPods,
    };
    return { metrics, series, latencyHistogram: { boundsMs: Array.from(LATENCY_BOUNDS_MS), counts: Array.from(runCounts) } };
  }

  return { add, finish };
}
