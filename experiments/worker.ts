// Worker-thread side of the runner: receives cells, runs them on a backend's cell runner, posts back the record
// as one JSON line (serialised here so the main thread only writes). Started by worker-pool.ts.
import { parentPort } from 'node:worker_threads';
import { runSimCell } from './run-sim-cell.ts';
import { validateRunRecord } from './validate-run-record.ts';
import type { Cell } from './cells.ts';

/** Main → worker. */
export interface WorkerJob {
  cell: Cell;
  baseDir: string;
}

/** Worker → main. */
export type WorkerReply = { index: number; ok: true; line: string } | { index: number; ok: false; message: string; userError: boolean };

parentPort?.on('message', async (job: WorkerJob) => {
  try {
    const record = await runSimCell(job.cell, { baseDir: job.baseDir });
    validateRunRecord(JSON.parse(JSON.stringify(record)));
    parentPort!.postMessage({ index: job.cell.index, ok: true, line: JSON.stringify(record) } satisfies WorkerReply);
  } catch (err) {
    const message = `${job.cell.key}: ${err instanceof Error ? err.message : String(err)}`;
    parentPort!.postMessage({ index: job.cell.index, ok: false, message, userError: (err as Error)?.name === 'UserError' } satisfies WorkerReply);
  }
});
