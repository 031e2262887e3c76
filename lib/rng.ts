// A fast, seeded pseudo-random generator for the simulator (sfc32, seeded through splitmix32).
// Pure code takes an `Rng` as an argument instead of calling Math.random.

/** The random source every pure module receives. Same seed → same sequence. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number;
  /** Standard normal (mean 0, sd 1). */
  normal(): number;
  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate: number): number;
  /** Poisson-distributed count with the given mean. */
  poisson(mean: number): number;
  /** An independent generator derived from this seed and a stream number (for per-pod or per-worker streams). */
  fork(stream: number): Rng;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** Creates a generator from an integer seed (any safe integer; the high bits are mixed in). */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`rng seed must be a finite number, got ${seed}`);
  const hi = Math.floor(seed / 0x100000000) >>> 0;
  const mix = splitmix32((seed >>> 0) ^ Math.imul(hi, 0x27d4eb2d));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix() | 1;
  const nextUint32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) nextUint32();

  let spare: number | undefined;
  const rng: Rng = {
    next: () => nextUint32() / 0x100000000,
    int(lo, hi) {
      if (hi < lo) throw new RangeError(`rng.int: hi (${hi}) < lo (${lo})`);
      return lo + Math.floor(rng.next() * (hi - lo + 1));
    },
    normal() {
      if (spare !== undefined) {
        const s = spare;
        spare = undefined;
        return s;
      }
      let u: number;
      let v: number;
      let r2: number;
      do {
        u = 2 * rng.next() - 1;
        v = 2 * rng.next() - 1;
        r2 = u * u + v * v;
      } while (r2 >= 1 || r2 === 0);
      const f = Math.sqrt((-2 * Math.log(r2)) / r2);
      spare = v * f;
      return u * f;
    },
    exponential(rate) {
      return -Math.log(1 - rng.next()) / rate;
    },
    poisson(mean) {
      if (!(mean > 0)) return 0;
      if (mean < 30) {
        // Knuth: multiply uniforms until the product drops below e^-mean.
        const limit = Math.exp(-mean);
        let k = 0;
        let p = rng.next();
        while (p > limit) {
          k++;
          p *= rng.next();
        }
        return k;
      }
      // Large means: normal approximation with continuity correction, floored at 0.
      return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
    },
    fork(stream) {
      return createRng(((seed >>> 0) ^ Math.imul(stream + 1, 0x9e3779b1)) + hi * 0x100000000 + stream * 7919);
    },
  };
  return rng;
}
