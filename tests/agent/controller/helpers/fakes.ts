// In-memory fakes for controller unit tests: a Prometheus client answering from a table, a scripted policy,
// and a clock whose sleep advances time instantly and records what was asked.
import type { Autoscaler, Decision, Observation } from '../../../../lib/ports.ts';
import type { PrometheusClient, PromSample } from '../../../../agent/controller/prometheus-client.ts';
import type { ControllerClock } from '../../../../agent/controller/controller-loop.ts';

export const QUERIES = { cpuUtilization: 'CPU', readyReplicas: 'READY', freshnessAgeSeconds: 'AGE', rps: 'RPS' };

export function fakePrometheus(values: Record<string, number | number[] | Error | undefined>): PrometheusClient & { values: typeof values; calls: string[] } {
  const calls: string[] = [];
  return {
    values,
    calls,
    async query(expr): Promise<PromSample[]> {
      calls.push(expr);
      const v = values[expr];
      if (v instanceof Error) throw v;
      if (v === undefined) return [];
      return (Array.isArray(v) ? v : [v]).map((value) => ({ labels: {}, value, timestampSeconds: 0 }));
    },
    async queryRange() {
      throw new Error('not used');
    },
  };
}

export function scriptedPolicy(decide: (o: Observation) => Decision, extra: Record<string, unknown> = {}): Autoscaler & { seen: Observation[] } {
  const seen: Observation[] = [];
  return Object.assign({ name: 'scripted', periodSeconds: 15, seen, decide: (o: Observation) => (seen.push(o), decide(o)) }, extra);
}

export function fakeClock(start = 1_000_000): ControllerClock & { t: number; sleeps: number[] } {
  const c = {
    t: start,
    sleeps: [] as number[],
    nowSeconds: () => c.t,
    async sleep(ms: number) {
      c.sleeps.push(ms);
      c.t += ms / 1000;
    },
  };
  return c;
}
