// The cells a sweep ships to its pods (gzip'd JSON in a ConfigMap) and the work one shard does with them: run its
// cells on the simulator, exactly as `scalelab run --shard I/N` would, and return the record lines or the error.
// Used by the pod (`scalelab sweep-shard`) and, unchanged, by a local stand-in for the pods (kwok runs no
// containers).
import { gunzipSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { selectShard, type Cell, type Shard } from '../cells.ts';
import { runInWorkerPool } from '../worker-pool.ts';
import { SWEEP_RESULT_SCHEMA, type ShardResult } from './shard-results.ts';

/** Schema tag of the cells file. */
export const SWEEP_CELLS_SCHEMA = 'scalelab.sweep-cells/v1';

/** What every pod of a sweep reads. */
export interface SweepCellsFile {
  schema: typeof SWEEP_CELLS_SCHEMA;
  /** The experiment file's folder relative to the project root (the image's working directory), POSIX separators. */
  baseDir: string;
  /** Code version of the runner's checkout; a pod whose image differs refuses to run. */
  codeVersion: string | null;
  cells: Cell[];
}

/** gzip'd JSON of the cells file. */
export function packCells(file: SweepCellsFile): Buffer {
  return gzipSync(Buffer.from(JSON.stringify(file), 'utf8'));
}

/** Reads a packed cells file; throws naming what is wrong. */
export function unpackCells(bytes: Buffer): SweepCellsFile {
  let file: SweepCellsFile;
  try {
    file = JSON.parse(gunzipSync(bytes).toString('utf8'));
  } catch (cause) {
    throw new Error('the cells file is not gzip\'d JSON', { cause });
  }
  if (file?.schema !== SWEEP_CELLS_SCHEMA || !Array.isArray(file.cells) || typeof file.baseDir !== 'string') {
    throw new Error(`the cells file has schema ${JSON.stringify(file?.schema)}, expected ${SWEEP_CELLS_SCHEMA} with cells and baseDir`);
  }
  return file;
}

/** Runs a batch of cells, handing each finished line back (the simulator's worker pool by default). */
export type CellRunner = (cells: readonly Cell[], o: { workers: number; baseDir: string; onLine(cell: Cell, line: string): void }) => Promise<void>;

/** What one shard needs. */
export interface SweepShardOptions {
  file: SweepCellsFile;
  shard: Shard;
  /** The project root (in the image: its working directory). */
  projectDir: string;
  workers: number;
  /** This code's version (experiments/code-version.ts). */
  codeVersion: string;
  runCells?: CellRunner;
}

/** Use in each pod (or its local stand-in): never throws; a failure is returned as the shard's result. */
export async function runSweepShard(o: SweepShardOptions): Promise<ShardResult> {
  const head = { schema: SWEEP_RESULT_SCHEMA, index: o.shard.index, count: o.shard.count } as const;
  if (o.file.codeVersion !== null && o.file.codeVersion !== o.codeVersion) {
    return { ...head, ok: false, error: `this image runs code ${o.codeVersion}, the runner's checkout is ${o.file.codeVersion}: rebuild the sweep image from that checkout (docs/real-path.md)` };
  }
  const cells = selectShard(o.file.cells, o.shard);
  const lines: { cell: number; line: string }[] = [];
  try {
    await (o.runCells ?? runInWorkerPool)(cells, {
      workers: o.workers,
      baseDir: join(o.projectDir, o.file.baseDir),
      onLine: (cell, line) => lines.push({ cell: cell.index, line }),
    });
  } catch (err) {
    return { ...head, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  lines.sort((a, b) => a.cell - b.cell);
  return { ...head, ok: true, lines };
}
