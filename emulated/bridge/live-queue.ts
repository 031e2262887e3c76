// The plant's queueing model (sim/plant.ts) applied to real requests, one decision per request: the bridge feeds
// it the arrivals it really receives and the pods kwok reports Ready, and asks it, at each arrival, how long that
// request takes or whether it fails. Stable regime: M/M/c (Erlang C) at the measured arrival rate; saturated: a
// fluid backlog that grows at λ − cμ and drains at cμ − λ; a bounded queue rejects (503), waits past the timeout
// fail (504) — the same rules as the simulator, so an emulated run and a simulated run of a cell are comparable.
import type { Rng } from '../../lib/rng.ts';
import type { PlantConfig } from '../../sim/config.ts';
import { podCapacityRps } from '../../sim/config.ts';
import { erlangC } from '../../sim/queueing.ts';

/** What happens to one request. */
export interface RequestOutcome {
  /** HTTP status the bridge answers with: 200, 503 (rejected: no Ready pod or the queue is full), 504 (timed out). */
  status: 200 | 503 | 504;
  /** When to answer, ms after arrival. */
  latencyMs: number;
}

/** The per-Service queue. Pure: time and randomness come from the caller. */
export interface LiveQueue {
  /** Decides the fate of a request arriving now, with `readyPods` Ready pods. */
  admit(readyPods: number): RequestOutcome;
  /** Closes a tick of `dtSeconds` with `readyPods` Ready pods; returns the requests served (CPU work) in it. */
  tick(dtSeconds: number, readyPods: number): { arrivals: number; served: number; backlog: number };
}

type QueueParams = Pick<PlantConfig, 'cpuLimitMilli' | 'cpuPerRequestCoreSeconds' | 'baseServiceTimeMs' | 'requestTimeoutSeconds' | 'queueCapacityPerPod'>;

/** Use one per Service the bridge serves. */
export function createLiveQueue(config: QueueParams, rng: Rng): LiveQueue {
  const mu = podCapacityRps(config as PlantConfig);
  const fixedMs = config.baseServiceTimeMs - 1000 / mu;
  const timeoutMs = config.requestTimeoutSeconds * 1000;
  let backlog = 0; // requests (fluid)
  let rate = 0; // arrival rate of the last closed tick, req/s
  let arrivals = 0; // admitted or not, this tick
  return {
    admit(c) {
      arrivals++;
      if (c <= 0 || backlog >= config.queueCapacityPerPod * c) return { status: 503, latencyMs: 1 };
      const capRate = c * mu;
      let waitMs: number;
      if (backlog > 0 || rate >= capRate) {
        waitMs = (backlog / capRate) * 1000;
      } else {
        const pWait = erlangC(c, rate / mu);
        waitMs = rng.next() < pWait ? rng.exponential(capRate - rate) * 1000 : 0;
      }
      if (waitMs > timeoutMs) return { status: 504, latencyMs: timeoutMs };
      return { status: 200, latencyMs: fixedMs + rng.exponential(mu) * 1000 + waitMs };
    },
    tick(dt, c) {
      const capacity = c * mu * dt;
      const served = Math.min(backlog + arrivals, capacity);
      backlog = c > 0 ? Math.min(backlog + arrivals - served, config.queueCapacityPerPod * c) : 0;
      rate = arrivals / dt;
      const out = { arrivals, served, backlog };
      arrivals = 0;
      return out;
    },
  };
}
