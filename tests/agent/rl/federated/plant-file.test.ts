import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { parsePlantFile, PlantFileError } from '../../../../agent/rl/federated/plant-file.ts';
import { defaultPlantConfig } from '../../../../sim/config.ts';

const base = { ...defaultPlantConfig, poissonArrivals: true };

test('a plant file overrides the given fields of the base plant and keeps the others', () => {
  const { overrides, plant } = parsePlantFile('{ "cpuPerRequestCoreSeconds": 0.006, "startupMedianSeconds": 25 }', 'heavy.json', base);
  assert.equal(overrides, { cpuPerRequestCoreSeconds: 0.006, startupMedianSeconds: 25 });
  assert.equal(plant, { ...base, cpuPerRequestCoreSeconds: 0.006, startupMedianSeconds: 25 });
});

// [case, file text, the message must contain]
const refusals: [string, string, RegExp][] = [
  ['text that is not JSON', '{ "cpuPerRequestCoreSeconds": ', /plant file p\.json: .*not valid JSON/],
  ['a duplicate key', '{ "slaLatencyMs": 200, "slaLatencyMs": 300 }', /plant file p\.json: .*slaLatencyMs.*duplicate/],
  ['an unknown field (a typo)', '{ "baseServiceTimMs": 40 }', /plant file p\.json: baseServiceTimMs /],
  ['a value of the wrong type', '{ "startupMedianSeconds": "8s" }', /plant file p\.json: startupMedianSeconds = "8s", expected a number/],
  ['a value out of bounds', '{ "cpuPerRequestCoreSeconds": -0.005 }', /plant file p\.json: cpuPerRequestCoreSeconds = -0\.005, expected a number > 0/],
  // 0.02 core-s per request at the 500m limit is 40 ms of CPU, above the default 25 ms service time.
  ['fields that contradict each other', '{ "cpuPerRequestCoreSeconds": 0.02 }', /plant file p\.json: baseServiceTimeMs = 25, expected ≥ the CPU time at the limit \(40 ms\)/],
  ['an array instead of an object', '[1, 2]', /plant file p\.json: .*expected an object of plant config fields/],
];
for (const [name, text, message] of refusals) {
  test(`a plant file with ${name} is refused with a message naming the file and the field`, () => {
    assert.throws(() => parsePlantFile(text, 'p.json', base), (e: Error) => e instanceof PlantFileError && message.test(e.message));
  });
}
