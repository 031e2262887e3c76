// NumPy's legacy `numpy.random.RandomState` (MT19937), bit for bit: use it wherever a result must match Python
// code that drew from `np.random.RandomState(seed)` (the thesis's n=30 traces). For simulator noise use `createRng`.

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** Smallest all-ones bit mask covering `max` (NumPy's `gen_mask`), for masked rejection sampling. */
function genMask(max: number): number {
  let mask = max >>> 0;
  mask |= mask >>> 1;
  mask |= mask >>> 2;
  mask |= mask >>> 4;
  mask |= mask >>> 8;
  mask |= mask >>> 16;
  return mask >>> 0;
}

function requireInteger(field: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`RandomState ${field} must be an integer in [${min}, ${max}], got ${value}`);
  }
}

/** A NumPy-legacy-compatible random stream: same integer seed → the same numbers as `np.random.RandomState(seed)`. */
export class RandomState {
  private readonly mt = new Uint32Array(N);
  private index = N;
  private gauss = 0;
  private hasGauss = false;

  /** `seed` is an integer in [0, 2³² − 1], seeded as NumPy does for an int (MT19937 `init_genrand`). */
  constructor(seed: number) {
    requireInteger('seed', seed, 0, 0xffffffff);
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.index = N;
  }

  private generate(): void {
    const mt = this.mt;
    let kk = 0;
    let y: number;
    for (; kk < N - M; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + M] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; kk < N - 1; kk++) {
      y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
      mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
    mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.index = 0;
  }

  /** The next raw 32-bit output of MT19937 (an unsigned integer). */
  nextUint32(): number {
    if (this.index >= N) this.generate();
    let y = this.mt[this.index++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** `random_sample()`: a double in [0, 1) with 53 random bits built from two 32-bit draws. */
  randomSample(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }

  /** `uniform(low, high)`: low + (high − low) · random_sample(), in NumPy's operation order. */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.randomSample();
  }

  /** `randint(low, high)`: an integer in [low, high) by NumPy's legacy masked rejection on 32-bit draws. */
  randint(low: number, high: number): number {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || high <= low) {
      throw new RangeError(`RandomState randint needs integers low < high, got low=${low}, high=${high}`);
    }
    const range = high - low - 1;
    if (range === 0) return low;
    if (range > 0xffffffff) {
      throw new RangeError(`RandomState randint supports ranges up to 2^32, got high - low = ${high - low}`);
    }
    if (range === 0xffffffff) return low + this.nextUint32();
    const mask = genMask(range);
    let value: number;
    do {
      value = (this.nextUint32() & mask) >>> 0;
    } while (value > range);
    return low + value;
  }

  /** A standard normal by the legacy polar (Marsaglia) method; every second call returns the cached partner. */
  standardNormal(): number {
    if (this.hasGauss) {
      this.hasGauss = false;
      const cached = this.gauss;
      this.gauss = 0;
      return cached;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2.0 * this.randomSample() - 1.0;
      x2 = 2.0 * this.randomSample() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 === 0.0);
    const f = Math.sqrt((-2.0 * Math.log(r2)) / r2);
    this.gauss = f * x1;
    this.hasGauss = true;
    return f * x2;
  }

  /** `normal(loc, scale)`: loc + scale · standard normal, as NumPy's legacy generator computes it. */
  normal(loc: number, scale: number): number {
    return loc + scale * this.standardNormal();
  }

  /** `random_sample(size)` as a Float64Array. */
  randomSampleArray(size: number): Float64Array {
    requireInteger('size', size, 0, Number.MAX_SAFE_INTEGER);
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = this.randomSample();
    return out;
  }

  /** `uniform(low, high, size)` as a Float64Array. */
  uniformArray(low: number, high: number, size: number): Float64Array {
    requireInteger('size', size, 0, Number.MAX_SAFE_INTEGER);
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = this.uniform(low, high);
    return out;
  }

  /** `randint(low, high, size)` as a plain array (values may exceed the Int32 range). */
  randintArray(low: number, high: number, size: number): number[] {
    requireInteger('size', size, 0, Number.MAX_SAFE_INTEGER);
    const out: number[] = new Array(size);
    for (let i = 0; i < size; i++) out[i] = this.randint(low, high);
    return out;
  }

  /** `normal(loc, scale, size)` as a Float64Array. */
  normalArray(loc: number, scale: number, size: number): Float64Array {
    requireInteger('size', size, 0, Number.MAX_SAFE_INTEGER);
    const out = new Float64Array(size);
    for (let i = 0; i < size; i++) out[i] = this.normal(loc, scale);
    return out;
  }
}
