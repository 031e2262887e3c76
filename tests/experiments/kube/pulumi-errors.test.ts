// The message a user reads when Pulumi fails, from a real failure: the CommandError the Automation API raised when
// the kubernetes provider was killed (kill -9) during a cell's `pulumi up` on the emulated cluster (Pulumi CLI
// 3.248, provider 4.x; tests/fixtures/kube-backend/pulumi-up-provider-killed.txt, paths shortened to /repo).
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnostics, pulumiFailure } from '../../../experiments/kube/pulumi-errors.ts';

const fixture = readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'kube-backend', 'pulumi-up-provider-killed.txt'), 'utf8');

test('a killed provider: the engine\'s diagnostics, once each (the CLI prints them twice), without progress or warnings', () => {
  const e = pulumiFailure('up', 'e2e-smoke-sudden-spike-hpa-70-s1', new Error(fixture));
  assert.is(e.message, [
    'pulumi up e2e-smoke-sudden-spike-hpa-70-s1 failed:',
    '  Service e2e-smoke-sudden-spike-hpa-70-s1-app-service-nginx: error reading from server: EOF',
    '  Deployment e2e-smoke-sudden-spike-hpa-70-s1-app-deployment-nginx: error reading from server: EOF',
    '  Stack scalelab-e2e-smoke-sudden-spike-hpa-70-s1: Detected that /repo/.tools/bin/pulumi-resource-kubernetes exited prematurely.',
  ].join('\n'));
  assert.ok(fixture.split('\n').length > 100, 'the raw message is the whole CLI output');
});

test('the Automation API\'s commandResult is preferred over the message; no diagnostics → the first line', () => {
  const err = Object.assign(new Error('code: 1'), { commandResult: { stdout: 'Diagnostics:\n  pulumi:pulumi:Stack (p-s):\n    error: program failed\n    warning: w\n', stderr: '' } });
  assert.is(pulumiFailure('destroy', 's', err).message, 'pulumi destroy s failed:\n  Stack p-s: program failed');
  assert.is(pulumiFailure('up', 's', new Error('\n  spawn pulumi ENOENT\nmore')).message, 'pulumi up s failed:\n  spawn pulumi ENOENT');
});

test('many errors are capped with a pointer to the log', () => {
  const text = `Diagnostics:\n${Array.from({ length: 12 }, (_, i) => `  kubernetes:core/v1:ConfigMap (c${i}):\n    error: bad ${i}\n`).join('')}`;
  assert.is(diagnostics(text).length, 12);
  const m = pulumiFailure('up', 's', new Error(text)).message.split('\n');
  assert.is(m.length, 1 + 8 + 1);
  assert.is(m[9], '  … and 4 more (the full output is in the log above)');
});

test('the raw CommandError is not a cause (the CLI prints causes; its text is the whole output, already logged)', () => {
  assert.is(pulumiFailure('up', 's', new Error(fixture)).cause, undefined);
});
