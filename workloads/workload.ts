// The Workload port: offered load as a pure function of time (DESIGN.md §2).

/** Open model: requests arrive at `rateAt(t)` per second whatever the latency. */
export interface OpenWorkload {
  readonly kind: 'open';
  readonly name: string;
  readonly durationSeconds: number;
  /** Arrival rate at time t (seconds since the start), requests/s, ≥ 0. */
  rateAt(tSeconds: number): number;
}

/** Closed model (k6 `ramping-vus`): each VU loops request → sleep, so offered load falls as latency rises. */
export interface ClosedWorkload {
  readonly kind: 'closed';
  readonly name: string;
  readonly durationSeconds: number;
  /** Number of active virtual users at time t. */
  vusAt(tSeconds: number): number;
  /** Sleep between a VU's response and its next request, seconds. */
  readonly thinkTimeSeconds: number;
}

export type Workload = OpenWorkload | ClosedWorkload;
