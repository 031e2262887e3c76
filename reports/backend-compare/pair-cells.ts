// The same cells run on two backends (e.g. `--backend emulated` and `--backend sim` of one experiment), paired by
// scenario, autoscaler and seed. A pair counts only when both runs had the same configuration (the record's
// config hash): otherwise they are not the same cell and the comparison names them instead of comparing.
import type { RunRecord } from '../../lib/ports.ts';

/** One cell on both backends. */
export interface CellPair {
  key: string;
  a: RunRecord;
  b: RunRecord;
}

/** The pairs, and what could not be paired (one line each). */
export interface Pairing {
  pairs: CellPair[];
  unpaired: string[];
}

const cellKey = (r: RunRecord) => `${r.scenario}/${r.autoscaler}/${r.seed}`;
const hashOf = (r: RunRecord) => String((r.config as { hash?: unknown } | undefined)?.hash ?? '');

/** Use on two records files' records: pairs in A's order; a cell present twice in one file keeps its last record. */
export function pairCells(a: readonly RunRecord[], b: readonly RunRecord[], names: { a: string; b: string }): Pairing {
  const byKey = new Map(b.map((r) => [cellKey(r), r]));
  const pairs: CellPair[] = [];
  const unpaired: string[] = [];
  const seen = new Set<string>();
  for (const ra of new Map(a.map((r) => [cellKey(r), r])).values()) {
    const key = cellKey(ra);
    seen.add(key);
    const rb = byKey.get(key);
    if (!rb) unpaired.push(`${key}: only in ${names.a}`);
    else if (hashOf(ra) !== hashOf(rb)) unpaired.push(`${key}: another configuration in each (config hash ${hashOf(ra) || 'none'} in ${names.a}, ${hashOf(rb) || 'none'} in ${names.b})`);
    else pairs.push({ key, a: ra, b: rb });
  }
  for (const key of byKey.keys()) if (!seen.has(key)) unpaired.push(`${key}: only in ${names.b}`);
  return { pairs, unpaired };
}
