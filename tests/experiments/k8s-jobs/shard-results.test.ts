import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { readShardResults, resultConfigMaps, SWEEP_RESULT_SCHEMA, type ShardResult } from '../../../experiments/k8s-jobs/shard-results.ts';
import { validateManifest } from '../../../stacks/manifests/validate-manifest.ts';

// Incompressible lines (a SHA-256 chain as hex, deterministic), so the payload really needs several parts.
let seed = 0;
const noise = (n: number) => {
  let out = '';
  while (out.length < n) out += createHash('sha256').update(String(seed++)).digest('hex');
  return out.slice(0, n);
};
const result: ShardResult = { schema: SWEEP_RESULT_SCHEMA, index: 1, count: 2, ok: true, lines: [0, 1, 2].map((cell) => ({ cell: cell * 2 + 1, line: noise(3000) })) };

test('shard results: a payload larger than a part is split into valid ConfigMaps and read back exactly', () => {
  const maps = resultConfigMaps('ns', result, 2000);
  assert.ok(maps.length >= 2, `${maps.length} parts`);
  for (const m of maps) validateManifest(m);
  assert.equal(maps.map((m) => m.metadata.name), maps.map((_, p) => `result-1-${p}`));
  const { results, problems } = readShardResults([...maps].reverse(), 2);
  assert.equal(problems, ['shard 0/2: no result (its pod did not write one)']);
  assert.equal(results.get(1), result);
});

test('shard results: a lost part or a part from another attempt is reported, never half-read', () => {
  const maps = resultConfigMaps('ns', result, 2000);
  assert.match(readShardResults(maps.slice(1), 2).problems[1], /^shard 1\/2: 0 of \d+ result parts present$/);
  const other = resultConfigMaps('ns', { ...result, lines: result.lines.slice(1) }, 2000);
  const mixed = [other[0], ...maps.slice(1)];
  assert.match(readShardResults(mixed, 2).problems.join('\n'), /shard 1\/2: (result parts do not match their SHA-256|\d+ of \d+ result parts present)/);
});

test('shard results: the default part size keeps every ConfigMap under the 1 MiB object limit', () => {
  const big: ShardResult = { ...result, lines: [{ cell: 1, line: noise(3_000_000) }] };
  const maps = resultConfigMaps('ns', big);
  assert.ok(maps.length >= 2);
  for (const m of maps) assert.ok(Buffer.byteLength(JSON.stringify(m)) < 1024 * 1024, `${m.metadata.name}: ${Buffer.byteLength(JSON.stringify(m))} bytes`);
  assert.equal(readShardResults(maps, 2).results.get(1), big);
});

