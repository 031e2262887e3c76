// Turns an Observation into the RL agents' feature vector: the thesis's 12 dimensions, each scaled to [0, 1], plus
// optional extras. Stateful (avg/max need the recent history). The one encoder of the observation contract
// (DESIGN.md §2a): training, simulated runs and the in-cluster controller all encode with it, and it reads only
// Observation fields that have a real source (the thesis's "queue" dimension, which had none, is now the
// Deployment's CPU use in pods: `sum(rate(container_cpu_usage_seconds_total[1m]))` / pod CPU request).
import type { Observation } from '../../lib/ports.ts';

/** Scales of the features (documented so a reader can map a feature back to units). */
export interface ObservationConfig {
  /** CPU utilisation (of request) that maps to 1; default 2 = the limit when limit = 2 × request. */
  cpuScale: number;
  /** Memory utilisation (of request) that maps to 1. */
  memoryScale: number;
  /** Requests/s that map to 1 (default: max replicas × pod capacity of the default plant, 2,000). */
  rpsScale: number;
  /** P95 latency that maps to 1, ms (default 4 × the 200 ms SLA). */
  latencyScaleMs: number;
  /** Replica count that maps to 1 (the plant's max replicas), pods. */
  podScale: number;
  /** Decisions over which "avg" and "max" are taken (8 × 15 s = 2 min). */
  historyDecisions: number;
  /** Add the load trend: 0.5 + 0.5·clip((rps − rps `trendDecisions` ago) / (rpsScale/4), −1, 1). */
  includeTrend: boolean;
  trendDecisions: number;
  /** Add the hybrid's setpoint (headroom level / number of levels) as a last feature. */
  includeSetpoint: boolean;
}

export const defaultObservationConfig: ObservationConfig = Object.freeze({
  cpuScale: 2,
  memoryScale: 1.5,
  rpsScale: 2000,
  latencyScaleMs: 800,
  podScale: 20,
  historyDecisions: 8,
  includeTrend: true,
  trendDecisions: 4,
  includeSetpoint: false,
}) as ObservationConfig;

/** Names of the features, in order (for logs and provenance). */
export function featureNames(config: ObservationConfig): string[] {
  const names = ['cpu', 'cpuAvg', 'cpuMax', 'memory', 'memoryAvg', 'memoryMax', 'rps', 'latencyP95', 'cpuPods', 'pods', 'pending', 'errorRate'];
  if (config.includeTrend) names.push('rpsTrend');
  if (config.includeSetpoint) names.push('setpoint');
  return names;
}

export function observationSize(config: ObservationConfig): number {
  return featureNames(config).length;
}

/** A stateful encoder; `reset()` at the start of every episode or run. */
export interface ObservationEncoder {
  readonly size: number;
  encode(observation: Observation, setpoint?: number): Float32Array;
  reset(): void;
}

const clip01 = (x: number): number => (x > 1 ? 1 : x > 0 ? x : 0);

/** Use in the environment and in the deployed RL autoscaler (same features in both). */
export function createObservationEncoder(config: ObservationConfig = defaultObservationConfig): ObservationEncoder {
  const size = observationSize(config);
  const cpu: number[] = [];
  const mem: number[] = [];
  const rps: number[] = [];
  const push = (list: number[], x: number, n: number) => {
    list.push(x);
    if (list.length > n) list.shift();
  };
  const mean = (l: number[]) => l.reduce((a, b) => a + b, 0) / l.length;
  return {
    size,
    reset() {
      cpu.length = mem.length = rps.length = 0;
    },
    encode(o, setpoint = 0) {
      const c = clip01((o.cpuUtilization ?? 0) / config.cpuScale);
      const m = clip01((o.memoryUtilization ?? 0) / config.memoryScale);
      const r = clip01((o.rps ?? 0) / config.rpsScale);
      push(cpu, c, config.historyDecisions);
      push(mem, m, config.historyDecisions);
      push(rps, o.rps ?? 0, Math.max(config.trendDecisions + 1, 1));
      const f = new Float32Array(size);
      f[0] = c;
      f[1] = mean(cpu);
      f[2] = Math.max(...cpu);
      f[3] = m;
      f[4] = mean(mem);
      f[5] = Math.max(...mem);
      f[6] = r;
      f[7] = clip01((o.latencyP95Ms ?? 0) / config.latencyScaleMs);
      const requestCores = (o.pods[0]?.cpuRequestMilli ?? 0) / 1000;
      f[8] = requestCores > 0 ? clip01((o.cpuUsageCores ?? 0) / requestCores / config.podScale) : 0;
      f[9] = clip01(o.specReplicas / config.podScale);
      f[10] = clip01((o.startingReplicas + o.pendingReplicas) / config.podScale);
      f[11] = clip01(o.errorRate ?? 0);
      let k = 12;
      if (config.includeTrend) {
        const diff = (rps[rps.length - 1] - rps[0]) / (config.rpsScale / 4);
        f[k++] = 0.5 + 0.5 * Math.max(-1, Math.min(1, diff));
      }
      if (config.includeSetpoint) f[k++] = clip01(setpoint);
      return f;
    },
  };
}
