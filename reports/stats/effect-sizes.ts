// Effect sizes that go with the paired tests: Cohen's d for paired samples and the matched-pairs
// rank-biserial correlation (Kerby 2014) for Wilcoxon.
import { rankWithTies } from './ranks.ts';

/** Paired Cohen's d (a.k.a. d_z): mean(a − b) / sd(a − b) with ddof = 1, as the thesis computes it. */
export function cohensDPaired(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`cohensDPaired: samples differ in length (${a.length} vs ${b.length})`);
  if (a.length < 2) throw new RangeError(`cohensDPaired needs at least 2 pairs, got ${a.length}`);
  const d = a.map((x, i) => x - b[i]);
  const m = d.reduce((s, v) => s + v, 0) / d.length;
  const v = d.reduce((s, x) => s + (x - m) ** 2, 0) / (d.length - 1);
  if (v === 0) return m === 0 ? 0 : Math.sign(m) * Infinity;
  return m / Math.sqrt(v);
}

/**
 * Matched-pairs rank-biserial correlation r = (W+ − W−) / (W+ + W−) over the non-zero differences a − b
 * (Kerby 2014, "The simple difference formula"): +1 = every pair favours a, −1 = every pair favours b.
 */
export function rankBiserialPaired(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new RangeError(`rankBiserialPaired: samples differ in length (${a.length} vs ${b.length})`);
  for (const [name, v] of [["a", a], ["b", b]] as const) {
    const i = v.findIndex((x) => !Number.isFinite(x));
    if (i >= 0) throw new RangeError(`rankBiserialPaired: ${name}[${i}] is ${v[i]}, expected a finite number`);
  }
  for (const [name, v] of [['a', a], ['b', b]] as const) {
    const i = v.findIndex((x) => !Number.isFinite(x));
    if (i >= 0) throw new RangeError(`rankBiserialPaired: ${name}[${i}] is ${v[i]}, expected a finite number`);
  }
  const d = a.map((x, i) => x - b[i]).filter((v) => v !== 0);
  if (d.length === 0) return 0;
  const { ranks } = rankWithTies(d.map(Math.abs));
  let plus = 0;
  let minus = 0;
  d.forEach((v, i) => (v > 0 ? (plus += ranks[i]) : (minus += ranks[i])));
  return (plus - minus) / (plus + minus);
}
