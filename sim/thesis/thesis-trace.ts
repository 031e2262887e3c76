// The thesis's n=30 synthetic traffic traces (thesis-n30.md §B), generated with NumPy's exact float operation
// order so that every integer matches the thesis's Python trace element for element.
import { RandomState } from '../../lib/numpy-random-state.ts';
import { npMean } from './numpy-reductions.ts';

/** Steps per thesis trace: 8640 steps of 60 s = 6 days. */
export const THESIS_TRACE_STEPS = 8640;
/** Seconds per thesis-plant step. */
export const THESIS_STEP_SECONDS = 60;
/** The thesis's 30 trace seeds, 1000…1029. */
export const THESIS_SEEDS: readonly number[] = Array.from({ length: 30 }, (_, i) => 1000 + i);

/** Requests per step (an integer ≥ 10) for trace `seed`, identical to the thesis's NumPy generator. */
export function generateThesisTrace(seed: number, n: number = THESIS_TRACE_STEPS): Int32Array {
  if (!Number.isInteger(seed) || seed < 0 || seed + 1000 > 0xffffffff) {
    throw new RangeError(`thesis trace seed must be an integer in [0, 4294966295], got ${seed}`);
  }
  if (!Number.isInteger(n) || n <= 300) {
    throw new RangeError(`thesis trace length n must be an integer > 300 (spikes start in [0, n − 300)), got ${n}`);
  }
  const r = new RandomState(seed);
  const base = r.uniform(800, 2500);
  const amp = base * r.uniform(0.3, 0.7);
  const phase = r.uniform(0, 2 * Math.PI);
  const spikeCount = r.randint(2, 8);
  const spikeLow = r.uniform(1.5, 3.0);
  const spikeHigh = r.uniform(3.0, 5.0);

  // 1. Daily sine, floored at 10 % of the base.
  const x = new Float64Array(n);
  const twoPi = 2 * Math.PI;
  const floor = 0.1 * base;
  for (let t = 0; t < n; t++) {
    x[t] = Math.max(base + amp * Math.sin((twoPi * t) / n + phase), floor);
  }

  // 2. Gaussian-shaped spikes from the restarted stream; overlapping spikes compound.
  const spikes = new RandomState(seed);
  for (let s = 0; s < spikeCount; s++) {
    const start = spikes.randint(0, n - 300);
    const duration = spikes.randint(60, 300);
    const magnitude = spikes.uniform(spikeLow, spikeHigh);
    const centre = duration / 2;
    const width = duration / 6;
    for (let i = 0; i < duration && start + i < n; i++) {
      const z = (i - centre) / width;
      x[start + i] += x[start + i] * magnitude * Math.exp(-0.5 * (z * z));
    }
  }

  // 3. Normal noise with sd 5 % of the spiked mean, floor at 10, truncate toward zero.
  const noise = new RandomState(seed + 1000);
  const sd = 0.05 * npMean(x);
  const out = new Int32Array(n);
  for (let t = 0; t < n; t++) {
    out[t] = Math.trunc(Math.max(x[t] + noise.normal(0, sd), 10));
  }
  return out;
}
