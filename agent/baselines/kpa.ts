// A Knative-KPA-like concurrency scaler: desired pods = ceil(average in-flight requests / target per pod) over a
// 60 s stable window, with a 6 s panic window that takes over (and never scales down) when it asks for at least
// 200 % of the ready pods. Follows knative/serving pkg/autoscaler/scaling/autoscaler.go (Scale): rate limits
// from ready pods, panic entry/extension/exit, maxPanicPods (tested with that file's own cases). Windows are
// plain means of the samples taken at each decision. Not modelled: scale-down delay, the activator and
// target burst capacity; scale-to-zero is replaced by scale-to-minReplicas.
// Reason codes: ScaleUp, ScaleDown, Hold (stable mode), PanicEntered, PanicActive, PanicExited, NoMetrics.
import type { Autoscaler, Decision, Observation } from '../../lib/ports.ts';
import { readParams, requireOrder, type ParamRule } from './params.ts';
import { clampReplicas, hold } from './replicas.ts';

/** Parameters of the KPA-like scaler; defaults are Knative's `config-autoscaler` defaults. */
export interface KpaConfig {
  /** Concurrency target per pod (container-concurrency-target-default), requests in flight (default 100). */
  targetConcurrencyPerPod: number;
  /** Fraction of the target actually aimed at (container-concurrency-target-percentage), fraction (default 0.7). */
  targetUtilization: number;
  /** Window the stable-mode average concurrency is taken over, seconds (default 60). */
  stableWindowSeconds: number;
  /** Window of the panic-mode average, seconds (default 6 = 10 % of the stable window). */
  panicWindowSeconds: number;
  /** Panic when the panic window asks for this multiple of the ready pods, fraction (default 2.0 = 200 %). */
  panicThreshold: number;
  /** At most this multiple of the ready pods per decision, ratio (default 1000). */
  maxScaleUpRate: number;
  /** At least ready pods / this after a decision, ratio (default 2: at most halve). */
  maxScaleDownRate: number;
  /** Decision period (tick-interval), seconds (default 2). */
  periodSeconds: number;
}

export const defaultKpaConfig: KpaConfig = Object.freeze({
  targetConcurrencyPerPod: 100,
  targetUtilization: 0.7,
  stableWindowSeconds: 60,
  panicWindowSeconds: 6,
  panicThreshold: 2,
  maxScaleUpRate: 1000,
  maxScaleDownRate: 2,
  periodSeconds: 2,
});

const rules: { [K in keyof KpaConfig]: ParamRule } = {
  targetConcurrencyPerPod: { kind: 'number', positive: true },
  targetUtilization: { kind: 'number', positive: true, max: 1 },
  stableWindowSeconds: { kind: 'number', positive: true },
  panicWindowSeconds: { kind: 'number', positive: true },
  panicThreshold: { kind: 'number', min: 1 },
  maxScaleUpRate: { kind: 'number', min: 1, positive: true },
  maxScaleDownRate: { kind: 'number', min: 1, positive: true },
  periodSeconds: { kind: 'number', positive: true },
};

/** Validates JSON parameters (defaults filled in); throws AutoscalerSpecError naming the field. */
export function parseKpaConfig(params: Record<string, unknown>): KpaConfig {
  const c = readParams(params, defaultKpaConfig, rules);
  if (c.panicWindowSeconds !== c.stableWindowSeconds) {
    requireOrder('panicWindowSeconds', c.panicWindowSeconds, 'stableWindowSeconds', c.stableWindowSeconds);
  }
  return c;
}

/** Panic-mode memory of the KPA between decisions. */
export interface KpaState {
  /** When panic mode was entered or last extended, seconds; undefined = stable mode. */
  panicSinceSeconds?: number;
  /** Highest pod count asked for during the current panic, pods. */
  maxPanicPods: number;
}

/** What one KPA decision reads: window averages of the total in-flight requests and the ready pods. */
export interface KpaInput {
  nowSeconds: number;
  /** Mean concurrency (all pods) over the stable window, requests. */
  stableConcurrency: number;
  /** Mean concurrency over the panic window, requests. */
  panicConcurrency: number;
  readyPods: number;
}

/**
 * One step of Knative's `autoscaler.Scale` (pkg/autoscaler/scaling/autoscaler.go), pure apart from `state`:
 * desired counts from the two windows, rate-limited from the ready pods; panic when the panic window asks for
 * ≥ panicThreshold × ready pods; in panic the larger of the two counts, never below the panic's maximum;
 * panic ends once it has not been extended for a stable window. Returns the desired pods before min/max.
 */
export function kpaScale(state: KpaState, input: KpaInput, c: KpaConfig): { desiredPods: number; event?: 'entered' | 'exited' } {
  const target = c.targetConcurrencyPerPod * c.targetUtilization;
  const ready = Math.max(1, input.readyPods);
  const maxUp = Math.ceil(c.maxScaleUpRate * ready);
  const maxDown = Math.floor(ready / c.maxScaleDownRate);
  const dspc = Math.ceil(input.stableConcurrency / target);
  const dppc = Math.ceil(input.panicConcurrency / target);
  const stablePods = Math.min(Math.max(dspc, maxDown), maxUp);
  const panicPods = Math.min(Math.max(dppc, maxDown), maxUp);
  const overThreshold = dppc / ready >= c.panicThreshold;

  let event: 'entered' | 'exited' | undefined;
  if (overThreshold) {
    if (state.panicSinceSeconds === undefined) event = 'entered';
    state.panicSinceSeconds = input.nowSeconds; // enter, or extend the panic
  } else if (state.panicSinceSeconds !== undefined && state.panicSinceSeconds + c.stableWindowSeconds < input.nowSeconds) {
    state.panicSinceSeconds = undefined; // the surge has made its way into the stable window
    state.maxPanicPods = 0;
    event = 'exited';
  }
  if (state.panicSinceSeconds === undefined) return { desiredPods: stablePods, event };
  // In panic: provision for the larger window, and never scale down.
  state.maxPanicPods = Math.max(state.maxPanicPods, stablePods, panicPods);
  return { desiredPods: state.maxPanicPods, event };
}

/** Use as the request-driven (concurrency) baseline that reacts to bursts within seconds. */
export function createKpaAutoscaler(config: KpaConfig = defaultKpaConfig, name = 'kpa'): Autoscaler {
  const samples: { t: number; inFlight: number }[] = [];
  const state: KpaState = { maxPanicPods: 0 };
  return {
    name,
    periodSeconds: config.periodSeconds,
    decide(obs: Observation): Decision {
      const c = obs.inFlight;
      if (c === undefined || !Number.isFinite(c)) return hold(obs, 'NoMetrics');
      const now = obs.nowSeconds;
      samples.push({ t: now, inFlight: c });
      while (samples.length > 0 && samples[0].t <= now - config.stableWindowSeconds) samples.shift();
      const { desiredPods, event } = kpaScale(state, {
        nowSeconds: now,
        stableConcurrency: windowMean(samples, now - config.stableWindowSeconds),
        panicConcurrency: windowMean(samples, now - config.panicWindowSeconds),
        readyPods: obs.readyReplicas,
      }, config);
      const replicas = clampReplicas(desiredPods, obs);
      if (state.panicSinceSeconds !== undefined) return { replicas, reason: event === 'entered' ? 'PanicEntered' : 'PanicActive' };
      if (event === 'exited') return { replicas, reason: 'PanicExited' };
      return { replicas, reason: replicas > obs.specReplicas ? 'ScaleUp' : replicas < obs.specReplicas ? 'ScaleDown' : 'Hold' };
    },
  };
}

/** Mean in-flight count of the samples taken after `fromSeconds` (exclusive). */
function windowMean(samples: readonly { t: number; inFlight: number }[], fromSeconds: number): number {
  let sum = 0;
  let n = 0;
  for (let i = samples.length - 1; i >= 0 && samples[i].t > fromSeconds; i--) {
    sum += samples[i].inFlight;
    n++;
  }
  return n === 0 ? 0 : sum / n;
}
