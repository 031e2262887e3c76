// `scalelab model inspect|diff` as a user runs them, on the committed models.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../experiments/helpers/tiny.ts';

const BIN = fileURLToPath(new URL('../../bin/scalelab.js', import.meta.url));
const scalelab = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });

test('model inspect hybrid --json: the documented sections, and the SVG charts written where it says', () => {
  const out = tempDir('model-inspect');
  const r = scalelab('model', 'inspect', fileURLToPath(new URL('../../models/hybrid', import.meta.url)), '--scenario', 'flash-crowd', '--duration', '600', '--out', out, '--json');
  assert.is(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(Object.keys(j), ['model', 'evaluation', 'observation', 'actions', 'scenario', 'actionHistogram', 'reasons', 'reward', 'grid', 'headroom', 'charts']);
  assert.equal(j.charts, { policyGrid: join(out, 'policy-grid.svg'), headroom: join(out, 'headroom.svg') });
  for (const file of Object.values(j.charts) as string[]) assert.match(readFileSync(file, 'utf8'), /^<svg[^>]*>[\s\S]*<\/svg>$/);
});

test('model inspect prints the chart path; bad input exits 2 naming the flag', () => {
  const out = tempDir('model-inspect-text');
  const r = scalelab('model', 'inspect', 'dqn', '--duration', '300', '--out', out);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`policy over rps × pods .*: ${join(out, 'policy-grid.svg').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  assert.ok(!existsSync(join(out, 'headroom.svg')), 'no headroom chart for a DQN');
  const bad = scalelab('model', 'inspect', 'dqn', '--grid', 'rps');
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /^scalelab: --grid: got "rps", expected two feature names/m);
  const missing = scalelab('model', 'diff', 'dqn', 'no-such-model');
  assert.is(missing.status, 2);
  assert.match(missing.stderr, /^scalelab: MODEL_DIR: no provenance\.json in no-such-model/m);
});

test('model diff: agreement rates and the confusion table', () => {
  const r = scalelab('model', 'diff', 'dqn', 'dqn-balanced', '--duration', '600', '--json');
  assert.is(r.status, 0, r.stderr);
  const d = JSON.parse(r.stdout);
  assert.is(d.scenario.decisions, 39);
  assert.ok(d.actionAgreement >= 0 && d.actionAgreement <= 1);
  assert.equal(Object.keys(d.confusion), ['x0.5', '-1', 'hold', '+1', 'x1.5', 'x2']);
});

