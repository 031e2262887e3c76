// Issue 16 items 2 and 8: any training configuration is valid or refused naming its field (config.…), for arbitrary
// JSON and mutations of a full valid config; network sizes and buffers have limits (hiddenUnits: [1e8] refused).
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { parseTrainConfig, TrainConfigError } from '../../../agent/rl/train-config.ts';
import { MAX_VALIDATION_MS, mutationOf, PROPERTY_RUNS, timed } from '../../lib/helpers/mutate.ts';

const full = JSON.parse(JSON.stringify(parseTrainConfig({})));
delete full.env.plant; // the plant has its own property suite; its overrides are checked here by name only

async function validOrNamedRefusal(value: unknown, change: string): Promise<void> {
  const r = await timed(() => parseTrainConfig(value));
  assert.ok(r.ms < MAX_VALIDATION_MS, `took ${r.ms} ms (${change})`);
  if (r.ok) return;
  assert.instance(r.error, TrainConfigError, `${change}: ${r.error}`);
  const err = r.error as TrainConfigError;
  assert.not.match(err.message, /Invalid input|Expected \w+, received/, `zod's default words leaked: ${err.message}`);
  assert.ok(err.field === 'config' || err.field.startsWith('config.') || err.field.startsWith('config['), `${change}: ${err.field}`);
  assert.match(err.message, / = .*: expected /s, change);
}

test('an arbitrary JSON value is a valid training config or refused naming a field (property)', async () => {
  await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), (v) => validOrNamedRefusal(v, JSON.stringify(v)?.slice(0, 80))), PROPERTY_RUNS);
});

test('a full training config with one value changed, removed or added is valid or refused naming a field (property)', async () => {
  await fc.assert(fc.asyncProperty(mutationOf(full), ({ value, change }) => validOrNamedRefusal(value, change)), PROPERTY_RUNS);
});

test('network and buffer sizes have limits at the door (issue 16: hiddenUnits [1e8])', () => {
  assert.throws(() => parseTrainConfig({ dqn: { hiddenUnits: [1e8] } }), /config\.dqn\.hiddenUnits\[0\] = 100000000: expected an integer ≥ 1 and ≤ 4096/);
  assert.throws(() => parseTrainConfig({ ppo: { hiddenUnits: [8, 8, 8, 8, 8, 8, 8, 8, 8] } }), /config\.ppo\.hiddenUnits = \[8,8,8,8,8,8,8,8,8\]: expected a non-empty array of at most 8 items/);
  assert.throws(() => parseTrainConfig({ dqn: { bufferSize: 1e9 } }), /config\.dqn\.bufferSize = 1000000000: expected an integer ≥ 1 and ≤ 1000000/);
  assert.is(parseTrainConfig({ dqn: { hiddenUnits: [4096] } }).dqn.hiddenUnits[0], 4096);
});
