// `reproduce n30`: the thesis's own n=30 study (T4) on the thesis-compatible plant.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runThesisStudy, thesisPerTraceCsv } from '../../sim/thesis/index.ts';
import { analyzeN30 } from '../../reports/index.ts';

/** Runs the 30-trace study and analyses it (T4); with `out`, also writes OUT/n30-per-trace.csv. */
export function reproduceN30(options: { out?: string; resamples?: number } = {}): ReturnType<typeof analyzeN30> {
  const rows = runThesisStudy();
  const analysis = analyzeN30(rows, { resamples: options.resamples });
  if (options.out) {
    mkdirSync(options.out, { recursive: true });
    writeFileSync(join(options.out, 'n30-per-trace.csv'), thesisPerTraceCsv(rows));
  }
  return analysis;
}
