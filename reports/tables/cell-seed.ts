// A stable per-cell seed so every cell's bootstrap is reproducible and independent of evaluation order.

/** FNV-1a style hash of `key` from `base`: the RNG seed of one table cell's bootstrap. */
export function cellSeed(key: string, base = 20240601): number {
  let h = base >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
