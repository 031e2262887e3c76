// `scalelab model inspect|diff` as a user runs them, on the committed models; bad input exits 2 naming it.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from '../experiments/helpers/tiny.ts';

const repo = resolve(import.meta.dirname, '../..');
const scalelab = (...args: string[]) => spawnSync(process.execPath, [join(repo, 'bin/scalelab.js'), ...args], { cwd: tempDir('model-cwd'), encoding: 'utf8' });
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('model inspect models/hybrid --json: the documented sections, and the SVG charts written where it says', () => {
  const out = tempDir('model-inspect');
  const r = scalelab('model', 'inspect', join(repo, 'models/hybrid'), '--scenario', 'flash-crowd', '--duration', '600', '--features', 'latencyP95,setpoint', '--out', out, '--json');
  assert.is(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.equal(Object.keys(j), ['model', 'evaluation', 'observation', 'actions', 'scenario', 'actionHistogram', 'reasons', 'reward', 'grid', 'headroom', 'timeline', 'charts']);
  assert.equal([j.scenario.scenario, j.scenario.decisions, j.grid.x, j.grid.y], ['flash-crowd', 39, 'latencyP95', 'setpoint']);
  assert.equal(j.charts, { policyGrid: join(out, 'policy-grid.svg'), timeline: join(out, 'timeline.svg') });
  const grid = readFileSync(j.charts.policyGrid, 'utf8');
  assert.match(grid, /^<svg[^>]*>[\s\S]*<\/svg>$/);
  for (const text of ['P95 latency (ms)', 'headroom setpoint (fraction)', '×0.5', '−1 pod', 'hold', '+1 pod', '×2']) assert.ok(grid.includes(`>${text}</text>`), `policy chart shows "${text}"`);
  const timeline = readFileSync(j.charts.timeline, 'utf8');
  for (const text of ['>load (req/s)</text>', '>replicas</text>', '>minutes</text>', '>SLA 200 ms</text>', '<tspan>PPO headroom</tspan>']) assert.ok(timeline.includes(text), `timeline shows "${text}"`);
});

test('model inspect by name prints the sections and the chart paths (no headroom for a DQN)', () => {
  const out = tempDir('model-inspect-text');
  const r = scalelab('model', 'inspect', 'dqn', '--duration', '300', '--out', out);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /^model .*models\/dqn\/model: dqn, seed \d+, \d+ steps/);
  assert.match(r.stdout, /^scenario sudden-spike \(base 100 req\/s, peak 600 req\/s, 300 s, plant seed 1, .*\): 19 decisions$/m);
  assert.match(r.stdout, /^ {2}reward per decision: -?\d+\.\d{3} = −\(sla /m);
  assert.match(r.stdout, new RegExp(`^  chart: ${escape(join(out, 'policy-grid.svg'))}$`, 'm'));
  assert.not.match(r.stdout, /PPO headroom/);
  assert.ok(existsSync(join(out, 'timeline.svg')));
});

test('model diff prints agreement, the confusion table and where the models differ', () => {
  const r = scalelab('model', 'diff', 'dqn', 'dqn-balanced', '--duration', '600');
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /^A dqn \(dqn\) vs B dqn-balanced \(dqn\)$/m);
  assert.match(r.stdout, /same action: \d+\.\d %   same replicas: \d+\.\d %   same direction: \d+\.\d %/);
  assert.match(r.stdout, /^ {4}\s+B x0\.5 {2}B -1 {2}B hold {2}B \+1 {2}B x1\.5 {2}B x2$/m);
  assert.match(r.stdout, /where they decide different replicas: \d+ stretch/);
  const j = JSON.parse(scalelab('model', 'diff', 'dqn', 'dqn-balanced', '--duration', '600', '-o', 'json').stdout);
  assert.is(j.scenario.decisions, 39);
  assert.equal(Object.keys(j.confusion), ['x0.5', '-1', 'hold', '+1', 'x1.5', 'x2']);
});

test('bad input exits 2 with one line naming what was wrong', () => {
  const corrupt = tempDir('model-corrupt');
  cpSync(join(repo, 'models/dqn/model'), join(corrupt, 'model'), { recursive: true });
  const weights = join(corrupt, 'model/q/weights.bin');
  const bytes = readFileSync(weights);
  bytes[100] ^= 0xff;
  writeFileSync(weights, bytes);
  const badJson = tempDir('model-badjson');
  cpSync(join(repo, 'models/dqn/model'), badJson, { recursive: true });
  writeFileSync(join(badJson, 'provenance.json'), '{"schema": ');
  const cases: [string, string[], RegExp][] = [
    ['a missing model folder', ['model', 'diff', 'dqn', 'no-such-model'], /^scalelab: MODEL_DIR: no provenance\.json in no-such-model/],
    ['changed weights', ['model', 'inspect', corrupt], /^scalelab: MODEL_DIR .*: .*q\/weights\.bin has SHA-256 [0-9a-f]{64}, but provenance\.json records/],
    ['a provenance that is not JSON', ['model', 'inspect', badJson], /^scalelab: MODEL_DIR .*provenance\.json is not valid JSON/],
    ['an unknown scenario', ['model', 'inspect', 'dqn', '--scenario', 'tsunami'], /^scalelab: --scenario: got "tsunami", expected one of steady, /],
    ['an unknown feature', ['model', 'inspect', 'dqn', '--features', 'rps,queue'], /^scalelab: --features: "queue" is not a feature of this model \(expected two of cpu, /],
    ['one feature', ['model', 'inspect', 'dqn', '--features', 'rps'], /^scalelab: --features: got "rps", expected two feature names/],
    ['a peak below the base', ['model', 'diff', 'dqn', 'ppo', '--peak-rps', '50'], /^scalelab: --peak-rps: got 50, expected at least --base-rps \(100\)/],
    ['a bad duration', ['model', 'inspect', 'dqn', '--duration', '1.5'], /^scalelab: --duration: got "1\.5", expected an integer > 0/],
  ];
  for (const [what, args, message] of cases) {
    const r = scalelab(...args);
    assert.is(r.status, 2, `${what}: ${r.stderr}`);
    assert.match(r.stderr, message, what);
    assert.not.match(r.stderr, /\n\s+at /, `${what}: no stack trace`);
  }
});
