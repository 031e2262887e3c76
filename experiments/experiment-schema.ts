// The one schema of an experiment file: the ExperimentDef type, the structural validation in experiment.ts and
// the published JSON Schema (schemas/experiment.schema.json, `"$schema"` in every shipped experiment) derive
// from it. Values the schema cannot judge alone (a workload's parameters, an autoscaler's, a plant's cross-field
// rules, a run's length in ticks) are checked by experiment.ts right after, before any cell runs.
import { z } from 'zod';
import { num, strictObject } from '../lib/schema.ts';
import { plantConfigShape } from '../sim/plant-config-schema.ts';
import { workloadSpecSchema } from '../workloads/spec-schema.ts';
import type { PlantConfig } from '../sim/config.ts';
import type { WorkloadSpec } from '../workloads/index.ts';
import type { AutoscalerSpec } from '../agent/registry.ts';

/** The limits of an experiment, beside the schema that enforces them (each cell runs alone, so these bound one run). */
export const EXPERIMENT_LIMITS = {
  /** Most seeds, scenarios and autoscalers, each. */
  maxListLength: 1000,
  /** Most cells (scenarios × autoscalers × seeds). */
  maxCells: 100_000,
  /** Longest simulated run of one cell, seconds (31 days). */
  maxRunSeconds: 31 * 86_400,
  /** Most plant ticks in one cell (about 5 s of simulator time at the bench's speed). */
  maxTicksPerRun: 10_000_000,
} as const;

/** Published location of the JSON Schema, relative to an experiment in experiments/defs/. */
export const EXPERIMENT_SCHEMA_REF = '../../schemas/experiment.schema.json';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const NAME_WORDS = 'a name of letters, digits, ".", "_" or "-"';
const name = z.string({ error: NAME_WORDS }).regex(NAME, { error: NAME_WORDS });
const L = EXPERIMENT_LIMITS;

/** Overrides of defaultPlantConfig (sim/config.ts): any subset of its fields. */
export const plantOverridesSchema = strictObject(plantConfigShape, 'an object of plant config overrides').partial()
  .meta({ description: 'Overrides of the default plant (sim/config.ts); fields and bounds as in the plant config.' });

/** A full plant config file (e.g. written by `scalelab calibrate --out`), named by its path relative to the experiment file. */
export const plantFileSchema = z.string({ error: 'a path' }).min(1, { error: 'a non-empty path' })
  .meta({ description: 'Path of a full plant config file (schemas/plant-config.schema.json, e.g. from `scalelab calibrate --out`), relative to the experiment file.' });

const scenarioSchema = strictObject({
  name: name.meta({ description: 'Unique within the experiment; used in records and tables.' }),
  workload: workloadSpecSchema,
  plant: plantOverridesSchema.optional().meta({ description: "Plant overrides for this scenario only (over the experiment's)." }),
  durationSeconds: num({ min: 0, exclusiveMin: true, max: L.maxRunSeconds }).optional()
    .meta({ description: "Simulated seconds, a whole number of ticks; default the workload's duration." }),
}, 'an object { name, workload, plant?, durationSeconds? }');

const autoscalerSchema = z.looseObject({
  name: name.meta({ description: 'Unique within the experiment; used in records and tables (e.g. `hpa-70`).' }),
  type: z.string({ error: 'a registered autoscaler type' }).meta({ description: 'A registered type: hpa, rule-based, thesis-hpa, thesis-threshold, kpa, predictive, dqn, ppo, hybrid, hybrid-constrained.' }),
}, { error: 'an object { name, type, ...params }' }).meta({ description: 'An autoscaler: name, type and the parameters of that type.' });

const seeds = z.array(num({ integer: true, min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }, 'an integer'), { error: 'a non-empty array of integers' })
  .min(1, { error: 'a non-empty array of integers' })
  .max(L.maxListLength, { error: `at most ${L.maxListLength} seeds` })
  .refine((s) => new Set(s).size === s.length, { error: 'distinct seeds' });

/** An experiment file. */
export const experimentSchema = strictObject({
  $schema: z.string({ error: 'a string (the URL or path of the JSON Schema)' }).optional().meta({ description: 'The JSON Schema of this file, for editors.' }),
  name: name.meta({ description: 'Names the output directory and every record.' }),
  description: z.string({ error: 'a string' }).optional(),
  seeds: seeds.meta({ description: 'Integer seeds; each cell runs once per seed.' }),
  plant: z.union([plantFileSchema, plantOverridesSchema], { error: 'the path of a plant config file (a string) or an object of plant config overrides' }).optional()
    .meta({ description: 'Overrides of the default plant, or the path of a full plant config file (relative to this file) to run on.' }),
  scenarios: z.array(scenarioSchema, { error: 'a non-empty array of { name, workload }' })
    .min(1, { error: 'a non-empty array of { name, workload }' }).max(L.maxListLength, { error: `at most ${L.maxListLength} scenarios` }),
  autoscalers: z.array(autoscalerSchema, { error: 'a non-empty array of { name, type, ...params }' })
    .min(1, { error: 'a non-empty array of { name, type, ...params }' }).max(L.maxListLength, { error: `at most ${L.maxListLength} autoscalers` }),
}, 'a JSON object').meta({ title: 'scalelab experiment', description: 'Scenarios × autoscalers × seeds on one plant configuration (experiments/README.md).' });

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
  /** The JSON Schema the file names, for editors. */
  $schema?: string;
  /** Names the output directory and every record, letters/digits/`-`/`_`/`.`. */
  name: string;
  description?: string;
  /** Integer seeds; each cell runs once per seed (plant start-up times, arrivals, workload noise). */
  seeds: number[];
  /** Overrides of `defaultPlantConfig` (sim/config.ts) for every scenario. In a file it may be the path of a full
   * plant config file instead; parseExperiment replaces the path with the file's config. */
  plant?: Partial<PlantConfig>;
  scenarios: ScenarioDef[];
  autoscalers: AutoscalerSpec[];
}

// The schema's output fits ExperimentDef once the workload and autoscaler values are checked (experiment.ts).
type Parsed = z.output<typeof experimentSchema>;
const _fromType = (d: ExperimentDef): Omit<Parsed, 'scenarios' | 'autoscalers'> => d;
void _fromType;
