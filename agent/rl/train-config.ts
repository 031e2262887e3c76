// The training configuration (`scalelab train --config FILE`): defaults for every field, and validation that
// names the field, the value and what was expected — before any training starts. The per-field rules are the
// schema derived from the defaults (train-config-schema.ts); the cross-field rules are here.
import { ACTION_SET_NAMES, type ActionSetName } from './actions.ts';
import { defaultConstraintConfig, type ConstraintConfig } from './constrained.ts';
import { defaultDqnConfig, type DqnConfig } from './dqn.ts';
import { defaultEnvConfig, type EnvConfig } from './env.ts';
import { defaultHybridConfig, type HybridConfig } from './hybrid.ts';
import { defaultPpoConfig, type PpoConfig } from './ppo.ts';
import { defaultRewardConfig, REWARD_VARIANTS } from './reward.ts';
import { PlantConfigError, validatePlantConfig } from '../../sim/validate-plant-config.ts';
import { isThesisScenarioName, THESIS_SCENARIO_NAMES } from '../../workloads/index.ts';
import { checkSchema } from '../../lib/schema.ts';
import { trainConfigSchemaFrom } from './train-config-schema.ts';

/** Everything `scalelab train` can be told; every field optional in the file. */
export interface TrainConfig {
  env: EnvConfig;
  /** Name of the reward variant the weights started from (default, weak-sla, balanced). */
  rewardVariant: string;
  dqn: DqnConfig;
  ppo: PpoConfig;
  hybrid: HybridConfig;
  constraint: ConstraintConfig;
  /** Save a resumable checkpoint every this many env steps. */
  checkpointEverySteps: number;
  /** Evaluation episodes after training (evaluation seeds 1, 2, …). */
  evalEpisodes: number;
}

/** Bad training configuration: names the field, the value and the expectation. */
export class TrainConfigError extends Error {
  readonly field: string;
  readonly value: unknown;
  readonly expected: string;
  constructor(field: string, value: unknown, expected: string) {
    super(`${field} = ${JSON.stringify(value)}: expected ${expected}`);
    this.name = 'TrainConfigError';
    this.field = field;
    this.value = value;
    this.expected = expected;
  }
}

/** Default top-level values the file may override (the schema is derived from these). */
function defaultsForSchema(): Record<string, unknown> {
  return {
    env: { ...defaultEnvConfig, reward: defaultRewardConfig },
    rewardVariant: 'default',
    dqn: defaultDqnConfig,
    ppo: defaultPpoConfig,
    hybrid: defaultHybridConfig,
    constraint: defaultConstraintConfig,
    checkpointEverySteps: 5000,
    evalEpisodes: 6,
  };
}

let schema: ReturnType<typeof trainConfigSchemaFrom> | undefined;

/** The schema of a training configuration file (also published as schemas/train-config.schema.json). */
export function trainConfigSchema(): ReturnType<typeof trainConfigSchemaFrom> {
  schema ??= trainConfigSchemaFrom(defaultsForSchema());
  return schema;
}

function checkNumber(path: string, key: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new TrainConfigError(path, v, 'a number');
  return v;
}

/** Merges `value` over `defaults` recursively, checking every key's type and range. */
function merge<T>(path: string, defaults: T, value: unknown): T {
  if (value === undefined) return defaults;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new TrainConfigError(path, value, 'an object');
  const out: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, v] of Object.entries(value)) {
    const p = `${path}.${key}`;
    if (!(key in out)) throw new TrainConfigError(p, v, `no such field (fields: ${Object.keys(out).join(', ')})`);
    const d = out[key];
    if (typeof d === 'number') out[key] = checkNumber(p, key, v);
    else if (typeof d === 'boolean') {
      if (typeof v !== 'boolean') throw new TrainConfigError(p, v, 'true or false');
      out[key] = v;
    } else if (typeof d === 'string') {
      if (typeof v !== 'string') throw new TrainConfigError(p, v, 'a string');
      out[key] = v;
    } else if (Array.isArray(d)) {
      if (!Array.isArray(v) || v.length === 0) throw new TrainConfigError(p, v, 'a non-empty array');
      out[key] = v.map((x, i) => (typeof d[0] === 'string' ? (typeof x === 'string' ? x : (() => { throw new TrainConfigError(`${p}[${i}]`, x, 'a string'); })()) : checkNumber(`${p}[${i}]`, key, x)));
    } else if (d === null || typeof d === 'object') {
      out[key] = v === null ? null : merge(p, d ?? {}, v);
    }
  }
  return out as T;
}

/** Cross-field checks of the environment, so a bad episode or plant setting fails here and not mid-training. */
function checkEnv(env: EnvConfig): void {
  const e = env.episodes;
  for (const key of ['baseRps', 'peakRps', 'noiseRelativeSd'] as const) {
    const r = e[key];
    if (r.length !== 2 || r[0] > r[1]) throw new TrainConfigError(`config.env.episodes.${key}`, r, 'a range [min, max] with min ≤ max');
  }
  e.scenarios.forEach((name, i) => {
    if (typeof name !== 'string' || !isThesisScenarioName(name)) throw new TrainConfigError(`config.env.episodes.scenarios[${i}]`, name, `one of ${THESIS_SCENARIO_NAMES.join(', ')}`);
  });
  if (env.decisionPeriodSeconds > e.durationSeconds) throw new TrainConfigError('config.env.decisionPeriodSeconds', env.decisionPeriodSeconds, `≤ config.env.episodes.durationSeconds (${e.durationSeconds})`);
  try {
    validatePlantConfig(env.plant);
  } catch (err) {
    if (!(err instanceof PlantConfigError)) throw err;
    throw new TrainConfigError(`config.env.plant.${err.field}`, err.value, err.expected);
  }
}

/** Use on a parsed config file (or `{}`): the full config with defaults, or a TrainConfigError. */
export function parseTrainConfig(value: unknown): TrainConfig {
  if (value === undefined) value = {};
  const checked = checkSchema(trainConfigSchema(), value, 'config');
  if (!checked.ok) throw new TrainConfigError(checked.problem.field, checked.problem.value, checked.problem.statement ?? checked.problem.expected);
  const v = value as Record<string, unknown>;
  const variant = (v.rewardVariant ?? 'default') as string;
  const envBase: EnvConfig = { ...defaultEnvConfig, reward: { ...defaultRewardConfig, ...REWARD_VARIANTS[variant] } };
  const env = merge('config.env', envBase, v.env);
  if (!ACTION_SET_NAMES.includes(env.actionSet as ActionSetName)) throw new TrainConfigError('config.env.actionSet', env.actionSet, `one of ${ACTION_SET_NAMES.join(', ')}`);
  checkEnv(env);
  const hybrid = merge('config.hybrid', defaultHybridConfig, v.hybrid);
  const constraint = merge('config.constraint', defaultConstraintConfig, v.constraint);
  if (constraint.lambdaInitial > constraint.lambdaMax) throw new TrainConfigError('config.constraint.lambdaInitial', constraint.lambdaInitial, `≤ lambdaMax (${constraint.lambdaMax})`);
  const dqn = merge('config.dqn', defaultDqnConfig, v.dqn);
  const ppo = merge('config.ppo', defaultPpoConfig, v.ppo);
  return {
    env,
    rewardVariant: variant,
    dqn,
    ppo,
    hybrid,
    constraint,
    checkpointEverySteps: v.checkpointEverySteps === undefined ? 5000 : checkNumber('config.checkpointEverySteps', 'checkpointEverySteps', v.checkpointEverySteps),
    evalEpisodes: v.evalEpisodes === undefined ? 6 : checkNumber('config.evalEpisodes', 'evalEpisodes', v.evalEpisodes),
  };
}
