// The autoscaler registry: turns a JSON spec `{ name, type, ...params }` from an experiment file into an
// Autoscaler. Built-in types are listed in `builtinFactories`; adding a type is one line there (or one
// `registerAutoscaler(type, factory)` call). Factories may be async (an RL agent loads its model first).
// Keep heavy dependencies out of this module's static imports (every simulator worker thread loads it): an RL
// type should import its module inside the factory, e.g.
//   dqn: async (s, ctx) => (await import('./rl/dqn-autoscaler.ts')).loadDqnAutoscaler(s, ctx),
import type { Autoscaler } from '../lib/ports.ts';
import { AutoscalerSpecError } from './baselines/params.ts';
import { createRuleBasedAutoscaler, parseRuleBasedConfig } from './baselines/rule-based.ts';
import { createThesisThresholdAutoscaler, parseThesisThresholdConfig } from './baselines/thesis-threshold.ts';
import { createThesisHpaAutoscaler, parseThesisHpaConfig } from './baselines/thesis-hpa.ts';
import { createKpaAutoscaler, parseKpaConfig } from './baselines/kpa.ts';
import { createPredictiveAutoscaler, parsePredictiveConfig } from './baselines/predictive.ts';
import { createHpaAutoscaler, defaultHpaConfig, HpaInputError, parseHpaConfig } from './hpa/index.ts';
import { createRlAutoscalerFromSpec, RL_AUTOSCALER_TYPES } from './rl/register.ts';
import type { AutoscalerFactory, AutoscalerSpec, AutoscalerContext } from './autoscaler-spec.ts';

/** The types that load a trained model (a folder under models/); re-exported for the stacks and the agent image. */
export { RL_AUTOSCALER_TYPES };

export type { AutoscalerContext, AutoscalerFactory, AutoscalerSpec } from './autoscaler-spec.ts';

const builtinFactories: Record<string, AutoscalerFactory> = {
  hpa: (s) => createHpaAutoscaler(hpaConfigFromSpec(s), s.name),
  'rule-based': (s) => createRuleBasedAutoscaler(parseRuleBasedConfig(s), s.name),
  'thesis-threshold': (s) => createThesisThresholdAutoscaler(parseThesisThresholdConfig(s), s.name),
  'thesis-hpa': (s) => createThesisHpaAutoscaler(parseThesisHpaConfig(s), s.name),
  kpa: (s) => createKpaAutoscaler(parseKpaConfig(s), s.name),
  predictive: (s) => createPredictiveAutoscaler(parsePredictiveConfig(s), s.name),
};

/** The HPA's own parser, plus a refusal of unknown keys (a typo must not silently fall back to a default). */
function hpaConfigFromSpec(spec: AutoscalerSpec) {
  const known = ['name', 'type', 'targetCpuUtilization', 'minReplicas', 'maxReplicas', ...Object.keys(defaultHpaConfig)];
  const bad = Object.keys(spec).find((k) => !known.includes(k));
  if (bad !== undefined) throw new AutoscalerSpecError(bad, spec[bad], `one of the known parameters: ${known.slice(2).join(', ')}`);
  try {
    return parseHpaConfig(spec);
  } catch (err) {
    if (!(err instanceof HpaInputError)) throw err;
    const field = err.field.replace(/^\./, '');
    throw new AutoscalerSpecError(field, undefined, err.message, { cause: err, message: `${field}: ${err.message.replace(/^invalid \S+: /, '')}` });
  }
}

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

// RL autoscalers (agent/rl): each type loads its trained model from models/<type>/model unless `model` says otherwise.
for (const type of RL_AUTOSCALER_TYPES) registerAutoscaler(type, createRlAutoscalerFromSpec);
