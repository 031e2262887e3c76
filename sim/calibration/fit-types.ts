// What calibration reports per parameter: an estimate with its uncertainty and the records it used, or why the
// records cannot identify it (then the plant keeps the default).

/** A parameter the records identify. */
export interface IdentifiedFit {
  identifiable: true;
  estimate: number;
  unit: string;
  /** 95 % percentile-bootstrap interval over runs; null with `error` saying why (e.g. a single run). */
  ci: [number, number] | null;
  error?: string;
  /** Runs (records) and minutes the estimate used. */
  recordsUsed: number;
  minutesUsed: number;
  /** How it was estimated, in one sentence. */
  method: string;
  /** Further numbers (diagnostics, bounds), named with units. */
  details?: Record<string, number | string | [number, number]>;
}

/** A parameter the records cannot identify. */
export interface UnidentifiedFit {
  identifiable: false;
  why: string;
  recordsUsed: 0;
}

export type ParamFit = IdentifiedFit | UnidentifiedFit;

/** Shared knobs of every fit. */
export interface FitOptions {
  /** Bootstrap draws over runs (default 2000). */
  resamples: number;
  /** Confidence level of the intervals (default 0.95). */
  confidence: number;
  /** Seed of the bootstrap's RNG. */
  seed: number;
}

export const defaultFitOptions: FitOptions = Object.freeze({ resamples: 2000, confidence: 0.95, seed: 1 });

/** The not-identifiable result. */
export function unidentified(why: string): UnidentifiedFit {
  return { identifiable: false, why, recordsUsed: 0 };
}
