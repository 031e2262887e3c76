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

/**
 * Use one per run (DESIGN.md §6). Choices where the definitions leave room:
 * - SLA minute: its P95 exceeds the SLA exactly when more than 5 % of its requests are slower than the SLA or
 *   failed (a failed request counts as infinitely slow), so that is what is counted, without bucket rounding.
 * - Latency mean and P50/P95/P99 are over successful requests (failed ones have no response time).
 * - Under-provisioning episode: from the first sample with demand > ready capacity to the first with capacity ≥
 *   demand; one still open at the end counts up to the end. P95 of episode durations is nearest-rank.
 * - Scaling action: a change of desired replicas between samples; oscillation: an action in the opposite
 *   direction of the previous one at most `oscillationWindowSeconds` later.
 * - Cost, pods and pod-hours: allocated pods (Ready + starting on a node), from the samples.
 */
export function createRunRecorder(options: RunRecorderOptions): RunRecorder {
  const minuteSeconds = options.minuteSeconds ?? 60;
  const oscillationWindow = options.oscillationWindowSeconds ?? 300;
  const runCounts = createLatencyCounts();
  const minuteCounts = createLatencyCounts();
  const series: RunSeries = { tSeconds: [], rps: [], readyPods: [], desiredReplicas: [], latencyP95Ms: [], cpuUtilization: [] };
  // Accumulators live in one object (double fields are updated in place; closure `let`s would box every update).
  const a = {
    start: NaN, end: 0, requests: 0, failed: 0, slowOk: 0, latencySum: 0, cost: 0, cpuUsed: 0, cpuRequested: 0,
    readyUsed: 0, readyRequested: 0, podSeconds: 0, maxPods: 0,
    minute: -1, minuteRequests: 0, minuteBad: 0, minuteDuration: 0, minuteReady: 0, minuteReadyUsed: 0,
    minuteReadyRequested: 0, minuteDesired: 0, minutes: 0, badMinutes: 0,
    lastDesired: NaN, actions: 0, oscillations: 0, lastDirection: 0, lastChangeAt: -Infinity, episodeStart: NaN,
    pendingFrom: 0, pendingWeight: 0,
  };
  const episodes: number[] = [];

  let pendingShape: ArrayLike<number> | null = null;
  function flushShape(): void {
    if (pendingShape !== null && a.pendingWeight !== 0) {
      for (let i = 0; i < pendingShape.length; i++) minuteCounts[a.pendingFrom + i] += a.pendingWeight * pendingShape[i];
    }
    pendingShape = null;
    a.pendingWeight = 0;
  }

  function closeMinute(): void {
    flushShape();
    if (a.minute < 0) return;
    a.minutes++;
    if (a.minuteRequests > 0 && a.minuteBad > 0.05 * a.minuteRequests) a.badMinutes++;
    const p95 = latencyQuantileMs(minuteCounts, 0.95);
    for (let i = 0; i < runCounts.length; i++) runCounts[i] += minuteCounts[i];
    series.tSeconds.push(a.minute * minuteSeconds);
    series.rps.push(a.minuteDuration > 0 ? a.minuteRequests / a.minuteDuration : 0);
    series.readyPods.push(a.minuteDuration > 0 ? a.minuteReady / a.minuteDuration : 0);
    series.desiredReplicas.push(a.minuteDesired);
    series.latencyP95Ms.push(Number.isNaN(p95) ? 0 : p95);
    series.cpuUtilization.push(a.minuteReadyRequested > 0 ? a.minuteReadyUsed / a.minuteReadyRequested : 0);
    minuteCounts.fill(0);
    a.minuteRequests = a.minuteBad = a.minuteDuration = a.minuteReady = a.minuteReadyUsed = a.minuteReadyRequested = 0;
  }

  function add(s: IntervalSample): void {
    const t = s.tSeconds;
    const dt = s.durationSeconds;
    if (Number.isNaN(a.start)) a.start = t;
    a.end = t + dt;
    const m = Math.floor((t - a.start) / minuteSeconds + 1e-9);
    if (m !== a.minute) {
      closeMinute();
      a.minute = m;
    }
    const bad = s.failedRequests + s.slowRequests;
    a.requests += s.requests;
    a.failed += s.failedRequests;
    a.slowOk += s.slowRequests;
    a.latencySum += s.latencySumMs;
    a.cost += s.costUsd;
    a.cpuUsed += s.cpuUsedCoreSeconds;
    a.cpuRequested += s.cpuRequestedCoreSeconds;
    a.readyUsed += s.readyCpuUsedCoreSeconds;
    a.readyRequested += s.readyCpuRequestedCoreSeconds;
    a.podSeconds += s.allocatedPods * dt;
    if (s.allocatedPods > a.maxPods) a.maxPods = s.allocatedPods;
    // Consecutive ticks often share one cached shape: add their weights and spread them once.
    const shape = s.latencyShape;
    if (shape !== pendingShape || s.latencyShapeFrom !== a.pendingFrom) {
      flushShape();
      pendingShape = shape;
      a.pendingFrom = s.latencyShapeFrom;
    }
    a.pendingWeight += s.requests - s.failedRequests;
    a.minuteRequests += s.requests;
    a.minuteBad += bad;
    a.minuteDuration += dt;
    a.minuteReady += s.readyPods * dt;
    a.minuteReadyUsed += s.readyCpuUsedCoreSeconds;
    a.minuteReadyRequested += s.readyCpuRequestedCoreSeconds;
    a.minuteDesired = s.desiredReplicas;

    if (s.desiredReplicas !== a.lastDesired) {
      if (!Number.isNaN(a.lastDesired)) {
        const direction = s.desiredReplicas > a.lastDesired ? 1 : -1;
        a.actions++;
        if (direction === -a.lastDirection && t - a.lastChangeAt <= oscillationWindow) a.oscillations++;
        a.lastDirection = direction;
        a.lastChangeAt = t;
      }
      a.lastDesired = s.desiredReplicas;
    }

    const under = s.demandRps > s.readyCapacityRps;
    if (under && Number.isNaN(a.episodeStart)) a.episodeStart = t;
    else if (!under && !Number.isNaN(a.episodeStart)) {
      episodes.push(t - a.episodeStart);
      a.episodeStart = NaN;
    }
  }

  function finish(): RunResult {
    closeMinute();
    // An episode still open at the end counts with its duration so far (the autoscaler never caught up).
    if (!Number.isNaN(a.episodeStart)) episodes.push(a.end - a.episodeStart);
    const duration = Number.isNaN(a.start) ? 0 : a.end - a.start;
    const hours = duration / 3600;
    const successful = a.requests - a.failed;
    let latencyMeanMs = successful > 0 ? a.latencySum / successful : 0;
    const q = (p: number): number => {
      const v = latencyQuantileMs(runCounts, p);
      return Number.isNaN(v) ? 0 : v;
    };
    if (!Number.isFinite(latencyMeanMs)) latencyMeanMs = 0;
    const metrics: RunMetrics = {
      durationSeconds: duration,
      requests: a.requests,
      successfulRequests: successful,
      failedRequests: a.failed,
      slaViolatingRequests: a.failed + a.slowOk,
      slaLatencyMs: options.slaLatencyMs,
      slaViolationRateRequests: a.requests > 0 ? (a.failed + a.slowOk) / a.requests : 0,
      slaViolationRateMinutes: a.minutes > 0 ? a.badMinutes / a.minutes : 0,
      latencyMeanMs,
      latencyP50Ms: q(0.5),
      latencyP95Ms: q(0.95),
      latencyP99Ms: q(0.99),
      costUsd: a.cost,
      costPerMillionRequestsUsd: successful > 0 ? (a.cost / successful) * 1e6 : 0,
      resourceEfficiency: a.cpuRequested > 0 ? a.cpuUsed / a.cpuRequested : 0,
      meanCpuUtilization: a.readyRequested > 0 ? a.readyUsed / a.readyRequested : 0,
      underProvisioningEpisodes: episodes.length,
      scalingLatencyMeanSeconds: episodes.length > 0 ? episodes.reduce((x, y) => x + y, 0) / episodes.length : null,
      scalingLatencyP95Seconds: nearestRankP95(episodes),
      scalingActionsPerHour: hours > 0 ? a.actions / hours : 0,
      oscillationsPerHour: hours > 0 ? a.oscillations / hours : 0,
      podHours: a.podSeconds / 3600,
      meanPods: duration > 0 ? a.podSeconds / duration : 0,
      maxPods: a.maxPods,
    };
    return { metrics, series, latencyHistogram: { boundsMs: Array.from(LATENCY_BOUNDS_MS), counts: Array.from(runCounts) } };
  }

  return { add, finish };
}
