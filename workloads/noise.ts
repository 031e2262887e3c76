// Deterministic multiplicative noise on an open workload: the noise is drawn once from a seeded RNG, one value
// per step, so rateAt stays a pure function of time (same seed → same rates, in any call order).
import type { OpenWorkload, Workload } from './workload.ts';
import { createRng } from '../lib/rng.ts';
import { checkDuration, checkNumber } from './check.ts';
import { WorkloadSpecError } from './workload-spec-error.ts';
import { WORKLOAD_LIMITS } from './limits.ts';

/** Noise parameters; the factor in each step is max(0, 1 + relativeSd · z), z standard normal. */
export interface NoiseParams {
  /** Standard deviation of the multiplicative noise, as a fraction of the rate (0.1 = ±10 %). */
  relativeSd: number;
  /** Length of a step with one noise value, seconds (default 1; use 60 for minute-level noise). */
  stepSeconds?: number;
  /** Seed of the noise stream (integer). */
  seed: number;
}

/** Adds seeded Gaussian noise to an open workload, held constant within each step. */
export function withNoise(base: Workload, p: NoiseParams, name = base.name): OpenWorkload {
  if (base.kind !== 'open') throw new WorkloadSpecError('of', base.name, 'an open (arrival-rate) workload; noise on VUs is not supported');
  const sd = checkNumber('relativeSd', p.relativeSd);
  const step = checkDuration('stepSeconds', p.stepSeconds, 1);
  const seed = checkNumber('seed', p.seed, { integer: true, min: Number.MIN_SAFE_INTEGER });
  const steps = Math.ceil(base.durationSeconds / step);
  if (!(steps <= WORKLOAD_LIMITS.maxSteps)) {
    throw new WorkloadSpecError('stepSeconds', p.stepSeconds, `a number ≥ ${base.durationSeconds / WORKLOAD_LIMITS.maxSteps} (at most ${WORKLOAD_LIMITS.maxSteps} steps over ${base.durationSeconds} s)`);
  }
  const factors = new Float64Array(steps);
  const rng = createRng(seed);
  for (let i = 0; i < steps; i++) factors[i] = Math.max(0, 1 + sd * rng.normal());
  return {
    kind: 'open',
    name,
    durationSeconds: base.durationSeconds,
    rateAt(t) {
      const i = Math.floor(t / step);
      return i >= 0 && i < steps ? base.rateAt(t) * factors[i] : 0;
    },
  };
}
