// Experiments as data: the schema of an experiment file and its validation. Every error is a UserError naming
// the field path (e.g. `scenarios[2].workload.peakRps`), the value received and what was expected.
import { defaultPlantConfig, type PlantConfig } from '../sim/config.ts';
import { PlantConfigError, validatePlantConfig } from '../sim/validate-plant-config.ts';
import { buildWorkload, WorkloadSpecError, type TraceLoader, type WorkloadSpec } from '../workloads/index.ts';
import { createAutoscaler, type AutoscalerSpec } from '../agent/registry.ts';
import { AutoscalerSpecError } from '../agent/baselines/params.ts';
import { showValue } from '../lib/show-value.ts';
import { UserError } from '../lib/errors.ts';

/** One workload the experiment runs every autoscaler on. */
export interface ScenarioDef {
  /** Unique within the experiment; used in records and tables. */
  name: string;
  workload: WorkloadSpec;
  /** Plant overrides for this scenario only (over the experiment's). */
  plant?: Partial<PlantConfig>;
  /** Simulated seconds; default the workload's duration. */
  durationSeconds?: number;
}

/** An experiment file: scenarios × autoscalers × seeds on one plant configuration. */
export interface ExperimentDef {
  /** Names the output directory and every record, letters/digits/`-`/`_`/`.`. */
  name: string;
  description?: string;
  /** Integer seeds; each cell runs once per seed (plant start-up times, arrivals, workload noise). */
  seeds: number[];
  /** Overrides of `defaultPlantConfig` (sim/config.ts) for every scenario. */
  plant?: Partial<PlantConfig>;
  scenarios: ScenarioDef[];
  autoscalers: AutoscalerSpec[];
}

const TOP_FIELDS = ['name', 'description', 'seeds', 'plant', 'scenarios', 'autoscalers', '$schema'];
const SCENARIO_FIELDS = ['name', 'workload', 'plant', 'durationSeconds'];
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Thrown shape of every validation error: `experiment <source>: <field>: got <value>, expected <what>`. */
export function experimentError(source: string, field: string, value: unknown, expected: string, cause?: unknown): UserError {
  return new UserError(`experiment ${source}: ${field}: got ${showValue(value)}, expected ${expected}`, { cause });
}

/** Options for validation: where relative trace paths resolve and what the experiment is called in messages. */
export interface ParseExperimentOptions {
  source: string;
  loadTrace?: TraceLoader;
  /** Directory relative paths in autoscaler specs resolve against. */
  baseDir?: string;
}

/** Use on any parsed experiment JSON before running it: checks every field, builds every workload and autoscaler once. */
export async function parseExperiment(value: unknown, o: ParseExperimentOptions): Promise<ExperimentDef> {
  const fail = (field: string, v: unknown, expected: string, cause?: unknown) => experimentError(o.source, field, v, expected, cause);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw fail('(top level)', value, 'a JSON object');
  const e = value as Record<string, unknown>;
  unknownKeys(e, TOP_FIELDS, '', fail);
  if (typeof e.name !== 'string' || !NAME.test(e.name)) throw fail('name', e.name, 'a name of letters, digits, ".", "_" or "-"');
  if (e.description !== undefined && typeof e.description !== 'string') throw fail('description', e.description, 'a string');
  if (!Array.isArray(e.seeds) || e.seeds.length === 0) throw fail('seeds', e.seeds, 'a non-empty array of integers');
  e.seeds.forEach((s, i) => {
    if (!Number.isSafeInteger(s)) throw fail(`seeds[${i}]`, s, 'an integer');
  });
  if (new Set(e.seeds).size !== e.seeds.length) throw fail('seeds', e.seeds, 'distinct seeds');
  const plant = resolvePlant(undefined, e.plant, 'plant', fail);

  if (!Array.isArray(e.scenarios) || e.scenarios.length === 0) throw fail('scenarios', e.scenarios, 'a non-empty array of { name, workload }');
  const scenarioNames = new Set<string>();
  for (const [i, raw] of e.scenarios.entries()) {
    const at = `scenarios[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw fail(at, raw, 'an object { name, workload, plant?, durationSeconds? }');
    const s = raw as Record<string, unknown>;
    unknownKeys(s, SCENARIO_FIELDS, `${at}.`, fail);
    if (typeof s.name !== 'string' || !NAME.test(s.name)) throw fail(`${at}.name`, s.name, 'a name of letters, digits, ".", "_" or "-"');
    if (scenarioNames.has(s.name)) throw fail(`${at}.name`, s.name, 'a name no other scenario has');
    scenarioNames.add(s.name);
    if (s.durationSeconds !== undefined && !(typeof s.durationSeconds === 'number' && s.durationSeconds > 0 && Number.isFinite(s.durationSeconds))) {
      throw fail(`${at}.durationSeconds`, s.durationSeconds, 'a number of seconds > 0');
    }
    resolvePlant(plant, s.plant, `${at}.plant`, fail);
    try {
      buildWorkload(s.workload, { seed: e.seeds[0] as number, loadTrace: o.loadTrace }, `${at}.workload`);
    } catch (err) {
      if (err instanceof WorkloadSpecError) throw fail(err.field, err.value, err.expected);
      if (err instanceof UserError) throw new UserError(`experiment ${o.source}: ${at}.workload: ${err.message}`, { cause: err });
      throw err;
    }
  }

  if (!Array.isArray(e.autoscalers) || e.autoscalers.length === 0) throw fail('autoscalers', e.autoscalers, 'a non-empty array of { name, type, ...params }');
  const autoscalerNames = new Set<string>();
  for (const [i, spec] of e.autoscalers.entries()) {
    try {
      await createAutoscaler(spec, { baseDir: o.baseDir });
    } catch (err) {
      if (err instanceof AutoscalerSpecError) {
        // The message already names the field, the value and the expectation: prefix its path, drop the chain.
        const message = err.field === 'autoscaler' ? `autoscalers[${i}]${err.message.slice('autoscaler'.length)}` : `autoscalers[${i}].${err.message}`;
        throw new UserError(`experiment ${o.source}: ${message}`);
      }
      throw new UserError(`experiment ${o.source}: autoscalers[${i}]: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const name = (spec as AutoscalerSpec).name;
    if (autoscalerNames.has(name)) throw fail(`autoscalers[${i}].name`, name, 'a name no other autoscaler has');
    autoscalerNames.add(name);
  }
  return e as unknown as ExperimentDef;
}

/** The plant a scenario runs on: defaults ← experiment overrides ← scenario overrides, validated. */
export function resolvePlant(
  base: PlantConfig | undefined,
  overrides: unknown,
  at: string,
  fail: (field: string, v: unknown, expected: string, cause?: unknown) => UserError,
): PlantConfig {
  const start = base ?? defaultPlantConfig;
  if (overrides === undefined) return validatePlantConfig({ ...start });
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) throw fail(at, overrides, 'an object of plant config overrides');
  unknownKeys(overrides as Record<string, unknown>, Object.keys(defaultPlantConfig), `${at}.`, fail);
  const merged = { ...start, ...(overrides as Partial<PlantConfig>) };
  try {
    return validatePlantConfig(merged);
  } catch (err) {
    if (err instanceof PlantConfigError) throw fail(`${at}.${err.field}`, fieldValue(merged, err.field), err.message.replace(/^.*expected /, ''), err);
    throw err;
  }
}

function fieldValue(config: PlantConfig, field: string): unknown {
  return field.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), config);
}

function unknownKeys(o: Record<string, unknown>, known: readonly string[], at: string, fail: (f: string, v: unknown, e: string) => UserError): void {
  const bad = Object.keys(o).find((k) => !known.includes(k));
  if (bad !== undefined) throw fail(`${at}${bad}`, o[bad], `no such field (fields: ${known.filter((k) => !k.startsWith('$')).join(', ')})`);
}
