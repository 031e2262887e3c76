// The controller the thesis's n=30 study labels "Hybrid DQN-PPO": in its code it is a CPU/traffic-trend
// threshold rule with no learning, so scalelab names it `thesis-threshold`. Use it only to reproduce table T4.
import {
  clampThesisPods,
  type ThesisControlInput,
  type ThesisController,
  type ThesisLastAction,
} from './thesis-controller.ts';

/** Parameters of the thesis's threshold rule. */
export interface ThesisThresholdConfig {
  /** CPU the proportional resize aims at, fraction of capacity. */
  targetCpu: number;
  /** Scale up whenever observed CPU is above this, fraction. */
  scaleUpCpu: number;
  /** Scale up when observed CPU is above this and traffic is rising faster than `scaleUpTrend`, fraction. */
  trendScaleUpCpu: number;
  /** Relative traffic trend that counts as rising, fraction. */
  scaleUpTrend: number;
  /** Scale down only when observed CPU is below this, fraction. */
  scaleDownCpu: number;
  /** ... and the relative traffic trend is below this, fraction (negative = falling). */
  scaleDownTrend: number;
  /** A scale-down is skipped when the last action was a scale-down fewer than this many steps ago, steps. */
  scaleDownCooldownSteps: number;
  /** Observed-CPU and traffic values kept, steps. */
  historySteps: number;
  /** Values needed before the rule acts at all, steps. */
  minHistorySteps: number;
  /** Floor of the trend's denominator, requests per step. */
  trendFloorRequests: number;
}

/** The thesis's values (thesis-n30.md §B). */
export const THESIS_THRESHOLD_DEFAULTS: Readonly<ThesisThresholdConfig> = {
  targetCpu: 0.7,
  scaleUpCpu: 0.75,
  trendScaleUpCpu: 0.7,
  scaleUpTrend: 0.15,
  scaleDownCpu: 0.5,
  scaleDownTrend: -0.05,
  scaleDownCooldownSteps: 5,
  historySteps: 10,
  minHistorySteps: 5,
  trendFloorRequests: 100,
};

/**
 * Relative traffic trend over the newest `history` values (oldest first): with 10 values, (mean of the last 5 −
 * mean of the 5 before) / max(mean of the 5 before, floor); with 5–9, (x[−1] − x[−5]) / max(x[−5], floor); else 0.
 */
export function thesisTrafficTrend(history: readonly number[], floorRequests = 100): number {
  const n = history.length;
  if (n >= 10) {
    let recent = 0;
    let before = 0;
    for (let i = n - 5; i < n; i++) recent += history[i];
    for (let i = n - 10; i < n - 5; i++) before += history[i];
    const recentMean = recent / 5;
    const beforeMean = before / 5;
    return (recentMean - beforeMean) / Math.max(beforeMean, floorRequests);
  }
  if (n >= 5) return (history[n - 1] - history[n - 5]) / Math.max(history[n - 5], floorRequests);
  return 0;
}

/** Builds the threshold rule with other parameters; `thesisThreshold` uses the thesis's. */
export function createThesisThreshold(config: ThesisThresholdConfig = THESIS_THRESHOLD_DEFAULTS): ThesisController {
  const c = config;
  return {
    name: 'thesis-threshold',
    create() {
      const last: ThesisLastAction = { kind: 'none', step: -Infinity };
      const traffic: number[] = [];
      return ({ step, observedCpu, trafficRequests, readyPods }: ThesisControlInput): number => {
        traffic.push(trafficRequests);
        if (traffic.length > c.historySteps) traffic.shift();
        if (traffic.length < c.minHistorySteps) return readyPods;
        const trend = thesisTrafficTrend(traffic, c.trendFloorRequests);
        const proportional = Math.ceil((readyPods * observedCpu) / c.targetCpu);
        if (observedCpu > c.scaleUpCpu || (observedCpu > c.trendScaleUpCpu && trend > c.scaleUpTrend)) {
          const desired = clampThesisPods(proportional);
          if (desired <= readyPods) return readyPods;
          last.kind = 'up';
          last.step = step;
          return desired;
        }
        if (observedCpu < c.scaleDownCpu && trend < c.scaleDownTrend) {
          if (last.kind === 'down' && step - last.step < c.scaleDownCooldownSteps) return readyPods;
          const desired = clampThesisPods(proportional);
          if (desired >= readyPods) return readyPods;
          last.kind = 'down';
          last.step = step;
          return desired;
        }
        return readyPods;
      };
    },
  };
}

/** The thesis's "Hybrid DQN-PPO", honestly named: a CPU threshold rule with a traffic-trend trigger. */
export const thesisThreshold: ThesisController = createThesisThreshold();
