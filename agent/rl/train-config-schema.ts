// The schema of a training configuration file, derived from the defaults themselves: every field of the default
// config is a field of the schema, with the type of its default and the range and limit of its name (below).
// So a field an agent adds to its defaults is accepted, typed and bounded without touching this file, and the
// published JSON Schema (schemas/train-config.schema.json) follows. Cross-field rules stay in train-config.ts.
import { z } from 'zod';
import { num, strictObject, type NumberBounds } from '../../lib/schema.ts';
import { plantConfigShape } from '../../sim/plant-config-schema.ts';
import { isThesisScenarioName, THESIS_SCENARIO_NAMES } from '../../workloads/index.ts';
import { ACTION_SET_NAMES } from './actions.ts';
import { REWARD_VARIANTS } from './reward.ts';

type Range = { min?: number; max?: number; integer?: boolean; exclusiveMin?: boolean };
const unit: Range = { min: 0, max: 1 };
const posInt: Range = { min: 1, integer: true };
const pos: Range = { min: 0, exclusiveMin: true };

/** What a value of each field name means (a fraction, a count, …), whatever object it is in. */
export const TRAIN_RANGES: Record<string, Range> = {
  gamma: unit, gaeLambda: unit, epsilonStart: unit, epsilonEnd: unit, explorationFraction: unit, delta: unit, clipCoef: pos,
  learningRate: pos, batchSize: posInt, bufferSize: posInt, learningStarts: { min: 0, integer: true }, trainFrequency: posInt,
  targetUpdateInterval: posInt, rolloutSteps: posInt, epochs: posInt, minibatchSize: posInt, ppoPeriod: posInt,
  decisionPeriodSeconds: pos, durationSeconds: pos, checkpointEverySteps: posInt, evalEpisodes: { min: 0, max: 1000, integer: true },
  historyDecisions: posInt, trendDecisions: posInt, floorUtilization: pos, lambdaMax: { min: 0 }, huberDelta: pos,
  hiddenUnits: posInt, baseRps: { min: 0 }, peakRps: { min: 0 }, noiseRelativeSd: { min: 0 },
};

/** Upper limits at the door, so no configuration allocates or loops without end (issue 16: `hiddenUnits: [1e8]`).
 * Each is far above what the lab trains with (64-unit layers, 20,000-transition buffers, 30-minute episodes). */
export const TRAIN_LIMITS = {
  /** Units per hidden layer. */
  hiddenUnits: 4096,
  /** Hidden layers per network. */
  maxLayers: 8,
  /** Replay buffer, transitions. */
  bufferSize: 1_000_000,
  /** Batch and minibatch sizes, rollout steps, PPO period, train frequency. */
  batchSize: 65_536, minibatchSize: 65_536, rolloutSteps: 1_000_000, ppoPeriod: 1_000_000, trainFrequency: 1_000_000,
  /** Step counts. */
  learningStarts: 100_000_000, targetUpdateInterval: 100_000_000, checkpointEverySteps: 1_000_000_000,
  /** PPO epochs per update. */
  epochs: 1000,
  /** `train --steps` and `tune-reward --steps` (days of training at the measured rates). */
  totalSteps: 1_000_000_000,
  /** `tune-reward --trials` (the Gaussian process costs trials³). */
  trials: 10_000,
  /** Episode length and decision period, seconds (one week, one hour). */
  durationSeconds: 604_800, decisionPeriodSeconds: 3600,
  /** Observation windows, decisions. */
  historyDecisions: 10_000, trendDecisions: 10_000,
  /** Episode rates, requests/s. */
  baseRps: 10_000_000, peakRps: 10_000_000,
  /** Any other number, in magnitude. */
  anyNumber: 1e9,
  /** Any list's length. */
  listLength: 100,
} as const;

function numberSchema(key: string): z.ZodNumber {
  const r = TRAIN_RANGES[key] ?? {};
  const cap = (TRAIN_LIMITS as Record<string, number>)[key] ?? (r.max === undefined ? TRAIN_LIMITS.anyNumber : undefined);
  const kind = r.integer ? 'an integer' : 'a number';
  let words =
    r.min !== undefined && r.max !== undefined ? `${kind} in [${r.min}, ${r.max}]`
    : r.min !== undefined ? `${kind} ${r.exclusiveMin ? '>' : '≥'} ${r.min}`
    : kind;
  if (cap !== undefined) words += r.min !== undefined ? ` and ≤ ${cap}` : ` of magnitude ≤ ${cap}`;
  const bounds: NumberBounds = { ...r, min: r.min ?? (cap !== undefined ? -cap : undefined), max: r.max ?? cap };
  return num(bounds, words);
}

const arrayWords = (n: number) => `a non-empty array of at most ${n} items`;

/** The schema of overrides for `defaults` (every field optional, no unknown ones), named by `key`. */
function schemaFor(key: string, d: unknown): z.ZodType {
  if (key === 'plant') return strictObject(plantConfigShape, 'an object').partial();
  if (key === 'actionSet') return z.enum(ACTION_SET_NAMES as unknown as [string, ...string[]], { error: `one of ${ACTION_SET_NAMES.join(', ')}` });
  if (key === 'scenarios') {
    // Names as isThesisScenarioName accepts them (the thesis's own spellings such as "Sudden Spike" too).
    const name = z.string({ error: `one of ${THESIS_SCENARIO_NAMES.join(', ')}` }).refine(isThesisScenarioName, { error: `one of ${THESIS_SCENARIO_NAMES.join(', ')}` })
      .meta({ description: `A thesis scenario: ${THESIS_SCENARIO_NAMES.join(', ')}.` });
    return z.array(name, { error: arrayWords(TRAIN_LIMITS.listLength) }).min(1, { error: arrayWords(TRAIN_LIMITS.listLength) }).max(TRAIN_LIMITS.listLength, { error: arrayWords(TRAIN_LIMITS.listLength) });
  }
  if (typeof d === 'number') return numberSchema(key);
  if (typeof d === 'boolean') return z.boolean({ error: 'true or false' });
  if (typeof d === 'string') return z.string({ error: 'a string' });
  if (Array.isArray(d)) {
    const max = key === 'hiddenUnits' ? TRAIN_LIMITS.maxLayers : TRAIN_LIMITS.listLength;
    const item = typeof d[0] === 'string' ? z.string({ error: 'a string' }) : numberSchema(key);
    return z.array(item, { error: arrayWords(max) }).min(1, { error: arrayWords(max) }).max(max, { error: arrayWords(max) });
  }
  if (d !== null && typeof d === 'object') return objectSchema(d as Record<string, unknown>);
  return z.unknown();
}

function objectSchema(defaults: Record<string, unknown>) {
  return strictObject(Object.fromEntries(Object.entries(defaults).map(([k, v]) => [k, schemaFor(k, v).optional()])), 'an object');
}

/** The schema of a training configuration file, built from the default config (its `env.reward` and the rest). */
export function trainConfigSchemaFrom(defaults: Record<string, unknown>) {
  const { rewardVariant: _variant, ...rest } = defaults;
  return strictObject({
    ...objectSchema(rest).shape,
    rewardVariant: z.enum(Object.keys(REWARD_VARIANTS) as [string, ...string[]], { error: `one of ${Object.keys(REWARD_VARIANTS).join(', ')}` }).optional(),
  }, 'a JSON object').meta({ title: 'scalelab training configuration', description: 'Overrides of the training defaults (`scalelab train --config FILE`); every field optional.' });
}
