// A shard's results as ConfigMaps and back. A pod gzips its record lines (or its error) into one payload, splits
// it into parts under the ConfigMap size limit (1 MiB per object) and writes one ConfigMap per part; the runner
// lists them by label, checks every part and the SHA-256 of the whole, and unpacks. Records never travel
// through pod logs (the kubelet rotates those).
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Manifest } from '../../stacks/manifests/scenario-spec.ts';
import { SWEEP_RESULT_LABEL } from '../../stacks/manifests/indexed-job.ts';

/** Schema tag of a result payload. */
export const SWEEP_RESULT_SCHEMA = 'scalelab.sweep-result/v1';
/** Raw bytes per ConfigMap (base64 makes 4/3 of it: ≈ 930 KiB, under the 1 MiB object limit with metadata). */
export const PART_BYTES = 700 * 1024;
const SHARD_LABEL = 'scalelab.io/shard';
const PART_LABEL = 'scalelab.io/part';
const PARTS_ANNOTATION = 'scalelab.io/parts';
const SHA_ANNOTATION = 'scalelab.io/sha256';

/** What every result carries: which pod of how many, and whether its work succeeded (else `error`). */
export interface ResultEnvelope {
  schema: string;
  index: number;
  count: number;
  ok: boolean;
  error?: string;
}

/** What one shard hands back: its cells' record lines (by cell index), or why it failed. */
export type ShardResult =
  | { schema: typeof SWEEP_RESULT_SCHEMA; index: number; count: number; ok: true; lines: { cell: number; line: string }[] }
  | { schema: typeof SWEEP_RESULT_SCHEMA; index: number; count: number; ok: false; error: string };

/** Use in the pod (or a local stand-in) to turn a shard's result into the ConfigMaps to create. */
export function resultConfigMaps<T extends ResultEnvelope>(namespace: string, result: T, partBytes = PART_BYTES): Manifest[] {
  const gz = gzipSync(Buffer.from(JSON.stringify(result), 'utf8'));
  const sha = createHash('sha256').update(gz).digest('hex');
  const parts = Math.max(1, Math.ceil(gz.length / partBytes));
  return [...Array(parts).keys()].map((p) => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: `result-${result.index}-${p}`,
      namespace,
      labels: { 'app.kubernetes.io/part-of': 'scalelab', [SWEEP_RESULT_LABEL]: 'true', [SHARD_LABEL]: String(result.index), [PART_LABEL]: String(p) },
      annotations: { [PARTS_ANNOTATION]: String(parts), [SHA_ANNOTATION]: sha },
    },
    binaryData: { part: gz.subarray(p * partBytes, (p + 1) * partBytes).toString('base64') },
  }));
}

/** The label selector that lists exactly the result ConfigMaps. */
export const RESULT_SELECTOR = `${SWEEP_RESULT_LABEL}=true`;

interface ConfigMapLike {
  metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  binaryData?: Record<string, string>;
}

/**
 * Use in the runner after the Job: unpacks every shard 0…count−1. Returns the results found and a problem per
 * shard that is missing, incomplete or corrupt (so the caller can name them all).
 */
export function readShardResults<T extends ResultEnvelope = ShardResult>(items: readonly ConfigMapLike[], count: number, schema: string = SWEEP_RESULT_SCHEMA): { results: Map<number, T>; problems: string[] } {
  const byShard = new Map<number, ConfigMapLike[]>();
  for (const item of items) {
    const shard = Number(item.metadata?.labels?.[SHARD_LABEL]);
    if (!Number.isInteger(shard)) continue;
    byShard.set(shard, [...(byShard.get(shard) ?? []), item]);
  }
  const results = new Map<number, T>();
  const problems: string[] = [];
  for (let shard = 0; shard < count; shard++) {
    const items = byShard.get(shard);
    if (!items) {
      problems.push(`shard ${shard}/${count}: no result (its pod did not write one)`);
      continue;
    }
    const parts = Number(items[0].metadata?.annotations?.[PARTS_ANNOTATION]);
    const sha = items[0].metadata?.annotations?.[SHA_ANNOTATION];
    const ordered: Buffer[] = [];
    for (let p = 0; p < parts; p++) {
      const item = items.find((i) => i.metadata?.labels?.[PART_LABEL] === String(p));
      if (item?.binaryData?.part === undefined) break;
      ordered.push(Buffer.from(item.binaryData.part, 'base64'));
    }
    if (!Number.isInteger(parts) || parts < 1 || ordered.length !== parts) {
      problems.push(`shard ${shard}/${count}: ${ordered.length} of ${Number.isInteger(parts) ? parts : '?'} result parts present`);
      continue;
    }
    const gz = Buffer.concat(ordered);
    if (createHash('sha256').update(gz).digest('hex') !== sha) {
      problems.push(`shard ${shard}/${count}: result parts do not match their SHA-256 (corrupt or from two attempts)`);
      continue;
    }
    let result: T;
    try {
      result = JSON.parse(gunzipSync(gz).toString('utf8'));
    } catch (err) {
      problems.push(`shard ${shard}/${count}: result is not gzip'd JSON (${(err as Error).message})`);
      continue;
    }
    if (result?.schema !== schema || result.index !== shard || result.count !== count) {
      problems.push(`shard ${shard}/${count}: result says shard ${String(result?.index)}/${String(result?.count)} (schema ${String(result?.schema)})`);
      continue;
    }
    results.set(shard, result);
  }
  return { results, problems };
}
