// What a training loop needs besides the networks to continue bit-identically after a kill (issue 16 item 4):
// the replay buffer or the partial rollout, optimiser moments, the last update's statistics, the multiplier λ.
// Checkpoints are taken only at episode ends, so no simulator state is saved; the loop's random generator is
// re-derived from (seed, step) at every checkpoint — in the uninterrupted run too — so nothing of it is saved.
import { createRng, type Rng } from '../../lib/rng.ts';
import type { OptimizerState } from './optimizer.ts';
import type { ReplayBufferState } from './replay-buffer.ts';

/** Loss terms and diagnostics of one update, averaged over its minibatches (CleanRL's names). */
export interface PpoUpdateStats {
  /** Clipped surrogate loss, −mean(min(ratio·A, clip(ratio)·A)). */
  pgLoss: number;
  /** 0.5·mean((V − return)²). */
  valueLoss: number;
  /** Mean policy entropy (the bonus is −entropyCoef × this). */
  entropyLoss: number;
  /** mean((ratio − 1) − log ratio), the low-variance KL estimator. */
  approxKl: number;
  /** Fraction of samples whose ratio left [1 − ε, 1 + ε]. */
  clipFraction: number;
  /** 1 − Var(returns − values) / Var(returns) over the rollout. */
  explainedVariance: number;
}

/** The partial contents of a collector (for an exact resume). */
export interface CollectorState {
  n: number;
  arrays: Record<string, Float32Array>;
}

/** Everything a loop carries across a checkpoint, beside weights. */
export interface LoopState {
  /** Env steps done. */
  step: number;
  /** Episodes finished. */
  episodes: number;
  buffer?: ReplayBufferState;
  collector?: CollectorState;
  /** One per environment of a vectorised PPO. */
  collectors?: CollectorState[];
  optimizers: Record<string, OptimizerState>;
  /** Scalars: λ, the last PPO update's statistics, running sums. */
  scalars: Record<string, number | null>;
}

/** How a loop checkpoints: every `everySteps` env steps, at the first episode end after the mark. */
export interface CheckpointHook {
  everySteps: number;
  save(state: LoopState): Promise<void>;
}

/** The loop's generator from `step` on (salt separates the learners of one run). */
export function loopRng(seed: number, salt: number, step: number): Rng {
  return createRng(seed * 7919 + salt + step);
}

/** The first checkpoint mark after `step`. */
export function nextCheckpointMark(step: number, everySteps: number): number {
  return (Math.floor(step / everySteps) + 1) * everySteps;
}

/** PPO statistics ↔ scalars (for the checkpoint). */
export function statsToScalars(prefix: string, stats: PpoUpdateStats | null): Record<string, number | null> {
  const keys = ['pgLoss', 'valueLoss', 'entropyLoss', 'approxKl', 'clipFraction', 'explainedVariance'] as const;
  return Object.fromEntries(keys.map((k) => [`${prefix}.${k}`, stats ? stats[k] : null]));
}

export function scalarsToStats(prefix: string, scalars: Record<string, number | null>): PpoUpdateStats | null {
  const pg = scalars[`${prefix}.pgLoss`];
  if (pg === null || pg === undefined) return null;
  const get = (k: string) => scalars[`${prefix}.${k}`] ?? Number.NaN;
  return { pgLoss: pg, valueLoss: get('valueLoss'), entropyLoss: get('entropyLoss'), approxKl: get('approxKl'), clipFraction: get('clipFraction'), explainedVariance: get('explainedVariance') };
}

/** A LoopState as files: JSON with every Float32Array replaced by its place in one binary blob. */
export function encodeLoopState(state: LoopState): { json: string; bin: Uint8Array } {
  const parts: Float32Array[] = [];
  let offset = 0;
  const json = JSON.stringify(state, (_k, v) => {
    if (v instanceof Float32Array) {
      parts.push(v);
      const ref = { $f32: offset, length: v.length };
      offset += v.length;
      return ref;
    }
    return v;
  });
  const all = new Float32Array(offset);
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return { json, bin: new Uint8Array(all.buffer) };
}

/** The inverse of encodeLoopState. */
export function decodeLoopState(json: string, bin: Uint8Array): LoopState {
  const all = new Float32Array(Uint8Array.from(bin).buffer);
  return JSON.parse(json, (_k, v) => (v !== null && typeof v === 'object' && typeof v.$f32 === 'number' ? all.slice(v.$f32, v.$f32 + v.length) : v)) as LoopState;
}
