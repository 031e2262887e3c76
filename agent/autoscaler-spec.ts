// The types an autoscaler factory is written against: the spec an experiment file gives and the context it runs
// in. Kept apart from the registry so a factory module (e.g. agent/rl/register.ts) can use them without importing
// the registry that imports it.
import type { Autoscaler } from '../lib/ports.ts';

/** An autoscaler as an experiment file writes it: a unique display name, a registered type, its parameters. */
export interface AutoscalerSpec {
  /** Unique within an experiment; used in records and tables (e.g. `hpa-70`). */
  name: string;
  /** A registered type: `hpa`, `rule-based`, `thesis-threshold`, `kpa`, `predictive`, … */
  type: string;
  [param: string]: unknown;
}

/** What a factory gets besides the parameters. */
export interface AutoscalerContext {
  /** Directory that relative paths in the spec (e.g. a saved model) are resolved against. */
  baseDir?: string;
}

/** Builds one fresh autoscaler (autoscalers keep state, so every run needs its own). Throw AutoscalerSpecError on bad params. */
export type AutoscalerFactory = (spec: AutoscalerSpec, ctx: AutoscalerContext) => Autoscaler | Promise<Autoscaler>;
