// `scalelab hpa calc|normalize`: two real processes (stdin → stdout, exit codes; run in parallel because the CLI
// takes seconds to start), then the same command function in-process for the other inputs.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { Command } from 'commander';
import { hpaJsonCommand, register } from '../../cli/commands/hpa.ts';
import { UserError } from '../../cli/errors.ts';

const root = resolve(import.meta.dirname, '..', '..');
const ZERO = -62135596800;

function run(args: string[], stdin: string): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['bin/scalelab.js', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const pod = (name: string, usageMilli: number) => ({ name, phase: 'Running', ready: true, startTime: ZERO, requestMilli: 2000, usageMilli });
const scaleUpInput = { now: 1700000000, currentReplicas: 3, metric: { type: 'Resource', name: 'cpu', targetUtilization: 30 }, pods: [pod('a', 600), pod('b', 1000), pod('c', 1400)] };

test('processes: hpa calc prints upstream "scale up" as JSON; negative replicas exit 2 naming the field, no stack trace', async () => {
  const [ok, bad] = await Promise.all([
    run(['hpa', 'calc'], JSON.stringify(scaleUpInput)),
    run(['hpa', 'calc'], JSON.stringify({ ...scaleUpInput, currentReplicas: -2 })),
  ]);
  assert.is(ok.status, 0, ok.stderr);
  assert.equal(JSON.parse(ok.stdout), { replicas: 5, utilization: 50, rawAverageMilli: 1000 });
  assert.is(bad.status, 2, bad.stderr);
  assert.ok(bad.stderr.includes('currentReplicas'), bad.stderr);
  assert.not.ok(/\n\s+at /.test(bad.stderr), `stack trace in: ${bad.stderr}`);
  assert.is(bad.stdout, '');
});

function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error('expected a UserError');
}

test('hpa normalize prints replicas and the ScalingLimited reason (upstream "scaleUp with pod policy limitation")', () => {
  const input = { now: 0, currentReplicas: 10, desiredReplicas: 50, minReplicas: 1, maxReplicas: 1000, behavior: { scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 30, periodSeconds: 60 }] } } };
  assert.equal(JSON.parse(hpaJsonCommand('normalize', JSON.stringify(input))), { replicas: 40, reason: 'ScaleUpLimit' });
});

test('bad input is a UserError with exit code 2 naming the field (wrong type, missing field, invalid JSON)', () => {
  const wrongType = userError(() => hpaJsonCommand('calc', JSON.stringify({ ...scaleUpInput, pods: [{ name: 'a', phase: 'Running', usageMilli: 'lots' }] })));
  assert.is(wrongType.exitCode, 2);
  assert.ok(wrongType.message.includes('pods[0].usageMilli'), wrongType.message);
  const missing = userError(() => hpaJsonCommand('normalize', JSON.stringify({ now: 1, currentReplicas: 2, desiredReplicas: 3, maxReplicas: 5 })));
  assert.is(missing.exitCode, 2);
  assert.ok(missing.message.includes('minReplicas'), missing.message);
  const invalid = userError(() => hpaJsonCommand('normalize', '{"now": 1,'));
  assert.is(invalid.exitCode, 2);
  assert.ok(invalid.message.includes('valid JSON'), invalid.message);
});

test('an input the HPA cannot compute (no metrics at all) is exit code 1 with the upstream reason', () => {
  const input = { now: 1, currentReplicas: 2, metric: { type: 'Resource', name: 'cpu', targetUtilization: 50 }, pods: [{ name: 'a', phase: 'Running', ready: true, requestMilli: 100 }] };
  const err = userError(() => hpaJsonCommand('calc', JSON.stringify(input)));
  assert.is(err.exitCode, 1);
  assert.ok(err.message.includes('FailedGetResourceMetric'), err.message);
});

test('--help on each subcommand documents its input fields and output', () => {
  const program = new Command().exitOverride();
  let text = '';
  program.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
  register(program);
  const help = (sub: string): string => {
    text = '';
    const cmd = program.commands.find((c) => c.name() === 'hpa')!.commands.find((c) => c.name() === sub)!;
    cmd.configureOutput({ writeOut: (s) => (text += s), writeErr: (s) => (text += s) });
    cmd.outputHelp();
    return text;
  };
  const calc = help('calc');
  assert.ok(calc.includes('targetUtilization') && calc.includes('metricTimestamp') && calc.includes('rawAverageMilli'), calc);
  const norm = help('normalize');
  assert.ok(norm.includes('scaleUpEvents') && norm.includes('TooFewReplicas'), norm);
});
