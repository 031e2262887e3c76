// The tuned-baseline step of `scalelab reproduce` (DESIGN.md §5a, issue 8): the tuning and held-out experiments
// that experiments/defs/frontier-families.json names, run through the runner into reports/out/<name> (resumable,
// reused when up to date), so the report's answer compares every agent with each family's tuned frontier.
import { parseStrictJson } from '../../lib/strict-json.ts';
import { MAX_FILE_BYTES, readInputFile } from '../input-file.ts';
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { EXPERIMENT_DEFS_DIR, REPORTS_OUT_DIR } from '../../lib/paths.ts';
import type { Backend } from '../backends.ts';
import type { BackendName } from '../../lib/backend-names.ts';
import type { RunProgress } from '../runner.ts';
import type { Warn } from './run-standard.ts';

/** Runs the experiments the frontier needs; returns one line per experiment (or nothing when no families file). */
export async function runTunedExperiments(options: { warn: Warn; backend: { backend: Backend; backendName: BackendName }; progress?: (experiment: string) => RunProgress }): Promise<string[]> {
  const familiesFile = join(EXPERIMENT_DEFS_DIR, 'frontier-families.json');
  if (!existsSync(familiesFile)) return [];
  const families = parseStrictJson(readInputFile(familiesFile, 'families file', MAX_FILE_BYTES.smallJson)) as { tuningExperiment?: unknown; heldoutExperiment?: unknown };
  const runner = await import('../index.ts');
  const lines: string[] = [];
  for (const name of [families.tuningExperiment, families.heldoutExperiment]) {
    if (typeof name !== 'string') continue;
    const loaded = await runner.loadExperiment(name);
    const outDir = resolve(REPORTS_OUT_DIR, loaded.def.name);
    const runOnce = () => runner.runExperiment({ def: loaded.def, outDir, baseDir: loaded.baseDir, workers: Math.max(1, Math.min(availableParallelism(), 4)), ...options.backend, progress: options.progress?.(loaded.def.name) });
    let result: Awaited<ReturnType<typeof runOnce>>;
    try {
      result = await runOnce();
    } catch (err) {
      if (!(err instanceof runner.RecordsMismatchError)) throw err;
      const stale = join(outDir, 'records.jsonl');
      renameSync(stale, `${stale}.previous`);
      options.warn(`scalelab reproduce: reports/out/${loaded.def.name}/records.jsonl came from other code or another configuration; moved aside and running again`);
      result = await runOnce();
    }
    lines.push(`experiment ${loaded.def.name}: ${result.ran} runs simulated, ${result.skipped} reused`);
  }
  return lines;
}
