// The backends a cell can run on. `sim` runs cells in parallel worker threads; a backend that drives real
// infrastructure runs them one after another. Adding a backend is one line in `backends`, e.g.
//   microk8s: sequentialBackend(runKubeCell),
import type { RunRecord } from '../lib/ports.ts';
import type { Cell } from './cells.ts';
import { runInWorkerPool } from './worker-pool.ts';
import { validateRunRecord } from './validate-run-record.ts';
import { kubeBackend } from './kube/kube-backend.ts';
import { k8sJobsBackend } from './k8s-jobs/k8s-jobs-backend.ts';

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
  recordBackend?: 'sim' | 'microk8s';
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

/** The registered backends by `--backend` name. */
export const backends: Record<string, Backend> = {
  sim: { run: runInWorkerPool },
  microk8s: kubeBackend(),
  'k8s-jobs': k8sJobsBackend(),
};
