// Merging the outputs of `scalelab run --shard I/N` into exactly the experiment.json and records.jsonl an
// unsharded run writes, byte for byte: experiment.json is the same in every shard (it lists every cell), each
// record line is copied verbatim, and the lines are put in the canonical cell order experiment.json gives.
// Anything that would make the merged file differ from an unsharded run is refused with a UserError (exit 2):
// shards of another experiment, backend, configuration or code version, a cell given twice, a cell missing.
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { parseStrictJson } from '../lib/strict-json.ts';
import { MAX_FILE_BYTES, readInputFile } from './input-file.ts';
import { join, resolve } from 'node:path';
import { UserError } from '../lib/errors.ts';
import { scanRecordsText, writeLinesAtomically, type RecordLine } from './records-file.ts';
import { SHARD_JSON_SCHEMA, type ShardJson } from './shard-json.ts';
import { lockFolder } from './folder-lock.ts';

/** One shard output folder as read from disk. */
interface ShardDir {
  dir: string;
  experimentText: string;
  experiment: { name: string; backend: string; cells: { key: string; hash: string }[] };
  shard?: ShardJson;
  lines: RecordLine[];
}

/** What a merge wrote. */
export interface MergeResult {
  outDir: string;
  recordsPath: string;
  cells: number;
  shards: number;
}

const LIST_LIMIT = 5;
const list = (items: string[]) => (items.length <= LIST_LIMIT ? items.join(', ') : `${items.slice(0, LIST_LIMIT).join(', ')} and ${items.length - LIST_LIMIT} more`);

function readText(dir: string, file: string): string {
  const path = join(dir, file);
  if (!existsSync(path)) throw new UserError(`${dir}: no ${file} (expected the output folder of \`scalelab run … --shard I/N\`)`);
  // Bounded regular files only: a FIFO or /dev/zero in a shard folder is refused, never read.
  return readInputFile(path, `shard ${file}`, file === 'records.jsonl' ? MAX_FILE_BYTES.records : MAX_FILE_BYTES.experimentJson);
}

function readShardDir(dir: string): ShardDir {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UserError(`DIR ${dir}: not a directory (expected a shard's output folder)`);
  const experimentText = readText(dir, 'experiment.json');
  let experiment: ShardDir['experiment'];
  try {
    experiment = parseStrictJson(experimentText) as ShardDir['experiment'];
  } catch (cause) {
    throw new UserError(`${join(dir, 'experiment.json')}: ${(cause as Error).message}`, { cause });
  }
  if (typeof experiment?.name !== 'string' || !Array.isArray(experiment.cells)) throw new UserError(`${join(dir, 'experiment.json')}: no name or cells (expected a scalelab.experiment/v1 file)`);
  let shard: ShardJson | undefined;
  if (existsSync(join(dir, 'shard.json'))) {
    try {
      shard = parseStrictJson(readText(dir, 'shard.json')) as ShardJson;
    } catch (cause) {
      throw new UserError(`${join(dir, 'shard.json')}: ${(cause as Error).message}`, { cause });
    }
    if (shard?.schema !== SHARD_JSON_SCHEMA || !Number.isInteger(shard.index) || !Number.isInteger(shard.count)) throw new UserError(`${join(dir, 'shard.json')}: expected a ${SHARD_JSON_SCHEMA} file with integer index and count`);
  }
  const { lines, problem } = scanRecordsText(readText(dir, 'records.jsonl'));
  if (problem) throw new UserError(`records file ${join(dir, 'records.jsonl')}, ${problem.message}`);
  return { dir, experimentText, experiment, shard, lines };
}

/** The first top-level field (or cell) where two experiment.json files differ, for the error message. */
function firstDifference(a: Record<string, unknown>, b: Record<string, unknown>): string {
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (JSON.stringify(a[key]) === JSON.stringify(b[key])) continue;
    if (key === 'cells' && Array.isArray(a.cells) && Array.isArray(b.cells)) {
      const i = a.cells.findIndex((c, j) => JSON.stringify(c) !== JSON.stringify((b.cells as unknown[])[j]));
      const at = i < 0 ? Math.min(a.cells.length, b.cells.length) : i;
      return `cells[${at}] (${JSON.stringify(a.cells[at] ?? null)} vs ${JSON.stringify((b.cells as unknown[])[at] ?? null)})`;
    }
    return key;
  }
  return 'formatting';
}

/** Checks that every shard belongs to the same run: experiment, backend, configuration, shard count. */
function checkSameRun(shards: ShardDir[]): void {
  const [first] = shards;
  for (const s of shards.slice(1)) {
    if (s.experiment.name !== first.experiment.name) throw new UserError(`shards of different experiments: ${first.dir} is "${first.experiment.name}", ${s.dir} is "${s.experiment.name}"`);
    if (s.experiment.backend !== first.experiment.backend) throw new UserError(`shards of different backends: ${first.dir} ran on ${first.experiment.backend}, ${s.dir} on ${s.experiment.backend}; records of different backends are never mixed`);
    if (s.experimentText !== first.experimentText) {
      const field = firstDifference(first.experiment as unknown as Record<string, unknown>, s.experiment as unknown as Record<string, unknown>);
      throw new UserError(`shards of different configurations of experiment "${first.experiment.name}": ${first.dir}/experiment.json and ${s.dir}/experiment.json differ in ${field}`);
    }
  }
  const counted = shards.filter((s) => s.shard);
  const counts = [...new Set(counted.map((s) => s.shard!.count))];
  if (counts.length > 1) throw new UserError(`shards of different splits: ${counted.map((s) => `${s.dir} is ${s.shard!.index}/${s.shard!.count}`).join(', ')}`);
  const seen = new Map<number, string>();
  for (const s of counted) {
    const other = seen.get(s.shard!.index);
    if (other !== undefined) throw new UserError(`shard ${s.shard!.index}/${s.shard!.count} given twice: ${other} and ${s.dir}`);
    seen.set(s.shard!.index, s.dir);
  }
  const versions = new Map<string, string>();
  for (const s of counted) if (s.shard!.codeVersion !== null) versions.set(s.shard!.codeVersion, versions.get(s.shard!.codeVersion) ?? s.dir);
  if (versions.size > 1) throw new UserError(`shards of different code versions: ${[...versions].map(([v, d]) => `${d} ran code ${v}`).join(', ')}; results of different code are never mixed`);
}

/** Use after every shard finished: checks the shards and writes OUT/experiment.json + OUT/records.jsonl. */
export function mergeShards(dirs: readonly string[], outDir: string): MergeResult {
  if (dirs.length === 0) throw new UserError('DIR: give at least one shard output folder');
  const out = resolve(outDir);
  const shards = dirs.map((d) => readShardDir(resolve(d)));
  if (shards.some((s) => s.dir === out)) throw new UserError(`--out ${outDir}: is one of the shard folders; merge into a new folder`);
  checkSameRun(shards);
  const { experiment } = shards[0];
  const hashByKey = new Map(experiment.cells.map((c) => [c.key, c.hash]));
  const found = new Map<string, { dir: string; line: RecordLine }>();
  const duplicates: string[] = [];
  let codeVersion: { value: unknown; where: string } | undefined;
  for (const s of shards) {
    for (const line of s.lines) {
      const r = line.record;
      const key = `${r.scenario}/${r.autoscaler}/${r.seed}`;
      const where = `${s.dir}/records.jsonl line ${line.lineNumber}`;
      const hash = hashByKey.get(key);
      if (r.experiment !== experiment.name || hash === undefined) throw new UserError(`${where}: cell ${r.experiment}:${key} is not part of experiment "${experiment.name}"`);
      if (r.backend !== experiment.backend) throw new UserError(`${where}: cell ${key} ran on the ${r.backend} backend, experiment.json says ${experiment.backend}`);
      if ((r.config as { hash?: unknown }).hash !== hash) throw new UserError(`${where}: cell ${key} was run with another configuration (hash ${String((r.config as { hash?: unknown }).hash)}, experiment.json has ${hash})`);
      const version = (r.config as { codeVersion?: unknown }).codeVersion;
      codeVersion ??= { value: version, where };
      if (version !== codeVersion.value) throw new UserError(`shards of different code versions: ${codeVersion.where} ran code ${String(codeVersion.value)}, ${where} ran code ${String(version)}; results of different code are never mixed`);
      const earlier = found.get(key);
      if (earlier) duplicates.push(`${key} (${earlier.dir} line ${earlier.line.lineNumber} and ${where})`);
      else found.set(key, { dir: s.dir, line });
    }
  }
  if (duplicates.length > 0) throw new UserError(`${duplicates.length} duplicated cell${duplicates.length > 1 ? 's' : ''}: ${list(duplicates)}`);
  const missing = experiment.cells.filter((c) => !found.has(c.key)).map((c) => c.key);
  if (missing.length > 0) {
    const count = shards.find((s) => s.shard)?.shard!.count;
    const given = new Set(shards.flatMap((s) => (s.shard ? [s.shard.index] : [])));
    const absent = count === undefined ? [] : [...Array(count).keys()].filter((i) => !given.has(i)).map((i) => `${i}/${count}`);
    const hint = absent.length > 0 ? ` (shard${absent.length > 1 ? 's' : ''} ${list(absent)} not given)` : ' (a shard did not finish: run it again on its folder to resume)';
    throw new UserError(`${missing.length} missing cell${missing.length > 1 ? 's' : ''} of ${experiment.cells.length}: ${list(missing)}${hint}`);
  }
  const ordered = experiment.cells.map((c) => found.get(c.key)!.line.text);
  writeOutputs(out, outDir, shards[0].experimentText, ordered);
  return { outDir: out, recordsPath: join(out, 'records.jsonl'), cells: ordered.length, shards: shards.length };
}

function writeOutputs(out: string, flag: string, experimentText: string, lines: string[]): void {
  try {
    mkdirSync(out, { recursive: true });
  } catch (cause) {
    throw new UserError(`--out ${flag}: cannot create the output directory`, { cause });
  }
  // One writer per folder: a run or another merge into the same OUT is refused (exit 2).
  const lock = lockFolder(out, 'scalelab merge');
  try {
    const recordsPath = join(out, 'records.jsonl');
    const text = lines.map((l) => `${l}\n`).join('');
    if (existsSync(recordsPath) && readFileSync(recordsPath, 'utf8') !== text) {
      throw new UserError(`--out ${flag}: ${recordsPath} already exists with other records; merge into a new folder or move it away`);
    }
    // experiment.json ends with its newline; writeLinesAtomically adds it back.
    writeLinesAtomically(join(out, 'experiment.json'), [experimentText.replace(/\n$/, '')]);
    writeLinesAtomically(recordsPath, lines);
  } finally {
    lock.release();
  }
}
