// The simulation loop: one autoscaler on one plant for one workload, recorded into RunMetrics (DESIGN.md §6).
import type { Autoscaler, RunMetrics, RunSeries } from '../lib/ports.ts';
import type { Workload } from '../workloads/workload.ts';
import type { PlantConfig } from './config.ts';
import type { Plant, TickStats } from './plant.ts';
import { createPlant } from './plant.ts';
import { createRunRecorder } from './run-recorder.ts';

/** One simulated run. */
export interface SimulateRunOptions {
  config: PlantConfig;
  workload: Workload;
  autoscaler: Autoscaler;
  seed: number;
  /** Simulated seconds; default the workload's duration. */
  durationSeconds?: number;
  /** Called after every tick (e.g. to trace a run or feed a learner); `stats` is reused, copy what you keep. */
  onTick?: (stats: TickStats, plant: Plant) => void;
}

/** What a run produced: the RunRecord's metrics, series, histogram and counted reason codes. */
export interface SimulateRunResult {
  metrics: RunMetrics;
  series: RunSeries;
  latencyHistogram: { boundsMs: number[]; counts: number[] };
  reasons: Record<string, number>;
}

/**
 * Use to evaluate an autoscaler on the simulator: steps the plant every tick and, every `periodSeconds` from
 * t = periodSeconds on, asks the autoscaler with a fresh observation and applies its replicas clamped to
 * [minReplicas, maxReplicas]. Same options → identical result.
 */
export function simulateRun(options: SimulateRunOptions): SimulateRunResult {
  const { config, workload, autoscaler, seed, onTick } = options;
  const duration = options.durationSeconds ?? workload.durationSeconds;
  if (!(duration > 0)) throw new RangeError(`simulateRun: durationSeconds = ${duration}, expected > 0`);
  const period = autoscaler.periodSeconds;
  if (!(period > 0)) throw new RangeError(`simulateRun: autoscaler ${autoscaler.name} has periodSeconds = ${period}, expected > 0`);
  const plant = createPlant(config, workload, seed);
  const recorder = createRunRecorder({ slaLatencyMs: config.slaLatencyMs });
  const reasons: Record<string, number> = {};
  const dt = config.tickSeconds;
  const ticks = Math.round(duration / dt);
  let nextDecision = period;
  for (let k = 0; k < ticks; k++) {
    const now = k * dt;
    if (now >= nextDecision - 1e-9) {
      nextDecision += period;
      const decision = autoscaler.decide(plant.observe());
      if (!Number.isFinite(decision.replicas))
        throw new RangeError(`autoscaler ${autoscaler.name} returned replicas = ${decision.replicas} at t = ${now} s`);
      const replicas = Math.min(config.maxReplicas, Math.max(config.minReplicas, Math.round(decision.replicas)));
      plant.setReplicas(replicas);
      reasons[decision.reason] = (reasons[decision.reason] ?? 0) + 1;
    }
    const stats = plant.step(dt);
    recorder.add(stats);
    if (onTick) onTick(stats, plant);
  }
  return { ...recorder.finish(), reasons };
}
