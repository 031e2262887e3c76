// Issue 16 item 8: any experiment document is either valid or refused as bad input (UserError, exit 2) naming a
// field — never a raw error, a crash or a hang — for arbitrary JSON and for mutations of a valid experiment.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseExperiment } from '../../experiments/experiment.ts';
import { traceLoader } from '../../experiments/load-trace.ts';
import { UserError } from '../../lib/errors.ts';
import { TINY_PATH } from './helpers/tiny.ts';
import { MAX_VALIDATION_MS, mutationOf, PROPERTY_RUNS, timed } from '../lib/helpers/mutate.ts';

const tiny = JSON.parse(readFileSync(TINY_PATH, 'utf8'));
const options = { source: 'p', loadTrace: traceLoader(dirname(TINY_PATH)), baseDir: dirname(TINY_PATH) };

async function validOrNamedRefusal(value: unknown, change: string): Promise<void> {
  const r = await timed(() => parseExperiment(value, options));
  assert.ok(r.ms < MAX_VALIDATION_MS, `took ${r.ms} ms (${change})`);
  if (r.ok) return;
  const err = r.error as Error;
  assert.ok(err instanceof UserError, `not a UserError (${change}): ${err?.stack ?? err}`);
  assert.is((err as UserError).exitCode, 2, change);
  assert.not.match(err.message, /Invalid input|Expected \w+, received/, `zod's default words leaked: ${err.message}`);
  // `experiment p: <field path>: … expected …` — the field is named before anything else, then what was expected.
  assert.match(err.message, /^experiment p: [^\n]*?: .*expected/s, `${change}: ${err.message}`);
}

test('an arbitrary JSON value is a valid experiment or refused naming a field (property)', async () => {
  await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), (v) => validOrNamedRefusal(v, JSON.stringify(v)?.slice(0, 80))), PROPERTY_RUNS);
});

test('a valid experiment with one value changed, removed or added is valid or refused naming a field (property)', async () => {
  await fc.assert(fc.asyncProperty(mutationOf(tiny), ({ value, change }) => validOrNamedRefusal(value, change)), PROPERTY_RUNS);
});
