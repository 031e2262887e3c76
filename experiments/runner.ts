// Runs an experiment into OUT/: `experiment.json` (the resolved configuration) and `records.jsonl` (one RunRecord
// per cell). Resumable: finished cells already in records.jsonl (same key, same config hash, same code version)
// are skipped.
// Durability and determinism: while running, each finished record is appended as one complete line and fsynced
// (completion order, so a kill loses at most the cells in flight); once every cell is present the file is
// rewritten atomically in canonical cell order, so the same experiment gives a byte-identical records.jsonl
// whatever the worker count and however often it was interrupted. A corrupt file is never silently overwritten:
// the runner refuses, naming the line; `repair: true` moves that line and everything after it to
// `records.jsonl.corrupt` (appending) and reruns those cells.
import { appendFileSync, readFileSync, mkdirSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from '../lib/ports.ts';
import { UserError } from '../lib/errors.ts';
import type { BackendName } from '../lib/backend-names.ts';
import type { ExperimentDef } from './experiment.ts';
import { expandCells, selectShard, type Cell, type Shard } from './cells.ts';
import { writeShardJson } from './shard-json.ts';
import type { Backend } from './backends.ts';
import { RecordsMismatchError } from './runner-errors.ts';
import { lockFolder, type LockHolder } from './folder-lock.ts';
import { openRecordsWriter, readRecordsForResume, writeLinesAtomically, type RecordLine } from './records-file.ts';
import { writeExperimentJson } from './experiment-json.ts';
import { codeVersion } from './code-version.ts';

/** How to run. */
export interface RunExperimentOptions {
  def: ExperimentDef;
  /** Output directory (created if missing). */
  outDir: string;
  /** Directory relative paths in the experiment resolve against (the experiment file's folder). */
  baseDir: string;
  /** Worker threads (sim) or parallelism hint. */
  workers: number;
  /** Where the cells run (the CLI picks it by `--backend` name, cli/backends.ts). */
  backend: Backend;
  /** The backend's name: stored in experiment.json, checked against finished records. */
  backendName: BackendName;
  /** Move a corrupt tail of records.jsonl aside instead of refusing. */
  repair?: boolean;
  /** Run only this shard's cells (index ≡ shard.index mod shard.count); OUT then also gets shard.json. */
  shard?: Shard;
  /** Parallel pods for a cluster backend (k8s-jobs); passed through to the backend. */
  parallelism?: number;
  /** Told about the cells that run (e.g. to draw a progress bar); nothing is drawn here. */
  progress?: RunProgress;
}

/** Progress of the cells still to run: `start` once with their count, `cellDone` per finished cell, `stop` at the end. */
export interface RunProgress {
  start(total: number): void;
  cellDone(cellKey: string): void;
  stop(): void;
}

/** What happened. */
export interface RunExperimentResult {
  outDir: string;
  recordsPath: string;
  cells: number;
  ran: number;
  skipped: number;
  /** Lines moved to records.jsonl.corrupt by `repair`. */
  repairedFromLine?: number;
  /** A stale lock (its writer died) this run took over. */
  tookOverStaleLock?: LockHolder;
  /** Every record in canonical cell order. */
  records: RunRecord[];
}

/** Use to run (or finish) an experiment; throws UserError for a corrupt records file, RecordsMismatchError for records it must not reuse. */
export async function runExperiment(o: RunExperimentOptions): Promise<RunExperimentResult> {
  const allCells = expandCells(o.def, { codeVersion: codeVersion() });
  try {
    mkdirSync(o.outDir, { recursive: true });
  } catch (err) {
    throw new UserError(`output directory ${o.outDir}: cannot create it (${(err as Error).message})`, { cause: err });
  }
  // One writer per folder: a second run into the same OUT is refused (exit 2) before it reads or writes anything.
  const lock = lockFolder(o.outDir, `scalelab run ${o.def.name}`);
  try {
    return { ...(await runLocked(o, allCells)), ...(lock.tookOverFrom ? { tookOverStaleLock: lock.tookOverFrom } : {}) };
  } finally {
    lock.release();
  }
}

async function runLocked(o: RunExperimentOptions, allCells: Cell[]): Promise<RunExperimentResult> {
  const { backend } = o;
  // A backend that only runs the simulator elsewhere (k8s-jobs) writes `sim` records: a cell's record does not
  // depend on where it ran, so its files equal a local run's.
  const backendName = backend.recordBackend ?? o.backendName;
  const cells = selectShard(allCells, o.shard);
  const recordsPath = join(o.outDir, 'records.jsonl');

  let scan = readRecordsForResume(recordsPath);
  let repairedFromLine: number | undefined;
  if (scan.problem) {
    const p = scan.problem;
    if (!o.repair) {
      throw new UserError(
        `records file ${recordsPath}, ${p.message}. Refusing to overwrite it: run again with --repair to move line ` +
          `${p.lineNumber} and everything after it to ${recordsPath}.corrupt (those cells are rerun), or use another --out.`,
      );
    }
    // The original bytes, not the decoded text re-encoded: a non-UTF-8 tail is kept exactly as it was.
    const bytes = readFileSync(recordsPath);
    appendFileSync(`${recordsPath}.corrupt`, bytes.subarray(p.byteOffset));
    truncateSync(recordsPath, p.byteOffset);
    repairedFromLine = p.lineNumber;
    scan = readRecordsForResume(recordsPath);
  }
  const done = matchFinished(scan.lines, cells, recordsPath, backendName);
  // experiment.json always lists every cell (a shard's is byte-identical to the unsharded run's), so `merge` can
  // check shards against one another and restore the canonical order.
  writeExperimentJson(join(o.outDir, 'experiment.json'), o.def, allCells, backendName);
  if (o.shard) writeShardJson(join(o.outDir, 'shard.json'), o.shard, cells, allCells[0]?.config.codeVersion);

  const todo = cells.filter((c) => !done.has(c.index));
  const lines = new Map<number, string>([...done].map(([i, l]) => [i, l.text]));
  if (todo.length > 0) {
    const writer = openRecordsWriter(recordsPath);
    const progress = o.progress;
    progress?.start(todo.length);
    try {
      await backend.run(todo, {
        workers: o.workers,
        baseDir: o.baseDir,
        parallelism: o.parallelism,
        onLine(cell: Cell, line: string) {
          writer.append(line);
          lines.set(cell.index, line);
          progress?.cellDone(cell.key);
        },
      });
    } finally {
      progress?.stop();
      writer.close();
    }
  }
  const missing = cells.filter((c) => !lines.has(c.index));
  if (missing.length > 0) {
    // Never rewrite the file with holes: the appended records stay as they are and a rerun resumes.
    throw new Error(`backend ${backendName} returned without ${missing.length} of the cells (first: ${missing[0].key}); the finished records are kept in ${recordsPath}`);
  }
  const ordered = cells.map((c) => lines.get(c.index)!);
  writeLinesAtomically(recordsPath, ordered);
  return {
    outDir: o.outDir,
    recordsPath,
    cells: cells.length,
    ran: todo.length,
    skipped: cells.length - todo.length,
    repairedFromLine,
    records: ordered.map((l) => JSON.parse(l) as RunRecord),
  };
}

/** Maps finished lines to cells; a record of another configuration or a duplicate is refused (never mixed in). */
function matchFinished(lines: RecordLine[], cells: readonly Cell[], path: string, backendName: BackendName): Map<number, RecordLine> {
  const byKey = new Map(cells.map((c) => [c.key, c]));
  const done = new Map<number, RecordLine>();
  for (const line of lines) {
    const r = line.record;
    const key = `${r.scenario}/${r.autoscaler}/${r.seed}`;
    const cell = byKey.get(key);
    const hash = (r.config as { hash?: unknown }).hash;
    const advice = `The experiment changed since these records were written: use another --out, or move ${path} away to start over.`;
    if (!cell || r.experiment !== cell.experiment) {
      throw new RecordsMismatchError('NotInExperiment', `records file ${path}, line ${line.lineNumber}: cell ${r.experiment}:${key} is not part of this experiment. ${advice}`);
    }
    // A simulated record must never stand in for a cluster run (or the reverse): the cell hash does not include the backend.
    if (r.backend !== backendName) {
      throw new RecordsMismatchError(
        'OtherBackend',
        `records file ${path}, line ${line.lineNumber}: cell ${key} was produced by the ${r.backend} backend, this run uses ${backendName}; ` +
          `records of different backends are never mixed. Use another --out (e.g. reports/out/${cell.experiment}-${backendName}).`,
      );
    }
    const version = (r.config as { codeVersion?: unknown }).codeVersion;
    if (version !== cell.config.codeVersion) {
      throw new RecordsMismatchError(
        'OtherCodeVersion',
        `records file ${path}, line ${line.lineNumber}: cell ${key} was produced by another version of the simulator/autoscaler code ` +
          `(code ${String(version)}, now ${cell.config.codeVersion}); results of different code are never mixed. Use another --out, or move ${path} away to start over.`,
      );
    }
    if (hash !== cell.config.hash) {
      throw new RecordsMismatchError('OtherConfig', `records file ${path}, line ${line.lineNumber}: cell ${key} was run with another configuration (hash ${String(hash)}, now ${cell.config.hash}). ${advice}`);
    }
    if (done.has(cell.index)) throw new RecordsMismatchError('DuplicateCell', `records file ${path}, line ${line.lineNumber}: cell ${key} appears a second time (first on line ${done.get(cell.index)!.lineNumber}).`);
    done.set(cell.index, line);
  }
  return done;
}
