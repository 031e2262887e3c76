// The autoscaler registry: turns a JSON spec `{ name, type, ...params }` from an experiment file into an
// Autoscaler. Built-in types are listed in `builtinFactories`; adding a type is one line there (or one
// `registerAutoscaler(type, factory)` call). Factories may be async (an RL agent loads its model first).
import type { Autoscaler } from '../lib/ports.ts';
import { AutoscalerSpecError } from './baselines/params.ts';
import { createRuleBasedAutoscaler, parseRuleBasedConfig } from './baselines/rule-based.ts';
import { createThesisThresholdAutoscaler, parseThesisThresholdConfig } from './baselines/thesis-threshold.ts';
import { createKpaAutoscaler, parseKpaConfig } from './baselines/kpa.ts';
import { createPredictiveAutoscaler, parsePredictiveConfig } from './baselines/predictive.ts';

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

const builtinFactories: Record<string, AutoscalerFactory> = {
  'rule-based': (s) => createRuleBasedAutoscaler(parseRuleBasedConfig(s), s.name),
  'thesis-threshold': (s) => createThesisThresholdAutoscaler(parseThesisThresholdConfig(s), s.name),
  kpa: (s) => createKpaAutoscaler(parseKpaConfig(s), s.name),
  predictive: (s) => createPredictiveAutoscaler(parsePredictiveConfig(s), s.name),
};

const factories = new Map<string, AutoscalerFactory>(Object.entries(builtinFactories));

/** Adds (or replaces) an autoscaler type, e.g. `registerAutoscaler('dqn', loadDqnAutoscaler)`. */
export function registerAutoscaler(type: string, factory: AutoscalerFactory): void {
  if (typeof type !== 'string' || type.trim() === '') throw new AutoscalerSpecError('type', type, 'a non-empty string');
  factories.set(type, factory);
}

/** The registered types, sorted (for help text and error messages). */
export function autoscalerTypes(): string[] {
  return [...factories.keys()].sort();
}

/** Checks the shape of a spec (name, known type); the factory checks the parameters. */
export function parseAutoscalerSpec(value: unknown): AutoscalerSpec {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AutoscalerSpecError('autoscaler', value, 'an object { name, type, ...params }');
  }
  const spec = value as Record<string, unknown>;
  if (typeof spec.name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(spec.name)) {
    throw new AutoscalerSpecError('name', spec.name, 'a name of letters, digits, ".", "_" or "-" (e.g. "hpa-70")');
  }
  if (typeof spec.type !== 'string' || !factories.has(spec.type)) {
    throw new AutoscalerSpecError('type', spec.type, `one of ${autoscalerTypes().join(', ')}`);
  }
  return spec as AutoscalerSpec;
}

/** Use wherever a spec becomes a runnable autoscaler (runner, CLI, tests); errors name the field. */
export async function createAutoscaler(spec: unknown, ctx: AutoscalerContext = {}): Promise<Autoscaler> {
  const parsed = parseAutoscalerSpec(spec);
  const factory = factories.get(parsed.type)!;
  return await factory(parsed, ctx);
}
