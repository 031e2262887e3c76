// Prometheus → Observation, or a reason to hold. Missing (no sample, NaN, Prometheus down), stale (newest sample
// too old) and contradictory (negative, error rate > 1, more ready pods than exist, ambiguous vectors) data never
// reach the policy: the loop holds instead, so no scale-down ever happens on missing data.
import type { Observation, PodView } from '../../lib/ports.ts';
import type { PrometheusClient } from './prometheus-client.ts';
import type { ControllerQueries } from './controller-queries.ts';
import type { ScaleState } from './scale-client.ts';

/** Stable reason codes of a failed read (counted in `scalelab_agent_holds_total{reason}`). */
export type ReadFailure = 'MetricsMissing' | 'MetricsStale' | 'MetricsContradictory' | 'NoReadyPods';

/** The observation, or why there is none. */
export type ReadResult = { ok: true; observation: Observation } | { ok: false; reason: ReadFailure; detail: string };

/** Context the reader needs besides Prometheus. */
export interface ReadContext {
  scale: ScaleState;
  nowSeconds: number;
  minReplicas: number;
  maxReplicas: number;
  /** Newest sample older than this → MetricsStale, seconds (e.g. 3 scrape intervals). */
  maxSampleAgeSeconds: number;
  /** Per-pod CPU request (for the pod views the HPA fallback reads), millicores. */
  cpuRequestMilli: number;
  memoryRequestMiB: number;
}

type One = { ok: true; value: number | undefined } | { ok: false; reason: ReadFailure; detail: string };

async function one(prom: PrometheusClient, name: string, expr: string | undefined, required: boolean): Promise<One> {
  if (!expr) return { ok: true, value: undefined };
  let samples;
  try {
    samples = await prom.query(expr);
  } catch (err) {
    return { ok: false, reason: 'MetricsMissing', detail: `${name}: ${err instanceof Error ? err.message : String(err)}` };
  }
  if (samples.length > 1) return { ok: false, reason: 'MetricsContradictory', detail: `${name}: ${samples.length} series, expected one` };
  const v = samples[0]?.value;
  if (v === undefined || Number.isNaN(v)) return required ? { ok: false, reason: 'MetricsMissing', detail: `${name}: no sample` } : { ok: true, value: undefined };
  if (!Number.isFinite(v) || v < 0) return { ok: false, reason: 'MetricsContradictory', detail: `${name}: ${v} is not a non-negative number` };
  return { ok: true, value: v };
}

/** Reads every query (concurrently) and checks them against each other. */
export async function readObservation(prom: PrometheusClient, q: ControllerQueries, ctx: ReadContext): Promise<ReadResult> {
  const names = ['freshnessAgeSeconds', 'cpuUtilization', 'readyReplicas', 'rps', 'latencyP95Ms', 'errorRate', 'memoryUtilization'] as const;
  const required = new Set(['freshnessAgeSeconds', 'cpuUtilization', 'readyReplicas']);
  const results = await Promise.all(names.map((n) => one(prom, n, q[n], required.has(n))));
  // Staleness first: old data explains missing rates better than "missing" does.
  const age = results[0];
  if (age.ok && age.value! > ctx.maxSampleAgeSeconds) {
    return { ok: false, reason: 'MetricsStale', detail: `newest sample is ${age.value!.toFixed(0)} s old (limit ${ctx.maxSampleAgeSeconds} s)` };
  }
  const v: Partial<Record<(typeof names)[number], number>> = {};
  for (const [i, r] of results.entries()) {
    if (!r.ok) return r;
    if (r.value !== undefined) v[names[i]] = r.value;
  }
  const ready = v.readyReplicas!;
  if (!Number.isInteger(ready) || ready > Math.max(ctx.scale.specReplicas, ctx.scale.statusReplicas)) {
    return { ok: false, reason: 'MetricsContradictory', detail: `readyReplicas ${ready} vs scale spec ${ctx.scale.specReplicas} / status ${ctx.scale.statusReplicas}` };
  }
  // No pod is Ready while the Deployment wants some (a rollout, a crash loop): the CPU figure describes nothing
  // that serves, so hold rather than let a policy scale down on it.
  if (ready === 0 && ctx.scale.specReplicas > 0) {
    return { ok: false, reason: 'NoReadyPods', detail: `0 ready pods while the scale asks for ${ctx.scale.specReplicas}` };
  }
  if (v.errorRate !== undefined && v.errorRate > 1) return { ok: false, reason: 'MetricsContradictory', detail: `errorRate ${v.errorRate} > 1` };
  // Pod views for the HPA fallback: one per Ready pod, sharing the aggregate usage. Their start and Ready times are
  // unknown here; they are the pods kube-state-metrics counts Ready and whose usage cAdvisor has sampled over the
  // rate window, so they are dated at the epoch, past the HPA's CPU initialization period (without a start time the
  // upstream grouping counts every pod unready and the fallback could never decide).
  const pods: PodView[] = Array.from({ length: ready }, (_, i) => ({
    name: `ready-${i}`,
    phase: 'Running',
    ready: true,
    deleting: false,
    startTimeSeconds: 0,
    readyTransitionTimeSeconds: 0,
    cpuRequestMilli: ctx.cpuRequestMilli,
    cpuUsageMilli: v.cpuUtilization! * ctx.cpuRequestMilli,
    metricTimestampSeconds: ctx.nowSeconds - v.freshnessAgeSeconds!,
    metricWindowSeconds: 60,
    memoryRequestMiB: ctx.memoryRequestMiB,
    memoryUsageMiB: v.memoryUtilization === undefined ? undefined : v.memoryUtilization * ctx.memoryRequestMiB,
  }));
  return {
    ok: true,
    observation: {
      nowSeconds: ctx.nowSeconds,
      specReplicas: ctx.scale.specReplicas,
      readyReplicas: ready,
      startingReplicas: Math.max(0, ctx.scale.statusReplicas - ready),
      pendingReplicas: 0,
      minReplicas: ctx.minReplicas,
      maxReplicas: ctx.maxReplicas,
      pods,
      rps: v.rps,
      latencyP95Ms: v.latencyP95Ms,
      errorRate: v.errorRate,
      cpuUtilization: v.cpuUtilization,
      memoryUtilization: v.memoryUtilization,
    },
  };
}
