// Run-level latency quantiles in bounded memory: a relative-error sketch (the DDSketch idea: logarithmic buckets
// whose width is a fixed fraction of their value). Every value in bucket i lies in (γ^(i-1), γ^i] with
// γ = (1+α)/(1-α); the bucket reports 2γ^i/(γ+1), within α of every value in it. Quantiles use k6's own definition
// (metrics TrendSink.P: rank r = q·(n−1), linear interpolation between the values at ⌊r⌋ and ⌈r⌉), applied to the
// two bucket estimates, so the answer is within a relative error α of what k6 itself would print for the same
// samples. Memory: one counter per bucket between 1 µs and 10^9 ms (≈ 3,460 at α = 0.5 %), whatever the count.

/** Relative accuracy of quantiles: |estimate − k6's exact value| ≤ α · exact (values in [1 µs, 10^9 ms]). */
export const SKETCH_RELATIVE_ACCURACY = 0.005;

const MIN_MS = 1e-3;
const MAX_MS = 1e9;

/** A mergeable quantile sketch of latencies (ms); values ≤ 1 µs count as 0, above 10^9 ms as 10^9 ms. */
export class LatencySketch {
  readonly alpha: number;
  private readonly logGamma: number;
  private readonly offset: number;
  private readonly counts: Float64Array;
  private zeros = 0;
  count = 0;
  sumMs = 0;
  minMs = Number.POSITIVE_INFINITY;
  maxMs = Number.NEGATIVE_INFINITY;

  constructor(alpha = SKETCH_RELATIVE_ACCURACY) {
    if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`alpha: got ${alpha}, expected 0 < alpha < 0.5`);
    this.alpha = alpha;
    this.logGamma = Math.log((1 + alpha) / (1 - alpha));
    this.offset = Math.ceil(Math.log(MIN_MS) / this.logGamma);
    this.counts = new Float64Array(Math.ceil(Math.log(MAX_MS) / this.logGamma) - this.offset + 1);
  }

  /** Adds one latency, ms (finite, ≥ 0; anything else is refused so a broken input cannot skew the result). */
  add(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`latency: got ${ms}, expected a finite number ≥ 0`);
    this.count++;
    this.sumMs += ms;
    if (ms < this.minMs) this.minMs = ms;
    if (ms > this.maxMs) this.maxMs = ms;
    if (ms <= MIN_MS) {
      this.zeros++;
      return;
    }
    const i = Math.ceil(Math.log(Math.min(ms, MAX_MS)) / this.logGamma) - this.offset;
    this.counts[Math.min(Math.max(i, 0), this.counts.length - 1)]++;
  }

  /** The value at 0-based rank `r` (0 … count−1) of the sorted samples, within α. */
  private atRank(r: number): number {
    if (r < this.zeros) return 0;
    let cum = this.zeros;
    for (let i = 0; i < this.counts.length; i++) {
      cum += this.counts[i];
      if (cum > r) {
        const gamma = Math.exp(this.logGamma);
        return (2 * Math.exp((i + this.offset) * this.logGamma)) / (gamma + 1);
      }
    }
    return this.maxMs;
  }

  /** k6's p(q·100) of the added values, within α; NaN when empty. Exact min at q = 0, exact max at q = 1. */
  quantile(q: number): number {
    if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile: got ${q}, expected 0 … 1`);
    if (this.count === 0) return Number.NaN;
    const r = q * (this.count - 1);
    const lo = Math.floor(r);
    const hi = Math.ceil(r);
    const clamp = (v: number) => Math.min(this.maxMs, Math.max(this.minMs, v));
    const a = lo === 0 ? this.minMs : lo === this.count - 1 ? this.maxMs : clamp(this.atRank(lo));
    const b = hi === 0 ? this.minMs : hi === this.count - 1 ? this.maxMs : clamp(this.atRank(hi));
    return a + (b - a) * (r - lo);
  }

  /** Mean of the added values, ms (exact); NaN when empty. */
  meanMs(): number {
    return this.count === 0 ? Number.NaN : this.sumMs / this.count;
  }
}
