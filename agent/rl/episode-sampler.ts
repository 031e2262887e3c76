// Episodes for training and evaluation: a workload from the library (the thesis's six scenarios, noisy or not)
// with randomised base/peak rates. Training and evaluation seeds come from disjoint ranges, so an agent is never
// evaluated on an episode it trained on.
import { createRng } from '../../lib/rng.ts';
import { buildWorkload, THESIS_SCENARIO_NAMES, type TraceLoader, type Workload, type WorkloadSpec } from '../../workloads/index.ts';

/** Evaluation episode seeds are 1 … EVALUATION_SEED_LIMIT − 1; training seeds are ≥ EVALUATION_SEED_LIMIT. */
export const EVALUATION_SEED_LIMIT = 1_000_000;

/** Ranges of the randomised episode parameters. */
export interface EpisodeConfig {
  /** Episode length, simulated seconds. */
  durationSeconds: number;
  /** Base rate range, requests/s. */
  baseRps: [number, number];
  /** Peak rate range, requests/s (kept below the plant's max capacity so every episode is feasible). */
  peakRps: [number, number];
  /** Relative SD of the multiplicative noise, drawn uniformly from this range (0 = none). */
  noiseRelativeSd: [number, number];
  /** Scenario names to draw from (THESIS_SCENARIO_NAMES by default). */
  scenarios: string[];
  /** Real-trace episodes: a window of `file` starting at a whole minute in [fromMinute, toMinute) (training windows,
   *  disjoint from the tuning and held-out ones, experiments/defs/README-tuning.md), drawn with `probability`. */
  trace: { file: string; fromMinute: number; toMinute: number; probability: number } | null;
}

export const defaultEpisodeConfig: EpisodeConfig = Object.freeze({
  durationSeconds: 1800,
  baseRps: [50, 300],
  peakRps: [300, 1500],
  noiseRelativeSd: [0, 0.1],
  scenarios: [...THESIS_SCENARIO_NAMES],
  trace: null,
}) as EpisodeConfig;

/** The `episode`-th training seed of a run seeded `runSeed` (always ≥ EVALUATION_SEED_LIMIT). */
export function trainingEpisodeSeed(runSeed: number, episode: number): number {
  const h = createRng(runSeed * 104_729 + episode).int(0, 2 ** 31 - 1);
  return EVALUATION_SEED_LIMIT + h;
}

/** The i-th evaluation seed (i = 0, 1, …): 1, 2, 3, … */
export function evaluationEpisodeSeed(i: number): number {
  if (i + 1 >= EVALUATION_SEED_LIMIT) throw new RangeError(`evaluation episode ${i} exceeds the evaluation seed range`);
  return i + 1;
}

/** The workload spec of an episode: same seed → same spec. */
export function episodeSpec(seed: number, c: EpisodeConfig = defaultEpisodeConfig): WorkloadSpec {
  const rng = createRng(seed);
  const pick = (r: [number, number]) => r[0] + (r[1] - r[0]) * rng.next();
  const scenario = c.scenarios[rng.int(0, c.scenarios.length - 1)];
  const base = pick(c.baseRps);
  const peak = Math.max(base, pick(c.peakRps));
  const sd = pick(c.noiseRelativeSd);
  // Drawn after the scenario's numbers so configs without traces keep their episodes.
  if (c.trace && rng.next() < c.trace.probability) {
    const minutes = Math.ceil(c.durationSeconds / 60);
    const start = rng.int(c.trace.fromMinute, Math.max(c.trace.fromMinute, c.trace.toMinute - minutes));
    return { type: 'trace', name: `trace@${start}`, file: c.trace.file, startSeconds: start * 60, durationSeconds: c.durationSeconds, peakRps: peak, spread: 'poisson' };
  }
  const inner: WorkloadSpec = { type: 'scenario', scenario, baseRps: base, peakRps: peak, durationSeconds: c.durationSeconds };
  return sd > 0 ? { type: 'noise', of: inner, relativeSd: sd, stepSeconds: 15, name: scenario } : inner;
}

/** Use to build an episode's workload (pure: randomness from the seed; trace files through `loadTrace`). */
export function episodeWorkload(seed: number, c: EpisodeConfig = defaultEpisodeConfig, loadTrace?: TraceLoader): Workload {
  return buildWorkload(episodeSpec(seed, c), { seed, loadTrace });
}
