// Bayesian optimisation of bounded parameters (the reward weights across training runs): a Gaussian process with
// a Matérn 5/2 kernel on the unit cube, length scale chosen by marginal likelihood from a grid, and expected
// improvement maximised over seeded random candidates. Maximises the objective. Pure: randomness from the seed.
import { createRng, type Rng } from '../../lib/rng.ts';

/** Matérn 5/2 correlation at distance r with length scale ℓ: (1 + √5 r/ℓ + 5r²/3ℓ²)·exp(−√5 r/ℓ). */
export function matern52(r: number, lengthScale: number): number {
  const s = (Math.sqrt(5) * r) / lengthScale;
  return (1 + s + (s * s) / 3) * Math.exp(-s);
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 for erf, |error| < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
}

/** Expected improvement over `best` of a Gaussian N(mean, sd²) for maximisation, with exploration margin ξ. */
export function expectedImprovement(mean: number, sd: number, best: number, xi = 0): number {
  const gain = mean - best - xi;
  if (!(sd > 0)) return Math.max(0, gain);
  const z = gain / sd;
  return gain * normalCdf(z) + sd * normalPdf(z);
}

/** A fitted GP: posterior mean and standard deviation at a point of the unit cube (in objective units). */
export interface GaussianProcess {
  predict(x: number[]): { mean: number; sd: number };
  readonly lengthScale: number;
}

const dist = (a: number[], b: number[]) => Math.sqrt(a.reduce((s, ai, i) => s + (ai - b[i]) ** 2, 0));

function cholesky(a: number[][]): number[][] | null {
  const n = a.length;
  const l = a.map(() => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) {
        if (s <= 0) return null;
        l[i][i] = Math.sqrt(s);
      } else l[i][j] = s / l[j][j];
    }
  }
  return l;
}

const forward = (l: number[][], b: number[]) => {
  const y: number[] = [];
  for (let i = 0; i < b.length; i++) y.push((b[i] - l[i].slice(0, i).reduce((s, v, k) => s + v * y[k], 0)) / l[i][i]);
  return y;
};
const backward = (l: number[][], y: number[]) => {
  const n = y.length;
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= l[k][i] * x[k];
    x[i] = s / l[i][i];
  }
  return x;
};

/** Use to model an objective from observations on [0, 1]^d; targets are standardised internally. */
export function fitGaussianProcess(xs: number[][], ys: number[], noise = 1e-6, lengthScales = [0.1, 0.2, 0.3, 0.5, 0.8, 1.2]): GaussianProcess {
  const n = ys.length;
  const mu = ys.reduce((a, b) => a + b, 0) / n;
  const sdY = Math.sqrt(ys.reduce((a, y) => a + (y - mu) ** 2, 0) / n) || 1;
  const z = ys.map((y) => (y - mu) / sdY);
  let best: { ll: number; ell: number; l: number[][]; alpha: number[] } | null = null;
  for (const ell of lengthScales) {
    const k = xs.map((a, i) => xs.map((b, j) => matern52(dist(a, b), ell) + (i === j ? noise + 1e-9 : 0)));
    const l = cholesky(k);
    if (!l) continue;
    const alpha = backward(l, forward(l, z));
    const ll = -0.5 * z.reduce((s, zi, i) => s + zi * alpha[i], 0) - l.reduce((s, row, i) => s + Math.log(row[i]), 0);
    if (!best || ll > best.ll) best = { ll, ell, l, alpha };
  }
  if (!best) throw new Error('Gaussian process: no length scale gave a positive-definite kernel');
  const { ell, l, alpha } = best;
  return {
    lengthScale: ell,
    predict(x) {
      const ks = xs.map((a) => matern52(dist(a, x), ell));
      const mean = ks.reduce((s, kv, i) => s + kv * alpha[i], 0);
      const v = forward(l, ks);
      const variance = Math.max(0, 1 - v.reduce((s, vi) => s + vi * vi, 0));
      return { mean: mu + sdY * mean, sd: sdY * Math.sqrt(variance) };
    },
  };
}

/** A bounded search: [low, high] per parameter. */
export interface BayesOptOptions {
  bounds: [number, number][];
  seed: number;
  /** Random trials before the GP takes over. */
  initialRandom?: number;
  /** Random candidates scored by EI per suggestion. */
  candidates?: number;
  /** EI exploration margin, in objective units. */
  xi?: number;
}

/** Use to pick the next reward weights to try: suggest → run a trial → observe → … → best. */
export function createBayesOpt(o: BayesOptOptions) {
  const rng: Rng = createRng(o.seed);
  const d = o.bounds.length;
  const xs: number[][] = [];
  const ys: number[] = [];
  const toUnit = (x: number[]) => x.map((v, i) => (v - o.bounds[i][0]) / (o.bounds[i][1] - o.bounds[i][0]));
  const fromUnit = (u: number[]) => u.map((v, i) => o.bounds[i][0] + v * (o.bounds[i][1] - o.bounds[i][0]));
  const random = () => Array.from({ length: d }, () => rng.next());
  return {
    suggest(): number[] {
      if (xs.length < (o.initialRandom ?? 3)) return fromUnit(random());
      const gp = fitGaussianProcess(xs, ys);
      const best = Math.max(...ys);
      let top = random();
      let topEi = -1;
      const bestX = xs[ys.indexOf(best)];
      for (let k = 0; k < (o.candidates ?? 2000); k++) {
        // half global, half local around the incumbent
        const u = k % 2 === 0 ? random() : bestX.map((v) => Math.min(1, Math.max(0, v + 0.1 * rng.normal())));
        const p = gp.predict(u);
        const ei = expectedImprovement(p.mean, p.sd, best, o.xi ?? 0);
        if (ei > topEi) [top, topEi] = [u, ei];
      }
      return fromUnit(top);
    },
    observe(x: number[], y: number) {
      xs.push(toUnit(x));
      ys.push(y);
    },
    best(): { x: number[]; y: number } | null {
      if (ys.length === 0) return null;
      const i = ys.indexOf(Math.max(...ys));
      return { x: fromUnit(xs[i]), y: ys[i] };
    },
    get trials() {
      return ys.length;
    },
  };
}
