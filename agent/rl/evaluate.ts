// Greedy evaluation of an autoscaler on evaluation-seed episodes (never seen in training), run through the same
// simulation loop and metrics as every baseline, so the RL rows and the HPA rows are measured alike.
import type { Autoscaler, RunMetrics } from '../../lib/ports.ts';
import type { PlantConfig } from '../../sim/config.ts';
import { simulateRun } from '../../sim/simulate.ts';
import type { TraceLoader, Workload } from '../../workloads/index.ts';
import { episodeWorkload, evaluationEpisodeSeed, type EpisodeConfig } from './episode-sampler.ts';

/** Mean metrics over the evaluation episodes. */
export interface EvaluationSummary {
  episodes: number;
  slaViolationRateRequests: number;
  slaViolationRateMinutes: number;
  latencyP95Ms: number;
  costUsd: number;
  meanPods: number;
  scalingActionsPerHour: number;
  /** Per-episode SLA violation rate (requests) and cost, in seed order (for paired comparisons). */
  perEpisode: { seed: number; workload: string; slaViolationRateRequests: number; costUsd: number }[];
}

/** Summarises runs (one per episode) into means. */
export function summarise(runs: { seed: number; workload: string; metrics: RunMetrics }[]): EvaluationSummary {
  const mean = (f: (m: RunMetrics) => number) => runs.reduce((a, r) => a + f(r.metrics), 0) / Math.max(1, runs.length);
  return {
    episodes: runs.length,
    slaViolationRateRequests: mean((m) => m.slaViolationRateRequests),
    slaViolationRateMinutes: mean((m) => m.slaViolationRateMinutes),
    latencyP95Ms: mean((m) => m.latencyP95Ms),
    costUsd: mean((m) => m.costUsd),
    meanPods: mean((m) => m.meanPods),
    scalingActionsPerHour: mean((m) => m.scalingActionsPerHour),
    perEpisode: runs.map((r) => ({ seed: r.seed, workload: r.workload, slaViolationRateRequests: r.metrics.slaViolationRateRequests, costUsd: r.metrics.costUsd })),
  };
}

/** Use after training: runs a fresh autoscaler (from `make`) on evaluation episodes 1…n of the episode config. */
export function evaluateOnEpisodes(make: () => Autoscaler, episodes: number, episodeConfig: EpisodeConfig, plant: PlantConfig, loadTrace?: TraceLoader): EvaluationSummary {
  const runs = [];
  for (let i = 0; i < episodes; i++) {
    const seed = evaluationEpisodeSeed(i);
    const workload = episodeWorkload(seed, episodeConfig, loadTrace);
    runs.push({ seed, workload: workload.name, metrics: simulateRun({ config: plant, workload, autoscaler: make(), seed }).metrics });
  }
  return summarise(runs);
}

/** Use to compare on fixed workloads (e.g. the standard experiment's scenarios) with plant seeds. */
export function evaluateOnWorkloads(make: () => Autoscaler, workloads: Workload[], seeds: number[], plant: PlantConfig): EvaluationSummary {
  const runs = [];
  for (const workload of workloads) {
    for (const seed of seeds) runs.push({ seed, workload: workload.name, metrics: simulateRun({ config: plant, workload, autoscaler: make(), seed }).metrics });
  }
  return summarise(runs);
}
