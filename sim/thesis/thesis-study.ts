// The thesis's n=30 study: every trace seed × both controllers on the thesis plant, one row per pair. The
// statistics (T4's tests) are computed from these rows in reports/.
import type { ThesisControllerName } from './thesis-controller.ts';
import { thesisHpa } from './thesis-hpa.ts';
import { runThesisPlant, type ThesisTraceMetrics } from './thesis-plant.ts';
import { thesisThreshold } from './thesis-threshold.ts';
import { generateThesisTrace, THESIS_SEEDS } from './thesis-trace.ts';

/** One trace run by one controller. */
export interface ThesisStudyRow extends ThesisTraceMetrics {
  /** Trace seed (1000…1029 in the thesis). */
  seed: number;
  /** Which controller ran the trace. */
  controller: ThesisControllerName;
}

/** Runs both thesis controllers on each seed's trace; rows ordered by seed, then `hpa` before `thesis-threshold`. */
export function runThesisStudy(seeds: readonly number[] = THESIS_SEEDS): ThesisStudyRow[] {
  const rows: ThesisStudyRow[] = [];
  for (const seed of seeds) {
    const trace = generateThesisTrace(seed);
    for (const controller of [thesisHpa, thesisThreshold]) {
      rows.push({ seed, controller: controller.name, ...runThesisPlant(trace, controller) });
    }
  }
  return rows;
}
