import { after, test } from 'node:test';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/run-cli.ts';
import { initTf } from '../../agent/rl/tf.ts';
import { loadRlAutoscaler } from '../../agent/rl/load-rl-autoscaler.ts';

await initTf();
const root = mkdtempSync(join(tmpdir(), 'scalelab-federate-'));
after(() => rmSync(root, { recursive: true, force: true }));
const file = (name: string, body: unknown) => {
  const path = join(root, name);
  writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
  return path;
};
const config = file('tiny.json', { evalEpisodes: 1, dqn: { hiddenUnits: [16], learningStarts: 30, batchSize: 16 }, env: { episodes: { durationSeconds: 300 } } });
const light = file('light.json', { cpuPerRequestCoreSeconds: 0.0035, baseServiceTimeMs: 20, startupMedianSeconds: 4 });
const heavy = file('heavy.json', { cpuPerRequestCoreSeconds: 0.0062, baseServiceTimeMs: 60, startupMedianSeconds: 25 });

const run = runCli;

const federate = (out: string, ...extra: string[]) => ['federate', '--agent', 'dqn', '--plants', `${light},${heavy}`, '--rounds', '2', '--local-steps', '40', '--config', config, '--out', out, ...extra];

const badInput: [string, string[], RegExp][] = [
  ['an agent other than dqn', ['--agent', 'ppo'], /--agent = "ppo": expected dqn/],
  ['participation 0', ['--participation', '0'], /--participation = "0": expected a fraction of the clients in \(0, 1\]/],
  ['participation above 1', ['--participation', '1.5'], /--participation = "1.5"/],
  ['zero rounds', ['--rounds', '0'], /--rounds = "0": expected a positive integer/],
  ['a missing plant file', ['--plants', `${light},${join(root, 'nope.json')}`], /cannot read plant file .*nope\.json: no such file/],
  ['an empty entry in --plants', ['--plants', `${light},,${heavy}`], /--plants = .*no empty entry/],
  ['a plant file with a bad field', ['--plants', `${light},${file('bad.json', { startupMedianSeconds: -1 })}`], /plant file .*bad\.json: startupMedianSeconds = -1, expected a number > 0/],
  ['plants with different SLAs', ['--plants', `${light},${file('sla.json', { slaLatencyMs: 300 })}`], /plant file .*sla\.json: slaLatencyMs = 300 differs from .*light\.json's 200/],
  ['a config with vectorised DQN', ['--config', file('vec.json', { dqn: { numEnvs: 4 } })], /config\.dqn\.numEnvs = 4: expected 1/],
];
for (const [name, extra, message] of badInput) {
  test(`federate refuses ${name} with exit code 2 and no model`, async () => {
    const out = join(root, `bad-${name.replace(/\W+/g, '-')}`);
    const r = await run(federate(out, ...extra));
    assert.is(r.code, 2, r.err);
    assert.match(r.err, message);
    assert.not.match(r.err, /\n\s+at /); // no stack trace
    assert.not.ok(existsSync(join(out, 'model')));
  });
}

test('two federate runs with the same seed write byte-identical weights; the model loads as a dqn autoscaler', async () => {
  const [a, b] = [join(root, 'a'), join(root, 'b')];
  for (const out of [a, b]) {
    const r = await run(federate(out, '--seed', '7', '--participation', '0.5'));
    assert.is(r.code, 0, r.err);
    assert.match(r.out, /model saved to .* \(80 env steps over 2 clients\)/); // 2 rounds × ⌈0.5·2⌉ = 1 client × 40 steps
    assert.match(r.out, /greedy evaluation on 1 evaluation episodes of .*light\.json/);
  }
  const weights = (dir: string) => readFileSync(join(dir, 'model', 'q', 'weights.bin'));
  assert.ok(weights(a).equals(weights(b)), 'same seed, different weights');
  const p = JSON.parse(readFileSync(join(a, 'model', 'provenance.json'), 'utf8'));
  assert.is(p.agent, 'dqn');
  assert.is(p.seed, 7);
  assert.is(p.steps, 80);
  const f = p.extra.federated;
  assert.equal(f.plants.map((x: { file: string }) => x.file), [light, heavy]);
  assert.equal(f.plants[1].overrides, { cpuPerRequestCoreSeconds: 0.0062, baseServiceTimeMs: 60, startupMedianSeconds: 25 });
  assert.equal([f.rounds, f.localSteps, f.participation, f.participantsPerRound, f.seed], [2, 40, 0.5, 1, 7]);
  const log = readFileSync(join(a, 'federate-log.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(log.map((l) => l.round), [0, 1]);
  assert.ok(log.every((l) => l.clients.length === 1 && l.samples[0] === 40));
  // The deployed path: the loader checks the SHA-256 and the observation size and builds the autoscaler.
  const autoscaler = await loadRlAutoscaler(join(a, 'model'), undefined, 'dqn');
  assert.is(autoscaler.name, 'dqn');
});
