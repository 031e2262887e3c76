// A client's plant: a JSON file of PlantConfig overrides (any subset of sim/config.ts's fields, the experiment
// files' `plant` format; `scalelab calibrate --out` writes one), applied over the training config's plant.
// Parsing is pure (the caller reads the file): strict JSON, no unknown keys, the plant schema's bounds, then the
// cross-field rules of the complete plant. Every refusal names the file and the field.
import type { PlantConfig } from '../../../sim/config.ts';
import { plantConfigShape } from '../../../sim/plant-config-schema.ts';
import { PlantConfigError, validatePlantConfig } from '../../../sim/validate-plant-config.ts';
import { checkSchema, strictObject } from '../../../lib/schema.ts';
import { JsonInputError, parseStrictJson } from '../../../lib/strict-json.ts';
import { showValue } from '../../../lib/show-value.ts';

const overridesSchema = strictObject(plantConfigShape, 'an object of plant config fields (overrides of the default plant)').partial();

/** A plant file that cannot be used; the message names the file and the field. */
export class PlantFileError extends Error {
  readonly file: string;
  readonly field: string;
  constructor(file: string, field: string, detail: string, options?: { cause?: unknown }) {
    super(`plant file ${file}: ${field === '(top level)' ? 'the file' : field} ${detail}`, options);
    this.name = 'PlantFileError';
    this.file = file;
    this.field = field;
  }
}

/** Use on a plant file's text: the complete plant (`base` with the file's overrides), validated. */
export function parsePlantFile(text: string, file: string, base: PlantConfig): { overrides: Partial<PlantConfig>; plant: PlantConfig } {
  let raw: unknown;
  try {
    raw = parseStrictJson(text);
  } catch (cause) {
    if (!(cause instanceof JsonInputError)) throw cause;
    throw new PlantFileError(file, cause.field, `is refused: ${cause.detail}, expected ${cause.expected}`, { cause });
  }
  const checked = checkSchema(overridesSchema, raw);
  if (!checked.ok) {
    const p = checked.problem;
    throw new PlantFileError(file, p.field, p.statement ?? `= ${showValue(p.value)}, expected ${p.expected}`);
  }
  const overrides = checked.data as Partial<PlantConfig>;
  const plant: PlantConfig = { ...base, ...overrides };
  try {
    validatePlantConfig(plant);
  } catch (cause) {
    if (!(cause instanceof PlantConfigError)) throw cause;
    throw new PlantFileError(file, cause.field, `= ${showValue(cause.value)}, expected ${cause.expected} (with the file's other fields over the training config's plant)`, { cause });
  }
  return { overrides, plant };
}
