// Experiments as data: the schema of an experiment file and its validation. Every error is a UserError naming
// the field path (e.g. `scenarios[2].workload.peakRps`), the value received and what was expected.
import { defaultPlantConfig, type PlantConfig } from '../sim/config.ts';
import { PlantConfigError, validatePlantConfig } from '../sim/validate-plant-config.ts';
import { plantConfigSchema } from '../sim/plant-config-schema.ts';
import { buildWorkload, WorkloadSpecError, type TraceLoader, type Workload } from '../workloads/index.ts';
import { WORKLOAD_LIMITS } from '../workloads/limits.ts';
import { createAutoscaler } from '../agent/registry.ts';
import { AutoscalerSpecError } from '../agent/baselines/params.ts';
import { showValue } from '../lib/show-value.ts';
import { UserError } from '../lib/errors.ts';
import { checkSchema } from '../lib/schema.ts';
import { EXPERIMENT_LIMITS, experimentSchema, type ExperimentDef, type ScenarioDef } from './experiment-schema.ts';

export type { ExperimentDef, ScenarioDef } from './experiment-schema.ts';

type Fail = (field: string, v: unknown, expected: string, cause?: unknown) => UserError;

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
  /** Reads a plant config file the experiment names (`"plant": "plant.json"`) as parsed JSON; absent = refused. */
  loadPlant?: PlantFileLoader;
}

/** Reads the plant config file at `path` (relative to the experiment) and returns its parsed JSON and its resolved path. */
export type PlantFileLoader = (path: string) => { json: unknown; path: string };

/** Use on any parsed experiment JSON before running it: checks every field against the schema, then builds every
 * workload and autoscaler once and checks each run's length in ticks — all before any cell starts. */
export async function parseExperiment(value: unknown, o: ParseExperimentOptions): Promise<ExperimentDef> {
  const fail = (field: string, v: unknown, expected: string, cause?: unknown) => experimentError(o.source, field, v, expected, cause);
  const checked = checkSchema(experimentSchema, value);
  if (!checked.ok) {
    const p = checked.problem;
    if (p.statement !== undefined) throw new UserError(`experiment ${o.source}: ${p.field}: ${p.statement}`);
    throw fail(p.field, p.value, p.expected);
  }
  const rawPlant: unknown = (value as { plant?: unknown }).plant;
  const e: ExperimentDef = typeof rawPlant === 'string' ? { ...(value as ExperimentDef), plant: plantFromFile(rawPlant, o) } : (value as ExperimentDef);
  const cells = e.scenarios.length * e.autoscalers.length * e.seeds.length;
  if (cells > EXPERIMENT_LIMITS.maxCells) throw fail('seeds', e.seeds, `at most ${EXPERIMENT_LIMITS.maxCells} cells in all (scenarios × autoscalers × seeds = ${cells})`);
  const plant = resolvePlant(undefined, e.plant, 'plant', fail);

  const scenarioNames = new Set<string>();
  for (const [i, s] of e.scenarios.entries()) {
    const at = `scenarios[${i}]`;
    if (scenarioNames.has(s.name)) throw fail(`${at}.name`, s.name, 'a name no other scenario has');
    scenarioNames.add(s.name);
    const scenarioPlant = resolvePlant(plant, s.plant, `${at}.plant`, fail);
    let workload: Workload;
    try {
      workload = buildWorkload(s.workload, { seed: e.seeds[0], loadTrace: o.loadTrace }, `${at}.workload`);
    } catch (err) {
      if (err instanceof WorkloadSpecError) throw fail(err.field, err.value, err.expected);
      if (err instanceof UserError) throw new UserError(`experiment ${o.source}: ${at}.workload: ${err.message}`, { cause: err });
      throw err;
    }
    checkRunLength(s, workload, scenarioPlant.tickSeconds, at, fail);
  }

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
    if (autoscalerNames.has(spec.name)) throw fail(`autoscalers[${i}].name`, spec.name, 'a name no other autoscaler has');
    autoscalerNames.add(spec.name);
  }
  return e;
}

/** A run lasts a whole number of ticks, at least one, within the limits; and its load stays within the rate limit
 * (checked on the tick grid: the same points the plant will read, so composites that multiply rates are caught). */
function checkRunLength(s: ScenarioDef, workload: Workload, tick: number, at: string, fail: Fail): void {
  const field = s.durationSeconds === undefined ? `${at}.workload` : `${at}.durationSeconds`;
  const duration = s.durationSeconds ?? workload.durationSeconds;
  const why = s.durationSeconds === undefined ? ` (the workload lasts ${duration} s)` : '';
  if (!(duration <= EXPERIMENT_LIMITS.maxRunSeconds)) throw fail(field, duration, `a run of at most ${EXPERIMENT_LIMITS.maxRunSeconds} s${why}`);
  const ticks = duration / tick;
  if (ticks > EXPERIMENT_LIMITS.maxTicksPerRun) throw fail(field, duration, `a run of at most ${EXPERIMENT_LIMITS.maxTicksPerRun} ticks of tickSeconds = ${tick} (got ${Math.round(ticks)})${why}`);
  if (ticks < 1 - 1e-9 || Math.abs(ticks - Math.round(ticks)) > 1e-9 * Math.max(1, ticks)) {
    throw fail(field, duration, `a whole number ≥ 1 of ticks of tickSeconds = ${tick}${why}`);
  }
  if (workload.kind !== 'open') return;
  const n = Math.round(ticks);
  for (let k = 0; k < n; k++) {
    const rate = workload.rateAt(k * tick);
    if (!(rate <= WORKLOAD_LIMITS.maxRps)) throw fail(`${at}.workload`, rate, `a load of at most ${WORKLOAD_LIMITS.maxRps} req/s (reached at t = ${k * tick} s)`);
  }
}

/** The plant of a `"plant": "file"` reference: the file's full config, checked strictly; errors name the file. */
function plantFromFile(file: string, o: ParseExperimentOptions): PlantConfig {
  if (!o.loadPlant) throw new UserError(`experiment ${o.source}: plant: got ${showValue(file)}, expected an object of plant config overrides (a plant file path needs the experiment's folder: load it with loadExperiment)`);
  const { json, path } = o.loadPlant(file);
  const checked = checkSchema(plantConfigSchema, json);
  const where = `experiment ${o.source}: plant file ${path}`;
  if (!checked.ok) {
    const p = checked.problem;
    throw new UserError(`${where}: ${p.field}: ${p.statement ?? `got ${showValue(p.value)}, expected ${p.expected}`}${p.field === '(top level)' ? '' : ' (a plant file holds every plant config field, as scalelab calibrate --out writes it)'}`);
  }
  try {
    return validatePlantConfig(checked.data as PlantConfig);
  } catch (err) {
    if (err instanceof PlantConfigError) throw new UserError(`${where}: ${err.field}: got ${showValue(err.value)}, expected ${err.expected}`);
    throw err;
  }
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
    if (err instanceof PlantConfigError) throw fail(`${at}.${err.field}`, err.value, err.expected, err);
    throw err;
  }
}

function unknownKeys(o: Record<string, unknown>, known: readonly string[], at: string, fail: (f: string, v: unknown, e: string) => UserError): void {
  const bad = Object.keys(o).find((k) => !known.includes(k));
  if (bad !== undefined) throw fail(`${at}${bad}`, o[bad], `no such field (fields: ${known.join(', ')})`);
}
