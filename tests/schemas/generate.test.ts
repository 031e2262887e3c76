import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { schemaFiles, SCHEMAS_DIR } from '../../schemas/generate.ts';
import { SHIPPED_EXPERIMENTS_DIR, shippedExperimentNames } from '../../experiments/load-experiment.ts';

test('every committed JSON Schema is what schemas/generate.ts writes from the zod schemas (run it after a schema change)', () => {
  for (const [file, text] of Object.entries(schemaFiles())) {
    assert.is(readFileSync(join(SCHEMAS_DIR, file), 'utf8'), text, `${file} is stale: node --import tsx schemas/generate.ts`);
  }
});

test('every shipped experiment names the published experiment schema in its $schema key, and the path resolves', () => {
  for (const name of shippedExperimentNames()) {
    const file = join(SHIPPED_EXPERIMENTS_DIR, `${name}.json`);
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    if (!Array.isArray(doc.scenarios)) continue; // not an experiment (frontier-families.json is the reports' data)
    const ref = doc.$schema;
    assert.type(ref, 'string', `${name}.json has no $schema`);
    assert.is(resolve(dirname(file), ref), join(SCHEMAS_DIR, 'experiment.schema.json'));
  }
});

test('the experiment schema lists exactly the fields an experiment file may have, with their documented limits', () => {
  const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, 'experiment.schema.json'), 'utf8'));
  assert.equal(Object.keys(schema.properties).sort(), ['$schema', 'autoscalers', 'description', 'name', 'plant', 'scenarios', 'seeds']);
  assert.is(schema.additionalProperties, false);
  assert.equal(schema.required.sort(), ['autoscalers', 'name', 'scenarios', 'seeds']);
  // tickSeconds ∈ [0.01, 60] (sim/plant-config-schema.ts PLANT_LIMITS); a scenario lasts at most 31 days.
  // plant: the path of a plant config file, or an object of overrides.
  const plantBranches = schema.properties.plant.anyOf as { type: string; properties?: Record<string, { minimum?: number }> }[];
  assert.equal(plantBranches.map((b) => b.type).sort(), ['object', 'string']);
  assert.is(plantBranches.find((b) => b.type === 'object')!.properties!.tickSeconds.minimum, 0.01);
  assert.is(schema.properties.scenarios.items.properties.durationSeconds.maximum, 31 * 86_400);
});

test('the run-record schema has every metric of lib/ports.ts, the nullable ones nullable', async () => {
  const { RUN_METRIC_KEYS, NULLABLE_METRIC_KEYS } = await import('../../lib/ports.ts');
  const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, 'run-record.schema.json'), 'utf8'));
  const metrics = schema.properties.metrics;
  assert.equal(Object.keys(metrics.properties), [...RUN_METRIC_KEYS]);
  assert.equal(metrics.required, [...RUN_METRIC_KEYS]);
  for (const k of NULLABLE_METRIC_KEYS) assert.ok(JSON.stringify(metrics.properties[k]).includes('"null"'), `${k} nullable`);
  assert.is(metrics.properties.latencyP95Ms.minimum, 0);
});
