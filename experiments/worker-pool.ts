// Runs cells on the simulator in parallel worker threads, one cell at a time per worker, handing the next cell
// to whichever worker finishes first. Workers are TypeScript: each starts with a tiny script that registers tsx
// and then imports worker.ts, which works whether the parent runs under `node --import tsx` or `bin/scalelab.js`.
import { Worker } from 'node:worker_threads';
import { UserError } from '../lib/errors.ts';
import type { Cell } from './cells.ts';
import type { WorkerJob, WorkerReply } from './worker.ts';

/** What the pool needs besides the cells. */
export interface PoolOptions {
  /** Worker threads to start (at most one per cell). */
  workers: number;
  /** Directory relative paths in cells resolve against. */
  baseDir: string;
  /** Called on the main thread with each finished cell's record as one JSON line, in completion order. */
  onLine(cell: Cell, line: string): void;
}

const WORKER_URL = new URL('./worker.ts', import.meta.url).href;
const TSX_API_URL = import.meta.resolve('tsx/esm/api');
const BOOTSTRAP = `import(${JSON.stringify(TSX_API_URL)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL)}); });`;

/** Use for CPU-bound cells; rejects on the first failed cell (records already delivered stay delivered). */
export async function runInWorkerPool(cells: readonly Cell[], options: PoolOptions): Promise<void> {
  if (cells.length === 0) return;
  const count = Math.max(1, Math.min(options.workers, cells.length));
  const byIndex = new Map(cells.map((c) => [c.index, c]));
  const workers: Worker[] = [];
  let next = 0;
  let finished = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (err: Error) => {
        if (!failed) reject(err);
        failed = true;
      };
      const dispatch = (w: Worker) => {
        if (failed || next >= cells.length) return;
        w.postMessage({ cell: cells[next++], baseDir: options.baseDir } satisfies WorkerJob);
      };
      for (let i = 0; i < count; i++) {
        const w = new Worker(BOOTSTRAP, { eval: true });
        workers.push(w);
        w.on('message', (reply: WorkerReply) => {
          if (failed) return;
          if (!reply.ok) {
            fail(reply.userError ? new UserError(reply.message) : new Error(`cell ${reply.message}`));
            return;
          }
          try {
            options.onLine(byIndex.get(reply.index)!, reply.line);
          } catch (err) {
            fail(err as Error);
            return;
          }
          if (++finished === cells.length) resolve();
          else dispatch(w);
        });
        w.on('error', (err) => fail(new Error(`a simulator worker crashed: ${err.message}`, { cause: err })));
        w.on('exit', (code) => {
          if (finished < cells.length && !failed) fail(new Error(`a simulator worker exited early (code ${code})`));
        });
        dispatch(w);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
