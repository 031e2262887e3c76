// Issue 16 items 2 and 8: any plant configuration is valid or refused naming its field (PlantConfigError), for
// mutations of the default plant; the documented limits hold at their edges.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { defaultPlantConfig, type PlantConfig } from '../../sim/config.ts';
import { PlantConfigError, validatePlantConfig } from '../../sim/validate-plant-config.ts';
import { PLANT_LIMITS } from '../../sim/plant-config-schema.ts';
import { MAX_VALIDATION_MS, mutationOf, PROPERTY_RUNS, timed } from '../lib/helpers/mutate.ts';

test('the default plant with one value changed, removed or added is valid or refused naming a field (property)', async () => {
  const known = Object.keys(defaultPlantConfig);
  await fc.assert(
    fc.asyncProperty(mutationOf({ ...defaultPlantConfig, nodes: { podsPerNode: 4, initialNodes: 2, maxNodes: 5, provisioningSeconds: 90 } }), async ({ value, change }) => {
      const r = await timed(() => validatePlantConfig(value as PlantConfig));
      assert.ok(r.ms < MAX_VALIDATION_MS, change);
      if (r.ok) return;
      assert.instance(r.error, PlantConfigError, `${change}: ${r.error}`);
      const err = r.error as PlantConfigError;
      assert.not.match(err.message, /Invalid input|Expected \w+, received/, `zod's default words leaked: ${err.message}`);
      assert.ok(err.field.length > 0 && err.message.startsWith(`plant config: ${err.field} = `), `${change}: ${err.message}`);
      // A field of the plant is named by its own key (not a parent's), unless the whole value was replaced.
      if (!change.startsWith('root')) assert.ok(known.includes(err.field.split(/[.[]/)[0]) || /^(\["zz|zz)/.test(err.field), `${change}: field ${err.field}`);
    }),
    PROPERTY_RUNS,
  );
});

test('the plant limits hold at their edges: a tick of 0.01 s passes, 1e-6 s (issue 16) and 10,001 replicas do not', () => {
  assert.ok(validatePlantConfig({ ...defaultPlantConfig, tickSeconds: PLANT_LIMITS.minTickSeconds }));
  assert.throws(() => validatePlantConfig({ ...defaultPlantConfig, tickSeconds: 1e-6 }), /plant config: tickSeconds = 0\.000001, expected a number in \[0\.01, 60\]/);
  assert.ok(validatePlantConfig({ ...defaultPlantConfig, maxReplicas: 10_000 }));
  assert.throws(() => validatePlantConfig({ ...defaultPlantConfig, maxReplicas: 10_001 }), /maxReplicas = 10001, expected an integer in \[0, 10000\]/);
  assert.throws(() => validatePlantConfig({ ...defaultPlantConfig, maxReplica: 5 } as PlantConfig), /maxReplica = 5, expected no such field/);
});
