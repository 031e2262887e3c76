// Issue 16 item 2, the cases the hostile-user probe found: each is refused before any cell runs, as bad input
// (exit 2) naming the field, instead of running for hours, exhausting memory or silently running one tick.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseExperiment } from '../../experiments/experiment.ts';
import { loadExperiment } from '../../experiments/load-experiment.ts';
import { traceLoader } from '../../experiments/load-trace.ts';
import { UserError } from '../../lib/errors.ts';

const steady = { type: 'steady', rps: 100, durationSeconds: 120 };
const experiment = (scenario: Record<string, unknown>, plant?: Record<string, unknown>) => ({
  name: 'bounds', seeds: [1], ...(plant ? { plant } : {}), scenarios: [{ name: 's', ...scenario }], autoscalers: [{ name: 'hpa', type: 'hpa' }],
});

const cases: { name: string; value: unknown; says: RegExp }[] = [
  { name: 'a scenario of 1e9 s', value: experiment({ workload: { ...steady, durationSeconds: 1e9 } }), says: /scenarios\[0\]\.workload\.durationSeconds: got 1000000000, expected a number > 0 and ≤ 31622400/ },
  { name: 'a scenario duration of 1e9 s over a short workload', value: experiment({ workload: steady, durationSeconds: 1e9 }), says: /scenarios\[0\]\.durationSeconds: got 1000000000, expected a number > 0 and ≤ 2678400/ },
  { name: 'a tick of 1e-6 s', value: experiment({ workload: steady }, { tickSeconds: 1e-6 }), says: /plant\.tickSeconds: got 0\.000001, expected a number in \[0\.01, 60\]/ },
  { name: 'a 31-day run at 0.01 s ticks (2.7e8 ticks)', value: experiment({ workload: { ...steady, durationSeconds: 31 * 86400 } }, { tickSeconds: 0.01, metricsResolutionSeconds: 15 }), says: /scenarios\[0\]\.workload: got 2678400, expected a run of at most 10000000 ticks of tickSeconds = 0\.01 \(got 267840000\)/ },
  { name: 'rps 1e15 (the simulator then wrote a record its own validator refused)', value: experiment({ workload: { ...steady, rps: 1e15 } }), says: /scenarios\[0\]\.workload\.rps: got 1000000000000000, expected a number ≥ 0 and ≤ 10000000/ },
  { name: 'a composite whose rate exceeds the limit', value: experiment({ workload: { type: 'scaled', factor: 1000, of: { ...steady, rps: 1e6 } } }), says: /scenarios\[0\]\.workload: got 1000000000, expected a load of at most 10000000 req\/s \(reached at t = 0 s\)/ },
  { name: 'durationSeconds 0.5 (ran one tick of 1 s)', value: experiment({ workload: steady, durationSeconds: 0.5 }), says: /scenarios\[0\]\.durationSeconds: got 0\.5, expected a whole number ≥ 1 of ticks of tickSeconds = 1$/ },
  { name: 'a workload of 90.5 s on 1 s ticks', value: experiment({ workload: { ...steady, durationSeconds: 90.5 } }), says: /scenarios\[0\]\.workload: got 90\.5, expected a whole number ≥ 1 of ticks of tickSeconds = 1 \(the workload lasts 90\.5 s\)/ },
  { name: 'noise.stepSeconds 1e-9', value: experiment({ workload: { type: 'noise', relativeSd: 0.1, stepSeconds: 1e-9, of: steady } }), says: /scenarios\[0\]\.workload\.stepSeconds: got 1e-9, expected a number ≥ 0\.000012 \(at most 10000000 steps over 120 s\)/ },
  { name: 'composites nested 17 deep', value: experiment({ workload: Array.from({ length: 17 }).reduce((inner) => ({ type: 'sum', of: [inner] }), steady) }), says: /scenarios\[0\]\.workload(\.of\[0\]){17}: got "\(nested spec\)", expected composite specs nested at most 16 deep/ },
  { name: '1001 seeds', value: { ...experiment({ workload: steady }), seeds: Array.from({ length: 1001 }, (_, i) => i) }, says: /seeds: got \[0,1,2,.*expected at most 1000 seeds/ },
];
for (const c of cases) {
  test(`experiment: refuses ${c.name}, naming the field`, async () => {
    await parseExperiment(c.value, { source: 'b', loadTrace: traceLoader() }).then(
      () => assert.unreachable('accepted'),
      (err: Error) => {
        assert.instance(err, UserError);
        assert.is((err as UserError).exitCode, 2);
        assert.match(err.message, c.says);
      },
    );
  });
}

test('experiment: the limits themselves are accepted (31 days on 1 s ticks, 1e7 req/s, 16 levels of nesting)', async () => {
  const deep = Array.from({ length: 16 }).reduce((inner) => ({ type: 'sum', of: [inner] }), { ...steady, rps: 1e7 });
  assert.ok(await parseExperiment(experiment({ workload: deep }), { source: 'b' }));
  assert.ok(await parseExperiment(experiment({ workload: { ...steady, durationSeconds: 31 * 86400 } }), { source: 'b' }));
});

const files: { name: string; write: (dir: string) => string; says: RegExp }[] = [
  { name: 'a trace path of /dev/zero', write: (dir) => json(dir, experiment({ workload: { type: 'trace', file: '/dev/zero' } })), says: /scenarios\[0\]\.workload: trace file \/dev\/zero: is a character device, expected a regular file/ },
  { name: 'a trace path that is a FIFO', write: (dir) => { execFileSync('mkfifo', [join(dir, 't.csv')]); return json(dir, experiment({ workload: { type: 'trace', file: 't.csv' } })); }, says: /trace file t\.csv: is a FIFO \(named pipe\), expected a regular file/ },
  { name: 'a trace file over 64 MiB', write: (dir) => { writeFileSync(join(dir, 'big.csv'), Buffer.alloc(64 * 1024 * 1024 + 1, 0x31)); return json(dir, experiment({ workload: { type: 'trace', file: 'big.csv' } })); }, says: /trace file big\.csv: is 67108865 bytes, expected at most 67108864 bytes/ },
  { name: '100,000-deep nesting', write: (dir) => text(dir, `{"name":"x","seeds":[1],"scenarios":[{"name":"s","workload":${'{"type":"sum","of":['.repeat(100_000)}1${']}'.repeat(100_000)}}],"autoscalers":[]}`), says: /experiment e\.json: scenarios\[0\]\.workload(\.of\[0\])+\.of: nesting too deep, expected at most 64 levels/ },
  { name: 'a duplicate key', write: (dir) => text(dir, '{"name":"x","seeds":[1],"seeds":[2]}'), says: /experiment e\.json: seeds: duplicate key, expected each key at most once per object/ },
  { name: 'a directory as the experiment', write: (dir) => dir, says: /experiment .*: is a directory, expected a regular file/ },
];
function json(dir: string, v: unknown): string {
  return text(dir, JSON.stringify(v));
}
function text(dir: string, t: string): string {
  writeFileSync(join(dir, 'e.json'), t);
  return join(dir, 'e.json');
}
for (const c of files) {
  test(`loadExperiment: refuses ${c.name} at once, as bad input`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scalelab-bounds-'));
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      const path = c.write(dir);
      await loadExperiment(path === dir ? `${dir}/` : 'e.json').then(
        () => assert.unreachable('accepted'),
        (err: Error) => {
          assert.instance(err, UserError);
          assert.is((err as UserError).exitCode, 2);
          assert.match(err.message, c.says);
        },
      );
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
