// Issue 16 probe, "Silently wrong": each case through the real CLI. What was accepted without a word (a corrupt
// model, a misspelt key, a duplicate key, an impossible record, an overflowing duration) must now be refused with
// exit 2 naming the field or file, or — where the input is valid — give the right answer.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { cpSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertOk, assertRefused, probeDir, ROOT, scalelab, tinyExperiment, tinyRecords } from './helpers/scalelab-cli.ts';

const dir = probeDir('silent');

/** The committed DQN model copied to a temp folder with its weights.bin replaced by `bytes(length)`. */
function corruptModel(name: string, bytes: (length: number) => Buffer): string {
  const model = join(dir, name);
  cpSync(join(ROOT, 'models/dqn/model'), model, { recursive: true });
  const weights = join(model, 'q', 'weights.bin');
  writeFileSync(weights, bytes(readFileSync(weights).length));
  return model;
}

const dqnExperiment = (name: string, model: string) =>
  tinyExperiment(dir, name, (e) => {
    e.scenarios = [e.scenarios[0]];
    e.autoscalers = [{ name: 'dqn', type: 'dqn', model }];
  });

test('silent 1: a weights.bin of NaN is refused at load (exit 2, file named), never reported as the agent\'s result', async () => {
  const model = corruptModel('nan-model', (n) => Buffer.from(new Float32Array(n / 4).fill(Number.NaN).buffer));
  const out = join(dir, 'out-nan');
  assertRefused(await scalelab(['run', dqnExperiment('nan', model), '--out', out]), [join(model, 'q'), /weights/]);
  assert.not.ok(existsSync(join(out, 'records.jsonl')) && readFileSync(join(out, 'records.jsonl'), 'utf8').length > 0, 'no record of the corrupt model');
});

test('silent 2: a weights.bin of random bytes (finite floats, same size) is refused by its SHA-256', async () => {
  let x = 12345;
  const model = corruptModel('random-model', (n) => Buffer.from(Array.from({ length: n }, () => ((x = (x * 1103515245 + 12345) % 2 ** 31), 0x3c + (x % 3)))));
  assertRefused(await scalelab(['run', dqnExperiment('random', model), '--out', join(dir, 'out-random')]), [/sha-?256/i, 'weights.bin']);
});

const HPA_INPUT = { now: 1700000000, currentReplicas: 1, metric: { type: 'Resource', name: 'cpu', targetUtilization: 50 }, pods: [{ name: 'a', phase: 'Running', ready: true, startTime: 1699990000, requestMilli: 1000, usageMilli: 900 }] };

test('silent 7: `hpa calc` refuses a misspelt key (tolerence) naming it and the known fields', async () => {
  const r = await scalelab(['hpa', 'calc'], { input: JSON.stringify({ ...HPA_INPUT, tolerence: 0.5 }) });
  assertRefused(r, ['tolerence', 'expected no such field', 'tolerance']);
});

test('silent 7 (control): the same input without the typo gives the HPA\'s answer, ceil(1 × 900/1000 / 0.5) = 2', async () => {
  const r = await scalelab(['hpa', 'calc'], { input: JSON.stringify(HPA_INPUT) });
  assertOk(r);
  assert.equal(JSON.parse(r.stdout), { replicas: 2, utilization: 90, rawAverageMilli: 900 });
});

test('silent 8: `hpa calc` never prints "replicas": null with exit 0 — no metrics is exit 1 with the HPA\'s reason', async () => {
  const r = await scalelab(['hpa', 'calc'], { input: JSON.stringify({ ...HPA_INPUT, pods: [] }) });
  assertRefused(r, ['FailedGetResourceMetric'], 1);
  assert.not.match(r.stdout, /null/);
});

test('silent 9: duplicate JSON keys are refused naming the key in hpa stdin, experiments, train configs, k6 export specs, stack specs and merge inputs (SCALELAB_POLICY: crash 7)', async () => {
  const dupHpa = `{"now":1700000000,"currentReplicas":1,"currentReplicas":3,${JSON.stringify(HPA_INPUT).slice(1).replace('"now":1700000000,"currentReplicas":1,', '')}`;
  const exp = tinyExperiment(dir, 'dup-src');
  const dupExp = join(dir, 'dup-exp.json');
  writeFileSync(dupExp, readFileSync(exp, 'utf8').replace('"name": "tiny",', '"name": "tiny",\n  "name": "other",'));
  const dupConfig = join(dir, 'dup-config.json');
  writeFileSync(dupConfig, '{"evalEpisodes": 2, "evalEpisodes": 3}');
  const dupSpec = join(dir, 'dup-spec.json');
  writeFileSync(dupSpec, '{"type":"steady","rps":10,"durationSeconds":300,"rps":20}');
  const root = join(dir, 'root-dup');
  mkdirSync(root);
  copyFileSync(join(ROOT, 'Pulumi.yaml'), join(root, 'Pulumi.yaml'));
  writeFileSync(join(root, 'Pulumi.dupw.yaml'), `config:\n  scalelab:autoscaler: hpa\n  scalelab:workloadSpec: ${JSON.stringify('{"type":"steady","rps":10,"rps":20,"durationSeconds":100}')}\n`);
  writeFileSync(join(root, 'Pulumi.dupa.yaml'), `config:\n  scalelab:autoscaler: rl\n  scalelab:autoscalerSpec: ${JSON.stringify('{"name":"k","type":"kpa","type":"hpa"}')}\n`);
  const shard = join(dir, 'dup-shard');
  const records = await tinyRecords();
  mkdirSync(shard);
  copyFileSync(records, join(shard, 'records.jsonl'));
  writeFileSync(join(shard, 'experiment.json'), readFileSync(join(records, '..', 'experiment.json'), 'utf8').replace('{', '{"name":"x",'));
  const cases: Array<[string[], string | undefined, string]> = [
    [['hpa', 'calc'], dupHpa, 'currentReplicas'],
    [['run', dupExp, '--out', join(dir, 'o1')], undefined, 'name'],
    [['train', 'dqn', '--config', dupConfig, '--out', join(dir, 'o2')], undefined, 'evalEpisodes'],
    [['k6', 'export', dupSpec], undefined, 'rps'],
    [['stacks', 'render', 'dupw', '--root', root], undefined, 'rps'],
    [['stacks', 'render', 'dupa', '--root', root], undefined, 'type'],
    [['merge', shard, '--out', join(dir, 'o3')], undefined, 'name'],
  ];
  for (const [args, input, key] of cases) assertRefused(await scalelab(args, { input }), [key, 'duplicate key']);
});

test('silent 10: `--out \'\'` is refused by run, train, reproduce, merge and tune-reward instead of writing into the current folder', async () => {
  const cwd = probeDir('empty-out');
  for (const args of [['run', tinyExperiment(dir, 'eo')], ['train', 'dqn'], ['reproduce', 'n30'], ['tune-reward'], ['merge', dir]]) {
    const r = await scalelab([...args, '--out', ''], { cwd });
    assertRefused(r, ['--out']);
  }
  assert.equal(readdirSync(cwd), [], 'nothing written into the current folder');
});

test('silent 11–13: a random-bytes Pulumi.<stack>.yaml, an unknown agentPolicy and an invalid image are refused by `stacks render`', async () => {
  const root = join(dir, 'root-bad');
  mkdirSync(root);
  copyFileSync(join(ROOT, 'Pulumi.yaml'), join(root, 'Pulumi.yaml'));
  let x = 7;
  writeFileSync(join(root, 'Pulumi.rand.yaml'), Buffer.from(Array.from({ length: 3000 }, () => ((x = (x * 1103515245 + 12345) % 2 ** 31), x % 256))));
  writeFileSync(join(root, 'Pulumi.word.yaml'), 'hello\n');
  writeFileSync(join(root, 'Pulumi.pol.yaml'), 'config:\n  scalelab:autoscaler: rl\n  scalelab:agentPolicy: nonsense\n');
  writeFileSync(join(root, 'Pulumi.img.yaml'), 'config:\n  scalelab:autoscaler: rl\n  scalelab:agentImage: "UPPER CASE:::bad"\n');
  writeFileSync(join(root, 'Pulumi.typo.yaml'), 'config:\n  scalelab:autoscaler: hpa\n  scalelab:maxReplica: "3"\n');
  const cases: Array<[string, Array<string | RegExp>]> = [
    ['rand', ['Pulumi.rand.yaml']],
    ['word', ['Pulumi.word.yaml', 'a YAML mapping']],
    ['pol', ['scalelab:agentPolicy', 'nonsense', 'a registered autoscaler type']],
    ['img', ['scalelab:agentImage', 'an image reference']],
    ['typo', ['scalelab:maxReplica']],
  ];
  for (const [stack, names] of cases) {
    const r = await scalelab(['stacks', 'render', stack, '--root', root]);
    assertRefused(r, names);
    assert.is(r.stdout, '', `${stack}: nothing rendered`);
  }
});

/** The tiny records with `edit` applied to record `index` (0-based), written to a temp file. */
async function editedRecords(name: string, index: number, edit: (r: { metrics: Record<string, unknown> } & Record<string, unknown>) => void): Promise<string> {
  const lines = readFileSync(await tinyRecords(), 'utf8').trim().split('\n');
  const r = JSON.parse(lines[index]);
  edit(r);
  lines[index] = JSON.stringify(r);
  const path = join(dir, `${name}.jsonl`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

test('silent 14–16: `reproduce --records` and `cost` refuse negative latency, negative cost, more successes than requests and short series, naming the line', async () => {
  const cases: Array<[string, (r: { metrics: Record<string, unknown> } & Record<string, unknown>) => void, string]> = [
    ['neg-latency', (r) => void (r.metrics.latencyP95Ms = -5), 'latencyP95Ms'],
    ['neg-cost', (r) => void (r.metrics.costUsd = -0.01), 'costUsd'],
    ['successes', (r) => void (r.metrics.successfulRequests = (r.metrics.requests as number) + 1), 'successfulRequests'],
    ['short-series', (r) => void (r.series as { rps: number[] }).rps.pop(), 'series'],
  ];
  for (const [name, edit, field] of cases) {
    const records = await editedRecords(name, 2, edit);
    for (const args of [['reproduce', '--records', records, '--out', join(dir, `rep-${name}`)], ['cost', records]]) {
      const r = await scalelab(args);
      assert.is(r.exitCode, 2, `${args[0]} ${name}: refused\n${r.stderr}`);
      assert.match(r.stderr, /line 3 is not a valid scalelab\.run\/v1 record/, `${args[0]} ${name}: the line is named\n${r.stderr}`);
      assert.ok(r.stderr.includes(field), `${args[0]} ${name}: names ${field}\n${r.stderr}`);
    }
  }
});

test('silent 21: a k6 duration that overflows is refused at import (never printed as InfinityhNaNmNaNs)', async () => {
  const script = join(dir, 'over.js');
  writeFileSync(script, `export const options = { stages: [ { duration: "${'9'.repeat(400)}h", target: 10 } ] };\n`);
  const r = await scalelab(['k6', 'import', script]);
  assertRefused(r, ['options.stages[0].duration']);
  assert.not.match(r.stdout + r.stderr, /Infinity|NaN/);
});

test('silent 21 (sibling): the longest workload `k6 export` accepts (366 days) prints as a finite k6 duration', async () => {
  const r = await scalelab(['k6', 'export', 'steady', '--duration', '31622400']);
  assertOk(r);
  assert.not.match(r.stdout, /Infinity|NaN/);
  assert.match(r.stdout, /"duration": "\d+(h|m|s)/);
});

test('silent 22: `durationSeconds: 0.5` (less than one tick) is refused, not run as one tick', async () => {
  const exp = tinyExperiment(dir, 'half', (e) => void (e.scenarios[0].workload.durationSeconds = 0.5));
  assertRefused(await scalelab(['run', exp, '--out', join(dir, 'o-half')]), ['scenarios[0].workload', 'whole number', 'tickSeconds']);
});
