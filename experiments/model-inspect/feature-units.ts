// A feature of the observation back in the units a reader knows: value = offset + scale × feature (feature in
// [0, 1]), from the scales of the model's ObservationConfig (agent/rl/observation-encoder.ts documents them).
import type { ObservationConfig } from '../../agent/rl/index.ts';

/** How a feature maps to units. */
export interface FeatureUnit {
  /** Axis title, with the unit. */
  label: string;
  offset: number;
  scale: number;
}

/** Use to label a chart axis of feature `name` in units (setpoint: the hybrid's headroom range). */
export function featureUnit(name: string, o: ObservationConfig, headroomRange: readonly number[] = [0, 1]): FeatureUnit {
  const cpu = (what: string) => ({ label: `${what} (% of request)`, offset: 0, scale: 100 * o.cpuScale });
  const memory = (what: string) => ({ label: `${what} (% of request)`, offset: 0, scale: 100 * o.memoryScale });
  const window = `${o.historyDecisions} decisions`;
  switch (name) {
    case 'cpu': return cpu('CPU use');
    case 'cpuAvg': return cpu(`CPU, mean of ${window}`);
    case 'cpuMax': return cpu(`CPU, max of ${window}`);
    case 'memory': return memory('memory use');
    case 'memoryAvg': return memory(`memory, mean of ${window}`);
    case 'memoryMax': return memory(`memory, max of ${window}`);
    case 'rps': return { label: 'load (req/s)', offset: 0, scale: o.rpsScale };
    case 'latencyP95': return { label: 'P95 latency (ms)', offset: 0, scale: o.latencyScaleMs };
    case 'cpuPods': return { label: 'CPU in use (pods of request)', offset: 0, scale: o.podScale };
    case 'pods': return { label: 'replicas', offset: 0, scale: o.podScale };
    case 'pending': return { label: 'starting + pending pods', offset: 0, scale: o.podScale };
    case 'errorRate': return { label: 'error rate (%)', offset: 0, scale: 100 };
    case 'rpsTrend': return { label: `Δ load over ${o.trendDecisions} decisions (req/s)`, offset: -o.rpsScale / 4, scale: o.rpsScale / 2 };
    case 'setpoint': return { label: 'headroom setpoint (fraction)', offset: headroomRange[0], scale: headroomRange[1] - headroomRange[0] };
    default: return { label: `${name} (feature, 0–1)`, offset: 0, scale: 1 };
  }
}
