// The base reward of the scaling environment: stable (never changed during training) and computed from the
// plant's real metrics over one decision window. Priorities, in order: SLA compliance (a strong penalty that
// grows past the latency threshold, and for errors), CPU utilisation inside a target band, cost, and a penalty
// for scaling down into risk. All weights live in one config.

/** What happened in the plant between two decisions (sums over the window's ticks). */
export interface DecisionWindow {
  durationSeconds: number;
  requests: number;
  failedRequests: number;
  /** Successful requests slower than the SLA latency. */
  slowRequests: number;
  /** Sum of successful requests' latency, ms (mean = latencySumMs / successful). */
  latencySumMs: number;
  costUsd: number;
  /** Time-averaged allocated (ready + starting) pods. */
  meanAllocatedPods: number;
  /** CPU used / requested by the Ready pods over the window, fraction of request. */
  readyCpuUtilization: number;
}

/** Weights and thresholds of the base reward (dimensionless unless stated). */
export interface RewardConfig {
  /** SLA latency, ms (the plant's). */
  slaLatencyMs: number;
  /** Penalty per unit of SLA-violating fraction of requests (slow or failed), per decision. */
  violationWeight: number;
  /** Penalty per unit of (mean latency / SLA − 1)², capped at `latencyExcessCap`: grows past the threshold. */
  latencyExcessWeight: number;
  latencyExcessCap: number;
  /** Extra penalty per unit of failed fraction of requests. */
  errorWeight: number;
  /** Target band of Ready-pod CPU utilisation, fraction of request (at the default plant 1.0 = half the limit). */
  utilizationLow: number;
  utilizationHigh: number;
  /** Penalty per unit of distance of the utilisation outside the band. */
  utilizationWeight: number;
  /** Penalty per unit of allocated pods / max replicas (cost). */
  costWeight: number;
  /** Max replicas (normalises the cost term), pods. */
  maxReplicas: number;
  /** Penalty for a scale-down decided while latency was already above `riskLatencyFraction` × SLA. */
  riskWeight: number;
  riskLatencyFraction: number;
}

/** Default weights: SLA first (20 per violating fraction, up to 38 per decision), then band (0.5), cost (≤ 1), risk (1). */
export const defaultRewardConfig: RewardConfig = Object.freeze({
  slaLatencyMs: 200,
  violationWeight: 20,
  latencyExcessWeight: 2,
  latencyExcessCap: 2,
  errorWeight: 10,
  utilizationLow: 0.6,
  utilizationHigh: 1.3,
  utilizationWeight: 0.5,
  costWeight: 1,
  maxReplicas: 20,
  riskWeight: 1,
  riskLatencyFraction: 0.6,
}) as RewardConfig;

/** Named reward variants for the report's tables (T1): a weak SLA penalty and a balanced one. */
export const REWARD_VARIANTS: Record<string, Partial<RewardConfig>> = {
  default: {},
  'weak-sla': { violationWeight: 2, latencyExcessWeight: 0.2, errorWeight: 1 },
  balanced: { violationWeight: 8, latencyExcessWeight: 1, errorWeight: 4 },
};

/** Each term of the reward (all ≥ 0 penalties), for diagnostics. */
export interface RewardTerms {
  sla: number;
  utilization: number;
  cost: number;
  risk: number;
  /** Fraction of the window's requests that violated the SLA (slow or failed), 0..1. */
  violationFraction: number;
  total: number;
}

/** Use after every decision window: reward = −(sla + utilisation + cost + risk). */
export function computeReward(w: DecisionWindow, scaledDown: boolean, latencyP95BeforeMs: number | undefined, c: RewardConfig): RewardTerms {
  const successful = Math.max(0, w.requests - w.failedRequests);
  const violationFraction = w.requests > 0 ? Math.min(1, (w.slowRequests + w.failedRequests) / w.requests) : 0;
  const errorFraction = w.requests > 0 ? w.failedRequests / w.requests : 0;
  const meanLatencyMs = successful > 0 ? w.latencySumMs / successful : 0;
  const excess = Math.min(c.latencyExcessCap, Math.max(0, meanLatencyMs / c.slaLatencyMs - 1));
  const sla = c.violationWeight * violationFraction + c.latencyExcessWeight * excess * excess + c.errorWeight * errorFraction;
  const u = w.readyCpuUtilization;
  const utilization = c.utilizationWeight * (u < c.utilizationLow ? c.utilizationLow - u : u > c.utilizationHigh ? u - c.utilizationHigh : 0);
  const cost = (c.costWeight * w.meanAllocatedPods) / c.maxReplicas;
  const risky = scaledDown && latencyP95BeforeMs !== undefined && latencyP95BeforeMs > c.riskLatencyFraction * c.slaLatencyMs;
  const risk = risky ? c.riskWeight : 0;
  return { sla, utilization, cost, risk, violationFraction, total: -(sla + utilization + cost + risk) };
}
