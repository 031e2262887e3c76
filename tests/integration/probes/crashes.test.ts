// Issue 16 probe, "Crashes and raw messages": each case through the real CLI (or, for the agent controller, its
// entrypoint with the container's environment). Expected: exit 2 naming the field, file or variable, and no V8
// crash, stack frame or engine message in stderr.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertRefused, probeDir, ROOT, scalelab, tinyExperiment, tinyRecords } from './helpers/scalelab-cli.ts';

const dir = probeDir('crashes');
const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

/** A project root with the repository's Pulumi.yaml and one Pulumi.<stack>.yaml holding `config` lines. */
function stackRoot(name: string, config: Record<string, string>): string {
  const root = join(dir, `root-${name}`);
  mkdirSync(root, { recursive: true });
  copyFileSync(join(ROOT, 'Pulumi.yaml'), join(root, 'Pulumi.yaml'));
  writeFileSync(join(root, `Pulumi.${name}.yaml`), `config:\n${Object.entries(config).map(([k, v]) => `  scalelab:${k}: ${JSON.stringify(v)}`).join('\n')}\n`);
  return root;
}

test('crash 1: `k6 export --duration 1e12` is refused naming --duration and k6\'s limit (was a V8 fatal crash)', async () => {
  assertRefused(await scalelab(['k6', 'export', 'steady', '--duration', '1e12']), ['--duration', 'got "1e12"', 'expected at most']);
});

test('crash 1 (sibling): a WorkloadSpec file of 1e12 s for `k6 export` is refused naming workload.durationSeconds', async () => {
  const spec = join(dir, 'w12.json');
  writeFileSync(spec, JSON.stringify({ type: 'steady', rps: 10, durationSeconds: 1e12 }));
  assertRefused(await scalelab(['k6', 'export', spec]), ['workload.durationSeconds', 'got 1000000000000']);
});

test('crash 2: a stack whose workloadSpec lasts 1e12 s is refused by `stacks render`, naming the field', async () => {
  const root = stackRoot('long', { autoscaler: 'hpa', workloadSpec: JSON.stringify({ type: 'steady', rps: 10, durationSeconds: 1e12 }) });
  assertRefused(await scalelab(['stacks', 'render', 'long', '--root', root]), ['workload.durationSeconds', 'got 1000000000000']);
});

test('crash 2 (sibling): a stack durationSeconds of 1e12 is refused by `stacks render`', async () => {
  const root = stackRoot('d12', { autoscaler: 'hpa', durationSeconds: '1e12' });
  assertRefused(await scalelab(['stacks', 'render', 'd12', '--root', root]), ['durationSeconds', 'got 1000000000000']);
});

test('crash 4: 100,000-deep nesting is refused at the door in every JSON input (experiment, hpa stdin, train config, k6 export spec, stack specs, cost families, merge shard)', async () => {
  const text = deep(100_000);
  const file = join(dir, 'deep.json');
  writeFileSync(file, text);
  const shard = join(dir, 'deep-shard');
  mkdirSync(shard);
  writeFileSync(join(shard, 'experiment.json'), text);
  const cases: Array<[string[], string | undefined]> = [
    [['run', file, '--out', join(dir, 'o1')], undefined],
    [['hpa', 'calc'], text],
    [['hpa', 'normalize'], text],
    [['train', 'dqn', '--config', file, '--out', join(dir, 'o2')], undefined],
    [['k6', 'export', file], undefined],
    [['cost', await tinyRecords(), '--families', file], undefined],
    [['merge', shard, '--out', join(dir, 'o3')], undefined],
    [['stacks', 'render', 'deepw', '--root', stackRoot('deepw', { autoscaler: 'hpa', workloadSpec: deep(5000) })], undefined],
    [['stacks', 'render', 'deepa', '--root', stackRoot('deepa', { autoscaler: 'rl', autoscalerSpec: deep(5000) })], undefined],
  ];
  for (const [args, input] of cases) assertRefused(await scalelab(args, { input }), [/nesting|nested|levels/]);
});

test('crash 5: `hiddenUnits: [1e8]` in a training config is refused naming the field and the limit', async () => {
  const config = join(dir, 'big-net.json');
  writeFileSync(config, JSON.stringify({ dqn: { hiddenUnits: [1e8] } }));
  assertRefused(await scalelab(['train', 'dqn', '--config', config, '--out', join(dir, 'o4')]), ['dqn.hiddenUnits[0]', '100000000', '≤ 4096']);
});

test('crash 6: `noise.stepSeconds: 1e-9` is refused naming the field and the bound', async () => {
  const exp = tinyExperiment(dir, 'noise', (e) => void (e.scenarios[0].workload = { type: 'noise', relativeSd: 0.1, stepSeconds: 1e-9, of: { type: 'steady', rps: 10, durationSeconds: 300 } }));
  assertRefused(await scalelab(['run', exp, '--out', join(dir, 'o5')]), ['scenarios[0].workload.stepSeconds', 'got 1e-9']);
});

// The agent's entrypoint with the env its Deployment sets; no cluster, so a good config would start and retry.
const AGENT = ['--import', 'tsx', join(ROOT, 'agent/controller/main.ts')];
const agentEnv = { SCALELAB_NAMESPACE: 'n', SCALELAB_DEPLOYMENT: 'd', SCALELAB_PROMETHEUS_URL: 'http://127.0.0.1:1', SCALELAB_POLICY: 'hpa', KUBERNETES_SERVICE_HOST: '127.0.0.1' };

test('crash 7: a malformed SCALELAB_POLICY (truncated, duplicate key, deep nesting) exits 2 naming the variable', async () => {
  for (const policy of ['{"name":', '{"name":"a","type":"hpa","type":"kpa"}', deep(20_000)]) {
    const r = await scalelab([], { entry: AGENT, env: { ...agentEnv, SCALELAB_POLICY: policy }, timeoutMs: 30_000 });
    assertRefused(r, ['SCALELAB_POLICY']);
  }
});

test('crash 8: SCALELAB_METRICS_PORT=99999 exits 2 naming the variable and the range', async () => {
  const r = await scalelab([], { entry: AGENT, env: { ...agentEnv, SCALELAB_METRICS_PORT: '99999' }, timeoutMs: 30_000 });
  assertRefused(r, ['SCALELAB_METRICS_PORT', 'from 1 to 65535']);
});

test('crash 8 (sibling): SCALELAB_INTERVAL_SECONDS=1e12 (beyond what a timer holds: it would loop without pause) exits 2', async () => {
  for (const [k, v] of [['SCALELAB_INTERVAL_SECONDS', '1e12'], ['SCALELAB_COOLDOWN_SECONDS', '99999999999']]) {
    const r = await scalelab([], { entry: AGENT, env: { ...agentEnv, [k]: v }, timeoutMs: 30_000 });
    assertRefused(r, [k]);
  }
});

test('crash 9: records.jsonl being a directory is refused by run, cost and reproduce, naming it', async () => {
  const out = join(dir, 'out-dir-records');
  mkdirSync(join(out, 'records.jsonl'), { recursive: true });
  const exp = tinyExperiment(dir, 'dirrec');
  for (const args of [['run', exp, '--out', out], ['run', exp, '--out', out, '--repair'], ['cost', join(out, 'records.jsonl')], ['reproduce', '--records', join(out, 'records.jsonl'), '--out', join(dir, 'o6')]]) {
    assertRefused(await scalelab(args), ['records.jsonl', 'directory']);
  }
});

test('crash 11: `rps: 1e15` is refused at the door (the simulator\'s own record used to fail its validator)', async () => {
  const exp = tinyExperiment(dir, 'rps', (e) => void (e.scenarios[0].workload = { type: 'steady', rps: 1e15, durationSeconds: 300 }));
  assertRefused(await scalelab(['run', exp, '--out', join(dir, 'o7')]), ['scenarios[0].workload.rps', '≤ 10000000']);
});

test('crash (sibling): `cost --resamples 1e12` is refused naming the flag (was "Invalid array length" blamed on the records file)', async () => {
  assertRefused(await scalelab(['cost', await tinyRecords(), '--resamples', '1000000000000']), ['--resamples', 'got "1000000000000"']);
});

test('crash (sibling): a malformed --families or k6 export spec names the file and where the JSON breaks, without the engine\'s words alone', async () => {
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"families": [');
  for (const args of [['cost', await tinyRecords(), '--families', bad], ['k6', 'export', bad]]) {
    const r = await scalelab(args);
    assert.is(r.exitCode, 2, r.stderr);
    assert.ok(r.stderr.includes(bad), r.stderr);
    assert.match(r.stderr, /not valid JSON/);
  }
  assert.ok(readFileSync(bad, 'utf8').length > 0);
});
