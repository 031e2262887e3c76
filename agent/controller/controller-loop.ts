// The in-cluster control loop: every interval read the scale and the observation, let the policy decide, and
// patch the scale subresource within rate limits and a cooldown. It never crashes and never scales on bad data:
// missing/stale/contradictory metrics → hold; API errors → retry with backoff (not a 401/403/404/422), then hold; policy errors →
// hold, or after N in a row decide with the fallback (HPA semantics). Shadow mode recommends and changes nothing.
// Time and sleeping come from `clock`, so tests run it against fakes without waiting.
import type { Autoscaler, Decision } from '../../lib/ports.ts';
import type { PrometheusClient } from './prometheus-client.ts';
import type { ScaleClient, ScaleState } from './scale-client.ts';
import type { ControllerQueries } from './controller-queries.ts';
import type { ControllerMetrics } from './controller-metrics.ts';
import { readObservation } from './read-observation.ts';
import { isPermanentHttpError } from './http-json.ts';

/** Loop settings (units in names). */
export interface ControllerConfig {
  /** Seconds between decisions. */
  intervalSeconds: number;
  /** Seconds after an applied change during which no other change is made. */
  cooldownSeconds: number;
  /** Largest change per decision, replicas. */
  maxScaleUpStep: number;
  maxScaleDownStep: number;
  minReplicas: number;
  maxReplicas: number;
  /** Recommend only (export the recommendation), never patch. */
  shadow: boolean;
  /** Newest sample older than this → hold (MetricsStale), seconds. */
  maxSampleAgeSeconds: number;
  /** Per-pod requests (for the pod views the HPA fallback reads), millicores / MiB. */
  cpuRequestMilli: number;
  memoryRequestMiB: number;
  /** Retries of a failed API call, and the first/maximum backoff between them, ms. */
  apiRetries: number;
  apiBackoffMs: number;
  apiBackoffMaxMs: number;
  /** Consecutive policy failures after which the fallback decides (0 = never fall back). */
  fallbackAfterFailures: number;
}

/** Defaults for a 15 s loop. */
export const DEFAULT_CONTROLLER_CONFIG: ControllerConfig = {
  intervalSeconds: 15,
  cooldownSeconds: 60,
  maxScaleUpStep: 4,
  maxScaleDownStep: 1,
  minReplicas: 1,
  maxReplicas: 10,
  shadow: false,
  maxSampleAgeSeconds: 60,
  cpuRequestMilli: 100,
  memoryRequestMiB: 64,
  apiRetries: 3,
  apiBackoffMs: 500,
  apiBackoffMaxMs: 8000,
  fallbackAfterFailures: 3,
};

/** Wall time and sleeping, injectable: the loop's only source of time (decision times, cooldown, inference time). */
export interface ControllerClock {
  nowSeconds(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** What the loop talks to. */
export interface ControllerDeps {
  prometheus: PrometheusClient;
  scale: ScaleClient;
  queries: ControllerQueries;
  policy: Autoscaler;
  /** Decides when the policy has failed `fallbackAfterFailures` times in a row (e.g. the HPA). */
  fallback?: Autoscaler;
  clock: ControllerClock;
  metrics: ControllerMetrics;
  log?: (line: string) => void;
}

/** The outcome of one interval. `reason` is a stable code. */
export interface TickResult {
  action: 'hold' | 'scale' | 'recommend';
  reason: string;
  fromReplicas?: number;
  toReplicas?: number;
}

/** A running controller: `tick()` for one interval, `run(signal)` until aborted. */
export interface Controller {
  tick(): Promise<TickResult>;
  run(signal: AbortSignal): Promise<void>;
  /** Wall time of the last finished tick (for /healthz), seconds; undefined before the first. */
  lastTickSeconds(): number | undefined;
}

/** Builds the loop. */
export function createController(config: ControllerConfig, deps: ControllerDeps): Controller {
  const { metrics, clock } = deps;
  const log = deps.log ?? (() => {});
  let lastChangeSeconds: number | undefined;
  let policyFailures = 0;
  let lastTick: number | undefined;

  async function withRetry<T>(operation: string, call: () => Promise<T>): Promise<T> {
    let delay = config.apiBackoffMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        // A 401/403/404/422 will not change on retry: count it and hold at once.
        if (attempt >= config.apiRetries || isPermanentHttpError(err)) {
          metrics.apiErrors.inc({ operation });
          throw err;
        }
        log(`${operation} failed (attempt ${attempt + 1}): ${err instanceof Error ? err.message : String(err)}; retrying in ${delay} ms`);
        await clock.sleep(delay);
        delay = Math.min(config.apiBackoffMaxMs, delay * 2);
      }
    }
  }

  const hold = (reason: string, detail?: string, from?: number): TickResult => {
    metrics.holds.inc({ reason });
    if (detail) log(`hold ${reason}: ${detail}`);
    return { action: 'hold', reason, fromReplicas: from, toReplicas: from };
  };

  function decide(observation: Parameters<Autoscaler['decide']>[0]): Decision | undefined {
    const started = clock.nowSeconds();
    try {
      const d = deps.policy.decide(observation);
      if (!Number.isFinite(d.replicas)) throw new Error(`policy returned replicas ${d.replicas}`);
      policyFailures = 0;
      metrics.fallbackActive.set(0);
      return d;
    } catch (err) {
      policyFailures++;
      log(`policy ${deps.policy.name} failed (${policyFailures} in a row): ${err instanceof Error ? err.message : String(err)}`);
      if (deps.fallback && config.fallbackAfterFailures > 0 && policyFailures >= config.fallbackAfterFailures) {
        metrics.fallbackActive.set(1);
        const d = deps.fallback.decide(observation);
        return { replicas: d.replicas, reason: `Fallback${d.reason}` };
      }
      return undefined;
    } finally {
      metrics.inferenceSeconds.observe(Math.max(0, clock.nowSeconds() - started));
      const lambda = (deps.policy as { lambda?: unknown }).lambda;
      if (typeof lambda === 'number' && Number.isFinite(lambda)) metrics.lambda.set(lambda);
    }
  }

  async function tick(): Promise<TickResult> {
    const now = clock.nowSeconds();
    let scale: ScaleState;
    try {
      scale = await withRetry('getScale', () => deps.scale.getScale());
    } catch (err) {
      return hold('ApiUnavailable', err instanceof Error ? err.message : String(err));
    }
    const current = scale.specReplicas;
    const read = await readObservation(deps.prometheus, deps.queries, { ...config, scale, nowSeconds: now });
    if (!read.ok) return hold(read.reason, read.detail, current);
    const obs = read.observation;
    if (obs.latencyP95Ms !== undefined) metrics.observedLatencyP95Seconds.set(obs.latencyP95Ms / 1000);
    const decision = decide(obs);
    if (!decision) return hold('PolicyError', undefined, current);
    metrics.decisions.inc({ reason: decision.reason });
    const bounded = Math.min(config.maxReplicas, Math.max(config.minReplicas, Math.round(decision.replicas)));
    const target = Math.min(current + config.maxScaleUpStep, Math.max(current - config.maxScaleDownStep, bounded));
    metrics.recommendedReplicas.set(target);
    if (target === current) return { action: 'hold', reason: decision.reason, fromReplicas: current, toReplicas: current };
    if (config.shadow) {
      log(`shadow: would scale ${current} → ${target} (${decision.reason})`);
      return { action: 'recommend', reason: decision.reason, fromReplicas: current, toReplicas: target };
    }
    if (lastChangeSeconds !== undefined && now - lastChangeSeconds < config.cooldownSeconds) {
      return hold('CooldownActive', `${current} → ${target} waits ${(config.cooldownSeconds - (now - lastChangeSeconds)).toFixed(0)} s`, current);
    }
    try {
      await withRetry('patchScale', () => deps.scale.patchScale(target));
    } catch (err) {
      return hold('ScalePatchFailed', err instanceof Error ? err.message : String(err), current);
    }
    lastChangeSeconds = now;
    metrics.interventions.inc({ direction: target > current ? 'up' : 'down' });
    log(`scaled ${current} → ${target} (${decision.reason})`);
    return { action: 'scale', reason: decision.reason, fromReplicas: current, toReplicas: target };
  }

  async function safeTick(): Promise<TickResult> {
    try {
      return await tick();
    } catch (err) {
      // Anything unexpected (a bug, a fallback that throws): hold and keep looping.
      return hold('InternalError', err instanceof Error ? err.message : String(err));
    } finally {
      lastTick = clock.nowSeconds();
    }
  }

  return {
    tick: safeTick,
    async run(signal) {
      while (!signal.aborted) {
        const started = clock.nowSeconds();
        await safeTick();
        const waitMs = Math.max(0, (config.intervalSeconds - (clock.nowSeconds() - started)) * 1000);
        if (!signal.aborted) await clock.sleep(waitMs, signal);
      }
    },
    lastTickSeconds: () => lastTick,
  };
}
