// A load curve → a bounded number of k6 stages: sample the curve, then keep the breakpoints that matter most
// (greedy top-down split at the largest vertical error, as Ramer–Douglas–Peucker does, capped at maxStages).
// A curve that is already piecewise linear with k pieces on the sampling grid comes back as exactly k stages.

/** One k6 stage: ramp linearly to `target` over `durationSeconds`. */
export interface FittedStage {
  durationSeconds: number;
  target: number;
}

/** How finely to sample and how many stages to allow. */
export interface FitOptions {
  /** Sampling step, seconds (breakpoints fall on this grid). */
  stepSeconds: number;
  /** Upper bound on the number of stages (k6 handles hundreds, humans read tens). */
  maxStages: number;
  /** Stop splitting once every sample is within this of the fitted line (same unit as the curve). */
  tolerance: number;
}

/** Fits `valueAt` over [0, durationSeconds]; returns the start value and the stages (durations sum to the total). */
export function fitStages(valueAt: (tSeconds: number) => number, durationSeconds: number, o: FitOptions): { start: number; stages: FittedStage[] } {
  if (!(durationSeconds > 0)) throw new Error(`durationSeconds: got ${durationSeconds}, expected > 0`);
  if (!(o.stepSeconds > 0)) throw new Error(`stepSeconds: got ${o.stepSeconds}, expected > 0`);
  if (!(Number.isInteger(o.maxStages) && o.maxStages >= 1)) throw new Error(`maxStages: got ${o.maxStages}, expected an integer ≥ 1`);
  const n = Math.ceil(durationSeconds / o.stepSeconds - 1e-9);
  const ts: number[] = [];
  for (let i = 0; i <= n; i++) ts.push(Math.min(i * o.stepSeconds, durationSeconds));
  // Workloads are defined on [0, duration): the end point takes the value just before the end.
  const vs = ts.map((t) => valueAt(Math.min(t, durationSeconds - 1e-6)));
  const keep = new Set<number>([0, n]);
  // Greedy: split the worst segment until the bound or the tolerance is reached.
  while (keep.size - 1 < o.maxStages) {
    const sorted = [...keep].sort((a, b) => a - b);
    let worst = -1;
    let worstErr = o.tolerance;
    for (let s = 0; s + 1 < sorted.length; s++) {
      const a = sorted[s];
      const b = sorted[s + 1];
      for (let i = a + 1; i < b; i++) {
        const line = vs[a] + ((vs[b] - vs[a]) * (ts[i] - ts[a])) / (ts[b] - ts[a]);
        const err = Math.abs(vs[i] - line);
        if (err > worstErr + 1e-12) {
          worstErr = err;
          worst = i;
        }
      }
    }
    if (worst < 0) break;
    keep.add(worst);
  }
  const points = [...keep].sort((a, b) => a - b);
  const stages: FittedStage[] = [];
  for (let k = 1; k < points.length; k++) {
    stages.push({ durationSeconds: ts[points[k]] - ts[points[k - 1]], target: vs[points[k]] });
  }
  return { start: vs[0], stages };
}
