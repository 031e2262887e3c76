import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readModelFacts } from '../../../experiments/reproduce/model-facts.ts';
import { makeRecord } from '../../reports/helpers/synthetic-records.ts';

test('λ converged is read from the training log beside the model each record names (spec.model relative to the defs dir, else models/<type>/model)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-facts-'));
  try {
    const defs = join(dir, 'experiments', 'defs');
    const models = join(dir, 'models');
    mkdirSync(defs, { recursive: true });
    mkdirSync(join(models, 'hybrid-constrained', 'model'), { recursive: true });
    mkdirSync(join(models, 'hybrid-constrained-b', 'model'), { recursive: true });
    // 20 episodes with λ = 1…20: the last 10 % are episodes 19 and 20 → (19 + 20) / 2 = 19.5.
    const lines = Array.from({ length: 20 }, (_, i) => JSON.stringify({ agent: 'x', episode: i + 1, reward: -1, lambda: i + 1 })).join('\n');
    writeFileSync(join(models, 'hybrid-constrained-b', 'train-log.jsonl'), `${lines}\n`);
    // The default folder (models/<type>/model): 10 episodes, the last has λ = 3.2 → ceil(1) = 1 episode → 3.2.
    writeFileSync(join(models, 'hybrid-constrained', 'train-log.jsonl'), Array.from({ length: 10 }, (_, i) => JSON.stringify({ episode: i, reward: 0, lambda: i === 9 ? 3.2 : 0 })).join('\n'));
    const withSpec = (name: string, spec: Record<string, unknown>) => {
      const r = makeRecord(name, 1, {}, { withSeries: false });
      r.config = { autoscaler: { name, ...spec } };
      return r;
    };
    const facts = readModelFacts(
      [
        withSpec('constrained-b', { type: 'hybrid-constrained', model: '../../models/hybrid-constrained-b/model' }),
        withSpec('hybrid-constrained', { type: 'hybrid-constrained' }),
        withSpec('hpa-70', { type: 'hpa' }),
      ],
      defs,
      models,
    );
    assert.equal(Object.keys(facts).sort(), ['constrained-b', 'hybrid-constrained']);
    assert.is(facts['constrained-b'].lambda, 19.5);
    assert.is(facts['constrained-b'].lambdaEpisodes, 2);
    assert.is(facts['constrained-b'].episodes, 20);
    assert.is(facts['hybrid-constrained'].lambda, 3.2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
