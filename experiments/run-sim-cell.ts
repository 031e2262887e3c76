// Runs one cell on the embedded simulator and returns its RunRecord. Called inside worker threads (worker.ts),
// and directly by anything that wants a single run in-process.
import { RUN_RECORD_SCHEMA, type RunRecord } from '../lib/ports.ts';
import { simulateRun } from '../sim/simulate.ts';
import { buildWorkload, type Trace, type TraceLoader } from '../workloads/index.ts';
import { createAutoscaler } from '../agent/registry.ts';
import { traceLoader } from './load-trace.ts';
import type { Cell } from './cells.ts';

/** Where relative paths in a cell (trace files, models) resolve: the experiment file's directory. */
export interface CellContext {
  baseDir: string;
}

/** Use to evaluate one (scenario, autoscaler, seed) on the simulator; same cell → identical record. */
export async function runSimCell(cell: Cell, ctx: CellContext): Promise<RunRecord> {
  const { config } = cell;
  const workload = buildWorkload(config.workload, { seed: cell.seed, loadTrace: cachedTraceLoader(ctx.baseDir) });
  const autoscaler = await createAutoscaler(config.autoscaler, { baseDir: ctx.baseDir });
  const result = simulateRun({
    config: config.plant,
    workload,
    autoscaler,
    seed: cell.seed,
    durationSeconds: config.durationSeconds ?? undefined,
  });
  return {
    schema: RUN_RECORD_SCHEMA,
    experiment: cell.experiment,
    scenario: cell.scenario,
    autoscaler: cell.autoscaler,
    seed: cell.seed,
    backend: 'sim',
    metrics: result.metrics,
    config: config as unknown as Record<string, unknown>,
    series: result.series,
    latencyHistogram: result.latencyHistogram,
    reasons: sortedReasons(result.reasons),
  };
}

// A worker runs many cells of the same trace: parse each file once per thread (traces are never mutated).
const traces = new Map<string, Trace>();

function cachedTraceLoader(baseDir: string): TraceLoader {
  const load = traceLoader(baseDir);
  return (file, options) => {
    const key = `${baseDir}\0${file}\0${options.resolutionSeconds ?? ''}`;
    let trace = traces.get(key);
    if (!trace) traces.set(key, (trace = load(file, options)));
    return trace;
  };
}

/** Reason counts with keys in sorted order, so the JSON text does not depend on which reason came first. */
function sortedReasons(reasons: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const key of Object.keys(reasons).sort()) out[key] = reasons[key];
  return out;
}
