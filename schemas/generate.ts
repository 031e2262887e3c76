// Writes the published JSON Schemas of scalelab's data formats from their zod schemas (one source each):
//   node --import tsx schemas/generate.ts          (rewrites schemas/*.schema.json)
// tests/schemas/generate.test.ts fails when a committed file differs from what this would write.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { experimentSchema } from '../experiments/experiment-schema.ts';
import { runRecordSchema } from '../experiments/run-record-schema.ts';
import { plantConfigSchema } from '../sim/plant-config-schema.ts';
import { trainConfigSchema } from '../agent/rl/train-config.ts';
import { calcInputSchema } from '../agent/hpa/calc-input-schema.ts';
import { normalizeInputSchema } from '../agent/hpa/normalize-input-schema.ts';

/** Folder of the published schemas. */
export const SCHEMAS_DIR = fileURLToPath(new URL('.', import.meta.url));

const SOURCES: Record<string, { schema: z.ZodType; title: string }> = {
  'experiment.schema.json': { schema: experimentSchema, title: 'scalelab experiment file (experiments/defs/*.json)' },
  'run-record.schema.json': { schema: runRecordSchema, title: 'scalelab run record (one line of records.jsonl, scalelab.run/v1)' },
  'train-config.schema.json': { schema: trainConfigSchema(), title: 'scalelab training configuration (scalelab train --config FILE)' },
  'plant-config.schema.json': { schema: plantConfigSchema, title: 'scalelab simulated plant configuration (sim/config.ts)' },
  'hpa-calc-input.schema.json': { schema: calcInputSchema, title: 'scalelab hpa calc input (stdin)' },
  'hpa-normalize-input.schema.json': { schema: normalizeInputSchema, title: 'scalelab hpa normalize input (stdin)' },
};

/** File name → the text it should have. */
export function schemaFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [file, { schema, title }] of Object.entries(SOURCES)) {
    const json = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12', unrepresentable: 'any' }) as Record<string, unknown>;
    const { $schema, ...rest } = json;
    out[file] = `${JSON.stringify({ $schema, $id: `https://scalelab.invalid/schemas/${file}`, ...rest, title }, null, 2)}\n`;
  }
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [file, text] of Object.entries(schemaFiles())) writeFileSync(join(SCHEMAS_DIR, file), text);
  process.stdout.write(`wrote ${Object.keys(SOURCES).length} schemas to ${SCHEMAS_DIR}\n`);
}
