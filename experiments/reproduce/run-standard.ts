// The realistic-plant step of `scalelab reproduce`: the standard experiment (with the trained agents that exist)
// through the runner; autoscalers that cannot be built yet are left out and named instead of failing the report.
import { renameSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { REPORTS_OUT_DIR } from '../../lib/paths.ts';
import type { ExperimentDef } from '../experiment.ts';
import type { LoadedExperiment } from '../load-experiment.ts';
import type { Backend } from '../backends.ts';
import type { BackendName } from '../../lib/backend-names.ts';
import type { RunProgress } from '../runner.ts';
import type { RecordsMismatchReason } from '../runner-errors.ts';
import { quickVariant, REPRODUCE_EXPERIMENT, withTrainedAgents } from './plan.ts';

/** What the realistic-plant step produced. */
export interface ExperimentRun {
  experiment: string;
  records: unknown[];
  description: string;
  /** Autoscalers of the experiment that could not be built (e.g. no trained model yet). */
  skipped: string[];
  /** The runner's records.jsonl, when it wrote one. */
  recordsPath?: string;
}

/** Where warnings go (stderr in the CLI). */
export type Warn = (line: string) => void;

// The runner and the autoscaler registry are imported lazily: `reproduce n30` needs neither, and a runner that
// cannot load is reported (the realistic rows then say "not available") instead of hiding T4.

/** Records that are only out of date: moved aside and rerun (another backend's records or a duplicate are refused). */
const STALE_REASONS = new Set<RecordsMismatchReason>(['OtherCodeVersion', 'OtherConfig', 'NotInExperiment']);

/** Runs the standard experiment (or its quick variant); `outDir` defaults to reports/out/<experiment>. */
export async function runStandardExperiment(options: { quick?: boolean; outDir?: string; warn: Warn; backend: { backend: Backend; backendName: BackendName }; progress?: (experiment: string) => RunProgress }): Promise<ExperimentRun> {
  let runner: typeof import('../index.ts');
  let registry: typeof import('../../agent/index.ts');
  try {
    runner = await import('../index.ts');
    registry = await import('../../agent/index.ts');
  } catch (err) {
    options.warn(`scalelab reproduce: warning: the experiment runner could not be loaded: ${(err as Error).message.split('\n')[0]}`);
    return { experiment: REPRODUCE_EXPERIMENT, records: [], skipped: [], description: `the experiment runner could not be loaded (${(err as Error).message}), so every realistic-plant row is "not available"` };
  }
  let loaded: LoadedExperiment;
  try {
    loaded = await runner.loadExperiment(REPRODUCE_EXPERIMENT);
  } catch (err) {
    const why = (err as Error).message.split('\n')[0];
    options.warn(`scalelab reproduce: warning: experiment ${REPRODUCE_EXPERIMENT} not run: ${why}`);
    return { experiment: REPRODUCE_EXPERIMENT, records: [], skipped: [`experiment ${REPRODUCE_EXPERIMENT} not run: ${why}`], description: `the ${REPRODUCE_EXPERIMENT} experiment could not be loaded (${why}), so every realistic-plant row is "not available"` };
  }
  const trained = withTrainedAgents(loaded.def, loaded.baseDir);
  let def = options.quick ? quickVariant(trained.def) : trained.def;
  const skipped: string[] = [];
  const usable: ExperimentDef['autoscalers'] = [];
  for (const spec of def.autoscalers) {
    try {
      await registry.createAutoscaler(spec, { baseDir: loaded.baseDir });
      usable.push(spec);
    } catch (err) {
      skipped.push(`autoscaler ${spec.name} (type ${spec.type}) left out of the run: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  def = { ...def, autoscalers: usable };
  // Shown as the user gave it (or as the repository-relative default), so the report text does not depend on the clone's location.
  const shownOutDir = options.outDir ?? join('reports', 'out', def.name);
  const outDir = options.outDir ?? resolve(REPORTS_OUT_DIR, def.name);
  const workers = Math.max(1, Math.min(availableParallelism(), 4));
  const runOnce = () => runner.runExperiment({ def, outDir, baseDir: loaded.baseDir, workers, ...options.backend, progress: options.progress?.(def.name) });
  let result: Awaited<ReturnType<typeof runOnce>>;
  try {
    result = await runOnce();
  } catch (err) {
    // Records of older code or another configuration are never mixed in: move them aside (kept, not deleted) and rerun.
    if (!(err instanceof runner.RecordsMismatchError && STALE_REASONS.has(err.reason))) throw err;
    const stale = join(outDir, 'records.jsonl');
    renameSync(stale, `${stale}.previous`);
    options.warn(`scalelab reproduce: ${join(shownOutDir, 'records.jsonl')} came from other code or another configuration; moved to ${join(shownOutDir, 'records.jsonl')}.previous and running again`);
    result = await runOnce();
  }
  return {
    recordsPath: result.recordsPath,
    experiment: def.name,
    records: result.records,
    skipped,
    description: `experiment ${def.name}: ${def.scenarios.length} scenarios × ${usable.length} autoscalers × ${def.seeds.length} seeds on the realistic plant (${result.ran} runs simulated, ${result.skipped} reused from ${join(shownOutDir, 'records.jsonl')})`,
  };
}
