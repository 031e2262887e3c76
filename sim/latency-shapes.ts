// Tabulated per-tick latency distributions, so the plant describes a tick's latencies with a cached shape and
// the consumers do one multiply-add per touched bucket (the simulator's hot path).
//
// Stable regime (M/M/c): Erlang C and the SLA tail fraction are tabulated on a grid of ρ = λ/(cμ) with 4096 steps
// per server count and interpolated linearly (relative error < 1e-6 away from ρ → 1); the histogram shape is the
// exact M/M/c sojourn distribution at the nearest grid point (ρ off by at most 1/8192, far below bucket width).
// Saturated regime: fixed delay + Exp(μ), exact up to the start offset inside its bucket (quantized to 1/256).
import { LATENCY_BOUNDS_MS, createLatencyCounts, latencyBucketIndex } from './latency-histogram.ts';
import { addSojournToHistogram, erlangC, sojournSurvival } from './queueing.ts';

const GRID = 4096;
const OFFSETS = 256;
const BOUNDS = LATENCY_BOUNDS_MS;
const FINITE = BOUNDS.length;

/** A normalized latency distribution over buckets `from + i` (fractions sum to 1). Shared; never mutate. */
export interface LatencyShape {
  readonly from: number;
  readonly fractions: Float64Array;
}

/** The empty distribution (nothing succeeded). */
export const EMPTY_SHAPE: LatencyShape = Object.freeze({ from: 0, fractions: new Float64Array(0) });

interface ServerTable {
  pWait: Float64Array;
  slow: Float64Array;
  shapes: (LatencyShape | undefined)[];
}

/** Result slot of `LatencyShapes.stable`, reused by the caller to avoid allocation per tick. */
export interface StableLookup {
  pWait: number;
  slowFraction: number;
  shape: LatencyShape;
}

/** The latency shapes of one plant (service rate μ, fixed delay, SLA). */
export interface LatencyShapes {
  /**
   * Looks up c Ready pods at utilization ρ < 1 and fills `out`: Erlang C probability of waiting, the fraction of
   * requests slower than the SLA (timeouts included) and the M/M/c sojourn-time shape.
   */
  stable(c: number, rho: number, out: StableLookup): void;
  /** The shape of fixed delay + extraWaitMs + Exp(μ). */
  shifted(extraWaitMs: number): LatencyShape;
  /** Fraction of fixed delay + extraWaitMs + Exp(μ) above the SLA. */
  shiftedSlowFraction(extraWaitMs: number): number;
}

// Tables depend only on (μ, fixed delay, SLA) and every entry is a pure function of its key, so plants with the
// same service share them (runners and RL environments create many plants); the few most recent are kept.
const shared = new Map<string, LatencyShapes>();
const SHARED_MAX = 8;

/** Use one per plant; tables fill lazily as runs visit new (pods, utilization) pairs and are shared between plants. */
export function createLatencyShapes(serviceRate: number, fixedMs: number, slaMs: number): LatencyShapes {
  const key = `${serviceRate}|${fixedMs}|${slaMs}`;
  let shapes = shared.get(key);
  if (shapes === undefined) {
    shapes = buildLatencyShapes(serviceRate, fixedMs, slaMs);
    if (shared.size >= SHARED_MAX) shared.delete(shared.keys().next().value as string);
    shared.set(key, shapes);
  }
  return shapes;
}

function buildLatencyShapes(serviceRate: number, fixedMs: number, slaMs: number): LatencyShapes {
  const mu = serviceRate;
  const tables: (ServerTable | undefined)[] = [];
  const shiftedShapes: (LatencyShape | undefined)[] = [];
  const scratch = createLatencyCounts();
  const range = new Int32Array(2);

  function table(c: number): ServerTable {
    let t = tables[c];
    if (t === undefined) {
      t = {
        pWait: new Float64Array(GRID + 1).fill(NaN),
        slow: new Float64Array(GRID + 1).fill(NaN),
        shapes: new Array<LatencyShape | undefined>(GRID + 1).fill(undefined),
      };
      tables[c] = t;
    }
    return t;
  }

  function point(t: ServerTable, c: number, k: number): void {
    const rho = k / GRID;
    const p = k === GRID ? 1 : erlangC(c, c * rho);
    t.pWait[k] = p;
    t.slow[k] = sojournSurvival((slaMs - fixedMs) / 1000, mu, p, c * mu * (1 - rho));
  }

  function capture(startMs: number, pWait: number, waitRate: number): LatencyShape {
    scratch.fill(0);
    addSojournToHistogram(scratch, range, 1, startMs, mu, pWait, waitRate);
    return Object.freeze({ from: range[0], fractions: scratch.slice(range[0], range[1]) });
  }

  return {
    stable(c, rho, out) {
      const t = table(c);
      const x = rho * GRID;
      const k = Math.min(GRID - 1, Math.floor(x));
      const f = x - k;
      if (Number.isNaN(t.pWait[k])) point(t, c, k);
      if (Number.isNaN(t.pWait[k + 1])) point(t, c, k + 1);
      const p = t.pWait;
      const sl = t.slow;
      out.pWait = p[k] + (p[k + 1] - p[k]) * f;
      out.slowFraction = sl[k] + (sl[k + 1] - sl[k]) * f;
      const near = f < 0.5 || k + 1 === GRID ? k : k + 1;
      let shape = t.shapes[near];
      if (shape === undefined) {
        shape = capture(fixedMs, p[near], c * mu * (1 - near / GRID));
        t.shapes[near] = shape;
      }
      out.shape = shape;
    },
    shifted(extraWaitMs) {
      const startMs = fixedMs + extraWaitMs;
      const j = latencyBucketIndex(startMs);
      if (j >= FINITE) return capture(startMs, 0, 0);
      const lo = j === 0 ? 0 : BOUNDS[j - 1];
      const q = Math.min(OFFSETS - 1, Math.max(0, Math.round(((startMs - lo) / (BOUNDS[j] - lo)) * (OFFSETS - 1))));
      const key = j * OFFSETS + q;
      let shape = shiftedShapes[key];
      if (shape === undefined) {
        shape = capture(lo + ((BOUNDS[j] - lo) * q) / (OFFSETS - 1), 0, 0);
        shiftedShapes[key] = shape;
      }
      return shape;
    },
    shiftedSlowFraction(extraWaitMs) {
      const startMs = fixedMs + extraWaitMs;
      return slaMs <= startMs ? 1 : Math.exp((-mu * (slaMs - startMs)) / 1000);
    },
  };
}
