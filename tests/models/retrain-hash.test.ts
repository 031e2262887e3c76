// Reproducible training (issue 8 item 8): retraining a short model with the committed command gives weights whose
// SHA-256 equal the ones recorded in the committed provenance (tests/fixtures/models/short-hybrid-constrained,
// written by `node bin/scalelab.js train hybrid-constrained --steps 240 --seed 11
// --config tests/fixtures/models/short-hybrid.json --out tests/fixtures/models/short-hybrid-constrained`).
// A change to the simulator, the environment, the learners or tfjs that changes the trained weights fails here;
// regenerate the fixture with the command above when the change is intended.
import { test, after } from 'node:test';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTrainConfig } from '../../agent/rl/train-config.ts';
import { runTrainSession } from '../../agent/rl/train-session.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'models');
const out = mkdtempSync(join(tmpdir(), 'scalelab-retrain-'));

test('a short hybrid-constrained retrained from its config has the committed weight hashes', async () => {
  const config = parseTrainConfig(JSON.parse(readFileSync(join(fixtures, 'short-hybrid.json'), 'utf8')));
  await runTrainSession({ agent: 'hybrid-constrained', steps: 240, seed: 11, outDir: out, config });
  const fresh = JSON.parse(readFileSync(join(out, 'model', 'provenance.json'), 'utf8'));
  const committed = JSON.parse(readFileSync(join(fixtures, 'short-hybrid-constrained', 'model', 'provenance.json'), 'utf8'));
  assert.equal(Object.keys(fresh.weightsSha256).sort(), ['headroom_policy', 'headroom_value', 'q']);
  assert.equal(fresh.weightsSha256, committed.weightsSha256);
  assert.is(fresh.steps, 240);
});

after(() => rmSync(out, { recursive: true, force: true }));
