import { readTrainingLogs } from '../../experiments/reproduce/index.ts';
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { Command } from 'commander';
import { register } from '../../cli/commands/reproduce.ts';
import { UserError } from '../../cli/errors.ts';
import { makeRecord } from '../reports/helpers/synthetic-records.ts';

process.env.SCALELAB_QUIET = '1';

/** Runs `scalelab <args>` with only the reproduce command registered; returns what it printed. */
async function run(args: string[]): Promise<string> {
  const program = new Command();
  program.exitOverride();
  register(program);
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => ((out += String(chunk)), true)) as typeof process.stdout.write;
  try {
    await program.parseAsync(args, { from: 'user' });
  } finally {
    process.stdout.write = write;
  }
  return out;
}

// The published T4 means (thesis-n30.md §A), written out independently of the code's table.
const PUBLISHED: [string, string, string][] = [
  ['mean response time (ms)', '106.78', '101.62'],
  ['median response time (ms)', '100.00', '100.00'],
  ['P95 response time (ms)', '137.45', '110.49'],
  ['mean CPU utilization (%)', '65.78', '60.55'],
  ['total cost ($)', '77.00', '83.87'],
  ['SLA violation rate (% of steps)', '0.173', '0.068'],
  ['mean pods', '5.35', '5.82'],
];

test('`reproduce n30` prints T4 with our means equal to the published ones, and writes the per-trace CSV', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-n30-'));
  try {
    const out = await run(['reproduce', 'n30', '--out', dir]);
    for (const [label, hpa, other] of PUBLISHED) {
      const line = out.split('\n').find((l) => l.startsWith(label));
      assert.ok(line, `row ${label}`);
      const cells = line!.slice(label.length).trim().split(/\s{2,}/);
      // thesis HPA | ours | thesis "Hybrid" | ours
      assert.equal(cells.slice(0, 4), [hpa, hpa, other, other], label);
      assert.ok(line!.trimEnd().endsWith('reproduced') && !line!.includes('not reproduced'), label);
    }
    const csv = readFileSync(join(dir, 'n30-per-trace.csv'), 'utf8').trim().split('\n');
    assert.is(csv[0], 'seed,controller,mean_response_time_ms,median_response_time_ms,p95_response_time_ms,mean_cpu_pct,total_cost,sla_violation_rate_pct,mean_pods,max_pods');
    assert.is(csv.length, 61);
    assert.ok(csv[1].startsWith('1000,hpa,') && csv[2].startsWith('1000,thesis-threshold,'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('`reproduce --quick` runs end to end: prints T1–T4 and writes the report files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-quick-'));
  try {
    const out = await run(['reproduce', '--quick', '--out', dir]);
    for (const id of ['T4 — n=30', 'T1 — reward configurations', 'T2 — constrained', 'T3 — HPA vs RL']) assert.ok(out.includes(id), id);
    assert.match(out, /Report: .*index\.html/);
    // No NaN anywhere (zero baselines say "undefined (baseline is 0)"); λ comes from the training log, not "undefined in all N runs".
    assert.not.match(out, /NaN/);
    assert.not.match(out, /λ converged is undefined/);
    for (const f of ['report.md', 'index.html', 'records.jsonl', 'summary.csv', 'n30-per-trace.csv']) assert.ok(existsSync(join(dir, f)), f);
    // Real records of the realistic plant reach the tables: the upstream HPA and the threshold rule are compared.
    assert.match(out, /T4 on the realistic plant — threshold rule vs the upstream-exact HPA\n.*\n.*\nmean latency +[0-9.]+ ms/);
    // Records of another experiment in the output directory are moved aside, never mixed in or deleted.
    const stale = { ...makeRecord('hpa-70', 1), experiment: 'other' };
    writeFileSync(join(dir, 'records.jsonl'), `${JSON.stringify(stale)}\n`);
    await run(['reproduce', '--quick', '--out', dir]);
    assert.is(readFileSync(join(dir, 'records.jsonl.previous'), 'utf8'), `${JSON.stringify(stale)}\n`);
    assert.not.ok(readFileSync(join(dir, 'records.jsonl'), 'utf8').includes('"experiment":"other"'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('`reproduce --records` with an unpaired seed marks it in the report', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-bad-'));
  try {
    const file = join(dir, 'in.jsonl');
    const recs = [makeRecord('hpa', 1), makeRecord('hpa', 2), makeRecord('hybrid', 1)];
    writeFileSync(file, recs.map((r) => JSON.stringify(r)).join('\n'));
    const out = await run(['reproduce', '--quick', '--records', file, '--out', join(dir, 'report')]);
    assert.match(out, /data problem\(s\)/);
    const md = readFileSync(join(dir, 'report', 'report.md'), 'utf8');
    assert.ok(md.includes('hybrid has no record for seed(s) 2'), 'unpaired seed listed');
    assert.is(readFileSync(join(dir, 'report', 'records.jsonl'), 'utf8').trim().split('\n').length, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

// Issue 16 item 5: an impossible record must not reach a table (a thesis verdict once flipped on one).
const IMPOSSIBLE: { name: string; record: Record<string, unknown>; says: RegExp }[] = [
  { name: 'another schema version', record: { ...makeRecord('hybrid', 2), schema: 'scalelab.run/v0' }, says: /line 4 .*schema: got "scalelab\.run\/v0", expected "scalelab\.run\/v1"/ },
  { name: 'a negative latency', record: makeRecord('hybrid', 2, { latencyP95Ms: -5 }), says: /line 4 .*metrics\.latencyP95Ms: got -5, expected a finite number ≥ 0/ },
  { name: 'a negative cost', record: makeRecord('hybrid', 2, { costUsd: -0.01 }), says: /line 4 .*metrics\.costUsd: got -0\.01/ },
  { name: 'more successes than requests', record: makeRecord('hybrid', 2, { requests: 10, successfulRequests: 11, failedRequests: 0, slaViolatingRequests: 0 }), says: /line 4 .*metrics\.successfulRequests: got 11, expected ≤ metrics\.requests \(10\)/ },
  {
    name: 'a series shorter than the run',
    record: (() => { const r = makeRecord('hybrid', 2); const s = r.series!; for (const k of Object.keys(s) as (keyof typeof s)[]) s[k] = s[k].slice(0, 30); return r; })(),
    says: /line 4 .*series\.tSeconds: has 30 points, expected 60/,
  },
];
for (const c of IMPOSSIBLE) {
  test(`\`reproduce --records\` refuses ${c.name} with the line number (exit 2)`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scalelab-bad-'));
    try {
      const file = join(dir, 'in.jsonl');
      const recs = [makeRecord('hpa', 1), makeRecord('hpa', 2), makeRecord('hybrid', 1), c.record];
      writeFileSync(file, recs.map((r) => `${JSON.stringify(r)}\n`).join(''));
      await run(['reproduce', '--quick', '--records', file, '--out', join(dir, 'report')]).then(
        () => assert.unreachable('accepted'),
        (err: Error) => {
          assert.instance(err, UserError);
          assert.is((err as UserError).exitCode, 2);
          assert.match(err.message, c.says);
        },
      );
      assert.not.ok(existsSync(join(dir, 'report', 'report.md')), 'no report from impossible records');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('a FIFO among the training logs is refused at once (it would block a read forever)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-fifo-'));
  try {
    writeFileSync(join(dir, 'dqn.jsonl'), '{"agent":"dqn","episode":1,"reward":2}\n');
    execFileSync('mkfifo', [join(dir, 'ppo.jsonl')]);
    assert.throws(() => readTrainingLogs(dir), (err: Error) => err instanceof UserError && err.exitCode === 2 && /training log .*ppo\.jsonl: is a FIFO \(named pipe\), expected a regular file/.test(err.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('`reproduce --records` on a directory is bad input naming it, not a raw EISDIR', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-bad-'));
  try {
    mkdirSync(join(dir, 'records.jsonl'));
    await run(['reproduce', '--quick', '--records', join(dir, 'records.jsonl'), '--out', join(dir, 'r')]).then(
      () => assert.unreachable('accepted'),
      (err: Error) => {
        assert.instance(err, UserError);
        assert.is((err as UserError).exitCode, 2);
        assert.match(err.message, /records file .*records\.jsonl: is a directory, expected a regular file/);
      },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a records file that is not JSON Lines is refused with the line number', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-bad-'));
  try {
    const file = join(dir, 'in.jsonl');
    writeFileSync(file, `${JSON.stringify(makeRecord('hpa', 1))}\nnot json\n`);
    try {
      await run(['reproduce', '--quick', '--records', file, '--out', join(dir, 'r')]);
      assert.unreachable('should throw');
    } catch (err) {
      assert.instance(err, UserError);
      assert.match((err as Error).message, /line 2 is not valid JSON/);
    }
    await run(['reproduce', 'nonsense']).then(
      () => assert.unreachable('unknown target accepted'),
      (err: Error) => assert.match(err.message, /unknown target "nonsense"/),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an --out that is a file, or under one, is refused as bad input before anything runs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-out-'));
  try {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    for (const [args, message] of [
      [['reproduce', '--quick', '--out', file], /--out .*a-file: exists and is not a directory/],
      [['reproduce', 'n30', '--out', join(file, 'sub')], /--out .*a-file\/sub: cannot create the output directory/],
    ] as [string[], RegExp][]) {
      await run(args).then(
        () => assert.unreachable(`${args.join(' ')} accepted`),
        (err: Error) => {
          assert.instance(err, UserError);
          assert.is((err as UserError).exitCode, 2);
          assert.match(err.message, message);
        },
      );
    }
    assert.is(readFileSync(file, 'utf8'), 'x');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
