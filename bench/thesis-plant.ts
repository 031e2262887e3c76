// Benchmark: wall time of the whole thesis n=30 study (30 traces × 8640 steps × 2 controllers) on one core.
import { performance } from 'node:perf_hooks';
import { runThesisStudy } from '../sim/thesis/index.ts';

/** Best of 3 timed runs of `runThesisStudy()` (trace generation included), seconds; target < 0.5 s. */
export function benchThesisPlant(): { thesisPlantSeconds: number } {
  let best = Infinity;
  let checksum = 0;
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const rows = runThesisStudy();
    best = Math.min(best, (performance.now() - start) / 1000);
    checksum += rows.length; // keep the result observable so the work cannot be elided
  }
  if (checksum !== 3 * 60) throw new Error(`thesis study returned ${checksum / 3} rows, expected 60`);
  return { thesisPlantSeconds: best };
}
