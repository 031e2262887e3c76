// Issue 16 probe, item 8 through the CLI: fast-check mutates valid inputs of each parser (one field replaced by a
// hostile value, an unknown key added, a key duplicated) and runs the real command on each. Whatever the input,
// the answer is "valid" (exit 0) or "exit 2 with one message", in time, without raw internal text. The in-process
// property tests (tests/**/*.property.test.ts) cover the same parsers with many more runs; these few runs check
// the path from the file or stdin to the exit code. Seed: SCALELAB_PROBE_SEED (default 16), printed on failure.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertNoRawText, probeDir, ROOT, scalelab, tinyExperiment, tinyRecords, type CliResult } from './helpers/scalelab-cli.ts';

const dir = probeDir('property');
const seed = Number(process.env.SCALELAB_PROBE_SEED ?? 16);
const RUNS = 8;

/** Values that broke parsers before: extremes, wrong types, empty, deep, huge strings. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(1e308, -1e308, 1e-300, -0, 0, -1, 0.5, 1e15, 1e12, 2 ** 53, '', 'x', 'NaN', '1e3', null, true, [], {}, [[[[]]]]),
  fc.double(),
  fc.integer(),
  fc.string({ maxLength: 20 }),
  fc.nat({ max: 5000 }).map((n) => '9'.repeat(n + 1)),
);

/** Every path to a leaf or container of `v`. */
function paths(v: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof v !== 'object' || v === null) return [prefix];
  const out: Array<Array<string | number>> = prefix.length ? [prefix] : [];
  for (const [k, c] of Object.entries(v)) out.push(...paths(c, [...prefix, Array.isArray(v) ? Number(k) : k]));
  return out;
}

/** A mutation of `valid` as JSON text: replace a value, add an unknown key, or duplicate a key. */
function mutated(valid: unknown): fc.Arbitrary<string> {
  const all = paths(valid);
  return fc.oneof(
    fc.tuple(fc.constantFrom(...all), hostile).map(([path, value]) => {
      const copy = structuredClone(valid) as Record<string | number, unknown>;
      let at: Record<string | number, unknown> = copy;
      for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
      at[path[path.length - 1]] = value;
      return JSON.stringify(copy);
    }),
    fc.constantFrom(...all.filter((p) => p.length > 0)).map((path) => {
      const copy = structuredClone(valid) as Record<string | number, unknown>;
      let at: Record<string | number, unknown> = copy;
      for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
      if (typeof at === 'object' && !Array.isArray(at)) at[`${String(path[path.length - 1])}x`] = 1;
      return JSON.stringify(copy);
    }),
    fc.constant(JSON.stringify(valid).replace(/^\{("[^"]+":[^,{[]+),/, '{$1,$1,')),
  );
}

/** The answer is "valid" or "exit 2, one message": no hang, no crash, no raw text. */
function assertValidOrRefused(r: CliResult): void {
  const shown = `scalelab ${r.args.join(' ').slice(0, 200)}: exit ${r.exitCode} signal ${r.signal}${r.timedOut ? ' TIMED OUT' : ''}\n${r.stderr.slice(0, 1500)}`;
  assert.not.ok(r.timedOut, shown);
  assert.ok(r.exitCode === 0 || r.exitCode === 2, shown);
  if (r.exitCode === 2) assert.match(r.stderr, /^(scalelab|error): /, shown);
  assertNoRawText(r);
}

async function property(arb: fc.Arbitrary<string>, run: (text: string) => Promise<CliResult>): Promise<void> {
  await fc.assert(fc.asyncProperty(arb, async (text) => assertValidOrRefused(await run(text))), { numRuns: RUNS, seed, endOnFailure: true });
}

const HPA = { now: 1700000000, currentReplicas: 2, metric: { type: 'Resource', name: 'cpu', targetUtilization: 50 }, pods: [{ name: 'a', phase: 'Running', ready: true, startTime: 1699990000, requestMilli: 1000, usageMilli: 900 }], tolerance: { scaleUp: 0.1, scaleDown: 0.1 } };

test('hpa calc: mutated inputs on stdin are answered or refused with exit 2', async () => {
  await property(mutated(HPA), (text) => scalelab(['hpa', 'calc'], { input: text, timeoutMs: 30_000 }));
});

test('run: mutated experiment files are run or refused with exit 2', async () => {
  const valid = JSON.parse(readFileSync(tinyExperiment(dir, 'valid', (e) => {
    e.seeds = [7];
    e.scenarios = [e.scenarios[0]];
  }), 'utf8'));
  let i = 0;
  await property(mutated(valid), (text) => {
    const file = join(dir, `exp-${++i}.json`);
    writeFileSync(file, text);
    return scalelab(['run', file, '--out', join(dir, `out-${i}`), '--workers', '1'], { timeoutMs: 90_000 });
  });
});

test('k6 export: mutated WorkloadSpec files are exported or refused with exit 2', async () => {
  const valid = { type: 'sum', of: [{ type: 'ramp', fromRps: 1, toRps: 50, durationSeconds: 600 }, { type: 'noise', relativeSd: 0.1, stepSeconds: 5, of: { type: 'steady', rps: 10, durationSeconds: 600 } }] };
  let i = 0;
  await property(mutated(valid), (text) => {
    const file = join(dir, `spec-${++i}.json`);
    writeFileSync(file, text);
    return scalelab(['k6', 'export', file], { timeoutMs: 30_000 });
  });
});

test('k6 import: scripts with arbitrary stage durations and targets are read or refused with exit 2', async () => {
  const duration = fc.oneof(fc.string({ maxLength: 30 }), fc.stringMatching(/^[0-9.]{1,400}(ms|s|m|h|d|us|µs|ns)?([0-9.]{0,40}(ms|s|m|h))*$/));
  const target = fc.oneof(fc.double(), fc.integer(), fc.constantFrom('1e400', '"x"', 'null', '-1'));
  let i = 0;
  await property(fc.array(fc.tuple(duration, target), { minLength: 1, maxLength: 4 }).map((stages) => `export const options = { stages: [${stages.map(([d, t]) => `{ duration: ${JSON.stringify(d)}, target: ${String(t)} }`).join(', ')}] };\n`), (text) => {
    const file = join(dir, `script-${++i}.js`);
    writeFileSync(file, text);
    return scalelab(['k6', 'import', file], { timeoutMs: 30_000 });
  });
});

test('stacks render: stack files with hostile config values are rendered or refused with exit 2', async () => {
  const root = join(dir, 'root');
  mkdirSync(root);
  copyFileSync(join(ROOT, 'Pulumi.yaml'), join(root, 'Pulumi.yaml'));
  const keys = ['autoscaler', 'workload', 'workloadSpec', 'autoscalerSpec', 'durationSeconds', 'baseRps', 'peakRps', 'minReplicas', 'maxReplicas', 'targetCpuUtilizationPercent', 'cpuRequestMilli', 'agentPolicy', 'agentImage', 'agentModel', 'namespace', 'seed', 'shadow'];
  let i = 0;
  await property(fc.tuple(fc.constantFrom(...keys), hostile).map(([k, v]) => `config:\n  scalelab:autoscaler: "rl"\n  scalelab:agentPolicy: "kpa"\n  scalelab:${k}: ${JSON.stringify(typeof v === 'string' ? v : JSON.stringify(v))}\n`), (text) => {
    const name = `p${++i}`;
    writeFileSync(join(root, `Pulumi.${name}.yaml`), text.replace(/(scalelab:(autoscaler|agentPolicy): .*\n)([\s\S]*)\1/, '$1$3'));
    return scalelab(['stacks', 'render', name, '--root', root], { timeoutMs: 60_000 });
  });
});

test('cost: a records file with one mutated record is costed or refused with exit 2', async () => {
  const lines = readFileSync(await tinyRecords(), 'utf8').trim().split('\n');
  let i = 0;
  await property(mutated(JSON.parse(lines[1])), (text) => {
    const file = join(dir, `records-${++i}.jsonl`);
    writeFileSync(file, `${[lines[0], text, ...lines.slice(2)].join('\n')}\n`);
    return scalelab(['cost', file, '--resamples', '200'], { timeoutMs: 60_000 });
  });
});
