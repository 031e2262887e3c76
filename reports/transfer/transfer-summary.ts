// The transfer study's statistics (pure; numbers in, numbers out): per arm and evaluation step, the mean quality
// over training seeds with a 95 % percentile-bootstrap CI over seeds, and the steps the fine-tuned arm saves to
// reach the from-scratch arm's final quality. Rendering is transfer-markdown.ts and transfer-chart.ts.
import type { Rng } from '../../lib/rng.ts';
import { bootstrapCi, stratifiedBootstrapCi } from '../stats/bootstrap.ts';

/** One evaluated checkpoint of one run (agent/rl/transfer-study.ts's CurvePoint). */
export interface CurveValue {
  step: number;
  quality: number;
  slaViolationRateRequests: number;
  meanPods: number;
}

/** One training run of one arm. */
export interface CurveRun {
  arm: string;
  seed: number;
  points: CurveValue[];
}

/** Mean over seeds at one step, with the CI of the quality. */
export interface CurveSummaryPoint {
  step: number;
  seeds: number;
  quality: { estimate: number; low: number; high: number };
  slaViolationRateRequests: number;
  meanPods: number;
}

export interface TransferSummary {
  /** Per arm, its mean curve. */
  curves: Record<string, CurveSummaryPoint[]>;
  /** The from-scratch arm's mean quality at its last step (the quality to reach). */
  target: { step: number; quality: number };
  /** Per fine-tuned arm, how soon it reaches the target. */
  saved: Record<string, StepsSaved>;
  /** A less noisy target: the from-scratch mean over its last `evaluations` evaluations (from `fromStep` on). */
  plateau: { evaluations: number; fromStep: number; quality: number };
  /** Per fine-tuned arm, how soon it reaches the plateau target. */
  savedPlateau: Record<string, StepsSaved>;
  /** Per fine-tuned arm and step: fine-tuned − from-scratch quality, paired by training seed, with a 95 % CI. */
  differences: Record<string, StepDifference[]>;
}

export interface StepDifference {
  step: number;
  seeds: number;
  estimate: number;
  low: number;
  high: number;
}

export interface StepsSaved {
  /** First evaluated step whose mean fine-tuned quality ≥ target (null: not within the budget). */
  stepsToTarget: number | null;
  /** target.step − stepsToTarget (null when not reached). */
  estimate: number | null;
  /** 95 % CI from resampling seeds within each arm; a resample where the fine-tuned arm never reaches the target
   *  counts 0 (censored: no saving can be claimed). */
  low: number;
  high: number;
  /** Fraction of resamples in which the fine-tuned arm reaches the target. */
  reachedFraction: number;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** The steps evaluated in every run of an arm, in order. */
function commonSteps(runs: readonly CurveRun[]): number[] {
  const sets = runs.map((r) => new Set(r.points.map((p) => p.step)));
  return [...sets[0]].filter((s) => sets.every((set) => set.has(s))).sort((a, b) => a - b);
}

/** Quality of each run at each step: rows = steps, columns = runs. */
function qualityMatrix(runs: readonly CurveRun[], steps: readonly number[]): number[][] {
  return steps.map((s) => runs.map((r) => r.points.find((p) => p.step === s)!.quality));
}

/** First step whose mean over `cols` of the rows reaches `target`. */
function firstReach(matrix: number[][], steps: readonly number[], cols: readonly number[], target: number): number | null {
  for (let i = 0; i < steps.length; i++) if (mean(cols.map((c) => matrix[i][c])) >= target) return steps[i];
  return null;
}

/** Use on the study's runs: one from-scratch arm and the fine-tuned arms, by their names in `runs`.
 *  `plateauEvaluations`: the second target is the from-scratch mean over its last this-many evaluations. */
export function summariseTransfer(runs: readonly CurveRun[], arms: { fineTuned: readonly string[]; fromScratch: string }, rng: Rng, resamples = 10_000, plateauEvaluations = 3): TransferSummary {
  const curves: Record<string, CurveSummaryPoint[]> = {};
  const byArm = (arm: string) => runs.filter((r) => r.arm === arm);
  for (const arm of [...arms.fineTuned, arms.fromScratch]) {
    const rs = byArm(arm);
    if (rs.length === 0) throw new RangeError(`summariseTransfer: no runs of arm ${JSON.stringify(arm)}`);
    curves[arm] = commonSteps(rs).map((step) => {
      const at = rs.map((r) => r.points.find((p) => p.step === step)!);
      const ci = bootstrapCi(at.map((p) => p.quality), mean, { rng, resamples });
      return { step, seeds: at.length, quality: { estimate: ci.estimate, low: ci.low, high: ci.high }, slaViolationRateRequests: mean(at.map((p) => p.slaViolationRateRequests)), meanPods: mean(at.map((p) => p.meanPods)) };
    });
  }
  const scratch = byArm(arms.fromScratch);
  const scratchSteps = commonSteps(scratch);
  const scratchQ = qualityMatrix(scratch, scratchSteps);
  const targetStep = scratchSteps[scratchSteps.length - 1];
  // The quality to reach, for a set of from-scratch seeds (columns): their mean over the last k evaluations.
  const targetOf = (k: number) => (cols: readonly number[]) => mean(cols.map((c) => mean(scratchQ.slice(-k).map((row) => row[c]))));
  const all = scratch.map((_, i) => i);
  const k = Math.min(plateauEvaluations, scratchSteps.length);
  const saved: Record<string, StepsSaved> = {};
  const savedPlateau: Record<string, StepsSaved> = {};
  const differences: Record<string, StepDifference[]> = {};
  for (const arm of arms.fineTuned) {
    const fine = byArm(arm);
    const fineSteps = commonSteps(fine);
    const fineQ = qualityMatrix(fine, fineSteps);
    saved[arm] = stepsSaved(fineQ, fineSteps, fine.length, all, targetOf(1), targetStep, rng, resamples);
    savedPlateau[arm] = stepsSaved(fineQ, fineSteps, fine.length, all, targetOf(k), targetStep, rng, resamples);
    // ---- paired by training seed (the same training episodes in both arms): fine-tuned − from scratch
    const pairs = fine.map((f) => [f, scratch.find((r) => r.seed === f.seed)] as const).filter((p): p is readonly [CurveRun, CurveRun] => p[1] !== undefined);
    differences[arm] = pairs.length === 0 ? [] : commonSteps([...pairs.map((p) => p[0]), ...pairs.map((p) => p[1])]).map((step) => {
      const d = pairs.map(([f, r]) => f.points.find((p) => p.step === step)!.quality - r.points.find((p) => p.step === step)!.quality);
      const ci = bootstrapCi(d, mean, { rng, resamples });
      return { step, seeds: d.length, estimate: ci.estimate, low: ci.low, high: ci.high };
    });
  }
  return { curves, target: { step: targetStep, quality: targetOf(1)(all) }, plateau: { evaluations: k, fromStep: scratchSteps[scratchSteps.length - k], quality: targetOf(k)(all) }, saved, savedPlateau, differences };
}

/** Steps saved against the target `targetOf(scratch seeds)`, with its bootstrap over seeds of both arms. */
function stepsSaved(fineQ: number[][], fineSteps: readonly number[], fineRuns: number, scratchCols: number[], targetOf: (cols: readonly number[]) => number, targetStep: number, rng: Rng, resamples: number): StepsSaved {
  const reach = firstReach(fineQ, fineSteps, Array.from({ length: fineRuns }, (_, i) => i), targetOf(scratchCols));
  // ---- bootstrap: resample seeds (as column indices) within each arm
  let reached = 0;
  const one = (s: number[][]): number => {
    const r = firstReach(fineQ, fineSteps, s[1], targetOf(s[0]));
    if (r === null) return 0;
    reached++;
    return targetStep - r;
  };
  const ci = stratifiedBootstrapCi([scratchCols, Array.from({ length: fineRuns }, (_, i) => i)], one, { rng, resamples });
  // `one` ran once per resample and once more on the original seeds (the estimate).
  const inResamples = reached - (reach === null ? 0 : 1);
  return { stepsToTarget: reach, estimate: reach === null ? null : targetStep - reach, low: ci.low, high: ci.high, reachedFraction: inResamples / resamples };
}
