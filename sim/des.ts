// A request-level discrete-event simulation of the same service, for validating the plant only (tests and
// `scalelab sim validate`), not for speed: every request is an event with a Poisson arrival and an exponential
// service on one of c FIFO servers sharing one queue, with the plant's timeout and bounded queue.
import { createRng } from '../lib/rng.ts';
import type { PlantConfig } from './config.ts';
import { podCapacityRps } from './config.ts';
import { quantileSorted } from '../lib/quantile.ts';

/** One request-level run. The ready-pod schedule usually comes from a plant run (`onTick`), so both see the same capacity. */
export interface RequestSimulationOptions {
  config: PlantConfig;
  /** Arrival rate at tick start t, req/s (constant within the tick, as in the plant). */
  arrivalRateAt: (tSeconds: number) => number;
  /** Ready pods (servers) per tick, index = tick number; its length sets the duration. */
  readyPodsPerTick: ArrayLike<number>;
  seed: number;
}

/** What the request-level run measured. */
export interface RequestSimulationResult {
  requests: number;
  rejectedRequests: number;
  timedOutRequests: number;
  /** Latencies of successful requests in arrival order, ms. */
  latenciesMs: Float64Array;
  /** Mean queueing delay of successful requests, ms. */
  waitMeanMs: number;
}

/** Use to check the plant's fluid/M/M/c latency model against individual requests. */
export function simulateRequests(options: RequestSimulationOptions): RequestSimulationResult {
  const { config, arrivalRateAt, readyPodsPerTick: pods, seed } = options;
  const rng = createRng(seed);
  const dt = config.tickSeconds;
  const ticks = pods.length;
  const mu = podCapacityRps(config);
  const fixedMs = config.baseServiceTimeMs - 1000 / mu;
  const tau = config.requestTimeoutSeconds;
  let maxC = 0;
  for (let i = 0; i < ticks; i++) maxC = Math.max(maxC, pods[i]);
  // nextActive[k][i]: first tick ≥ i in which server k exists (pods > k); `ticks` = never.
  const nextActive: Int32Array[] = [];
  for (let k = 0; k < maxC; k++) {
    const next = new Int32Array(ticks + 1);
    next[ticks] = ticks;
    for (let i = ticks - 1; i >= 0; i--) next[i] = pods[i] > k ? i : next[i + 1];
    nextActive.push(next);
  }
  const free = new Float64Array(maxC);
  const starts: number[] = []; // start times of accepted requests, non-decreasing (FIFO)
  let head = 0;
  let latencies = new Float64Array(1 << 16);
  let ok = 0, requests = 0, rejected = 0, timedOut = 0, waitSum = 0;

  for (let tick = 0; tick < ticks; tick++) {
    const rate = Math.max(0, arrivalRateAt(tick * dt));
    if (rate <= 0) continue;
    let a = tick * dt + rng.exponential(rate);
    while (a < (tick + 1) * dt) {
      requests++;
      const c = pods[tick];
      while (head < starts.length && starts[head] <= a) head++;
      if (c === 0 || starts.length - head >= config.queueCapacityPerPod * c) {
        rejected++;
      } else {
        let best = Infinity;
        let server = -1;
        for (let k = 0; k < maxC; k++) {
          const s = Math.max(a, free[k]);
          const ti = Math.floor(s / dt + 1e-12);
          let start: number;
          if (ti < ticks && pods[ti] > k) start = s;
          else {
            const n = ti + 1 <= ticks ? nextActive[k][Math.min(ti + 1, ticks)] : ticks;
            start = n < ticks ? n * dt : Infinity;
          }
          if (start < best) {
            best = start;
            server = k;
          }
        }
        const wait = best - a;
        if (!(wait <= tau)) {
          timedOut++;
        } else {
          const service = rng.exponential(mu);
          free[server] = best + service;
          starts.push(best);
          if (ok === latencies.length) {
            const grown = new Float64Array(latencies.length * 2);
            grown.set(latencies);
            latencies = grown;
          }
          latencies[ok++] = fixedMs + (wait + service) * 1000;
          waitSum += wait;
        }
      }
      if (head > 65536) {
        starts.splice(0, head);
        head = 0;
      }
      a += rng.exponential(rate);
    }
  }
  return {
    requests,
    rejectedRequests: rejected,
    timedOutRequests: timedOut,
    latenciesMs: latencies.slice(0, ok),
    waitMeanMs: ok > 0 ? (waitSum / ok) * 1000 : 0,
  };
}

/** The q-quantile of raw samples (linear interpolation between order statistics, like NumPy's default). */
export function sampleQuantile(values: Float64Array, q: number): number {
  return quantileSorted(Float64Array.from(values).sort(), q);
}
