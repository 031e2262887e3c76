// OUT/shard.json: which shard of a sweep a run's records are (written only by `scalelab run --shard I/N`), so
// `scalelab merge` can name a shard given twice or one that is missing.
import type { Cell, Shard } from './cells.ts';
import { writeLinesAtomically } from './records-file.ts';

/** Schema tag of shard.json. */
export const SHARD_JSON_SCHEMA = 'scalelab.shard/v1';

/** What shard.json holds. */
export interface ShardJson {
  schema: typeof SHARD_JSON_SCHEMA;
  index: number;
  count: number;
  /** Fingerprint of the code that ran the cells (experiments/code-version.ts). */
  codeVersion: string | null;
  /** Keys of this shard's cells, in canonical order. */
  cells: string[];
}

/** Use once per sharded run, before the cells start; written atomically. */
export function writeShardJson(path: string, shard: Shard, cells: readonly Cell[], codeVersion: string | undefined): void {
  const body: ShardJson = { schema: SHARD_JSON_SCHEMA, index: shard.index, count: shard.count, codeVersion: codeVersion ?? null, cells: cells.map((c) => c.key) };
  writeLinesAtomically(path, [JSON.stringify(body, null, 2)]);
}
