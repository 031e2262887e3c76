// What a backend is: something that runs a batch of cells. `simBackend` runs them in parallel worker threads; a
// backend that drives real infrastructure runs them one after another (`sequentialBackend`). Backends are
// injected: the CLI registers them by name (cli/backends.ts) and hands the chosen one to `runExperiment`.
import type { RunRecord } from '../lib/ports.ts';
import type { BackendName } from '../lib/backend-names.ts';
import type { Cell } from './cells.ts';
import { runInWorkerPool } from './worker-pool.ts';
import { validateRunRecord } from './validate-run-record.ts';

/** Options every backend receives. */
export interface BackendRunOptions {
  /** Parallelism the user asked for (a backend may use less). */
  workers: number;
  /** Pods to run in parallel (cluster backends such as k8s-jobs; `--parallelism`). */
  parallelism?: number;
  /** Directory relative paths (traces, models) resolve against: the experiment file's folder. */
  baseDir: string;
  /** Hand each finished cell's record here, as one JSON line, as soon as it is done (durability, progress). */
  onLine(cell: Cell, line: string): void;
}

/** Runs a batch of cells. */
export interface Backend {
  /** The `backend` its records carry when it is not the backend's name (k8s-jobs runs the simulator: `sim`). */
  recordBackend?: BackendName;
  run(cells: readonly Cell[], options: BackendRunOptions): Promise<void>;
}

/** Wraps a one-cell runner (e.g. a real cluster run) as a backend that runs cells in order, validating each record. */
export function sequentialBackend(runCell: (cell: Cell, ctx: { baseDir: string }) => Promise<RunRecord>): Backend {
  return {
    async run(cells, options) {
      for (const cell of cells) {
        const record = await runCell(cell, { baseDir: options.baseDir });
        const line = JSON.stringify(record);
        validateRunRecord(JSON.parse(line));
        options.onLine(cell, line);
      }
    },
  };
}

/** The simulator: CPU-bound cells in parallel worker threads. */
export const simBackend: Backend = { run: runInWorkerPool };
