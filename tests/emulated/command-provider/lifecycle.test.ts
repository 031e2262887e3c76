// The Command resource's step logic against what the real provider does. Sources (pulumi-command v1.2.1):
// C = provider/pkg/provider/local/commandController.go, O = local/commandOutputs.go, I = common/inputs.go,
// B = local/base.go, L = local/logging.go; G = pulumi-go-provider v1.3.0 infer/resource.go (Diff, markSecret).
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import {
  commandId, commandOutputs, createCommand, deleteCommand, diffCommand, invocation, previousOutputs, resourceName, trimOutput, updateCommand,
} from '../../../emulated/command-provider/lifecycle.ts';
import { asSecret } from '../../../emulated/command-provider/wire-values.ts';

const UNKNOWN = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';
const created = { create: 'echo hi', environment: { NAME: 'world' }, triggers: [1, 'a'], stdout: 'hi', stderr: '' };

const diffRows: { name: string; news: Record<string, unknown>; changes: boolean; replaces: string[] }[] = [
  { name: 'same inputs (the old state stdout/stderr are outputs, not inputs): no changes, nothing runs (I: create "will not be executed if … inputs are unchanged"; G: Diff keeps the input fields of the state)', news: { create: 'echo hi', environment: { NAME: 'world' }, triggers: [1, 'a'] }, changes: false, replaces: [] },
  { name: 'a changed create is an update, not a replace (I: create/update docs; only triggers is replaceOnChanges)', news: { create: 'echo ho', environment: { NAME: 'world' }, triggers: [1, 'a'] }, changes: true, replaces: [] },
  { name: 'a changed environment value is an update', news: { create: 'echo hi', environment: { NAME: 'you' }, triggers: [1, 'a'] }, changes: true, replaces: [] },
  { name: 'an added delete command is an update', news: { create: 'echo hi', delete: 'rm x', environment: { NAME: 'world' }, triggers: [1, 'a'] }, changes: true, replaces: [] },
  { name: 'a removed input is an update', news: { create: 'echo hi', triggers: [1, 'a'] }, changes: true, replaces: [] },
  { name: 'a changed trigger element replaces (I: `provider:"replaceOnChanges"`; SDK replaceOnChanges ["triggers[*]"])', news: { create: 'echo hi', environment: { NAME: 'world' }, triggers: [2, 'a'] }, changes: true, replaces: ['triggers'] },
  { name: 'an added trigger element replaces', news: { create: 'echo hi', environment: { NAME: 'world' }, triggers: [1, 'a', true] }, changes: true, replaces: ['triggers'] },
  { name: 'removing triggers altogether replaces', news: { create: 'echo hi', environment: { NAME: 'world' } }, changes: true, replaces: ['triggers'] },
  { name: 'a trigger unknown at preview time replaces', news: { create: 'echo hi', environment: { NAME: 'world' }, triggers: [UNKNOWN, 'a'] }, changes: true, replaces: ['triggers'] },
  { name: 'an input unknown at preview time is an update', news: { create: UNKNOWN, environment: { NAME: 'world' }, triggers: [1, 'a'] }, changes: true, replaces: [] },
  { name: 'the same value turned secret counts as a change (G: PropertyValue.DeepEquals compares secretness)', news: { create: asSecret('echo hi'), environment: { NAME: 'world' }, triggers: [1, 'a'] }, changes: true, replaces: [] },
  { name: 'a `version` key and `__`-prefixed keys are ignored (G: diff deletes them from the inputs)', news: { create: 'echo hi', environment: { NAME: 'world' }, triggers: [1, 'a'], version: '1.2.1', __defaults: [] }, changes: false, replaces: [] },
];
for (const row of diffRows) {
  test(`diffCommand: ${row.name}`, () => {
    const d = diffCommand(created, row.news);
    assert.is(d.changes, row.changes);
    assert.equal(d.replaces, row.replaces);
  });
}

test('diffCommand: adding triggers to a command that had none replaces (G: forceReplace on the `triggers` key)', () => {
  assert.equal(diffCommand({ create: 'x', stdout: '', stderr: '' }, { create: 'x', triggers: ['t'] }).replaces, ['triggers']);
});

test('diffCommand: a null input equals an absent one (Go: a nil optional pointer is not encoded)', () => {
  assert.is(diffCommand({ create: 'x', stdout: '', stderr: '' }, { create: 'x', dir: null }).changes, false);
});

test('the ID is the resource name plus 8 hex digits (C: resource.NewUniqueHex(name, 8, 0))', () => {
  assert.is(resourceName('urn:pulumi:dev::proj::scalelab:cluster:MicroK8sCluster$command:local:Command::c-vm-0'), 'c-vm-0');
  assert.is(resourceName('urn:pulumi:dev::proj::command:local:Command::odd::name'), 'odd::name');
  assert.is(commandId('c-vm-0', '0a1b2c3d'), 'c-vm-00a1b2c3d');
  assert.throws(() => commandId('x', '123'), /8 lowercase hex digits/);
});

test('create runs `create` or nothing; update runs `update`, else `create`, else nothing; delete runs `delete` (C)', () => {
  assert.is(createCommand({ create: 'a', update: 'b' }), 'a');
  assert.is(createCommand({ update: 'b' }), undefined);
  assert.is(updateCommand({ create: 'a', update: 'b' }), 'b');
  assert.is(updateCommand({ create: 'a' }), 'a');
  assert.is(updateCommand({ create: 'a', update: '' }), '', 'an empty update is set (non-nil) and wins over create');
  assert.is(updateCommand({ delete: 'c' }), undefined);
  assert.is(deleteCommand({ create: 'a', delete: 'c' }), 'c');
  assert.is(deleteCommand({ create: 'a' }), undefined);
});

test('invocation: /bin/sh -c by default, the interpreter otherwise, the command always last (O, B: interpreter doc)', () => {
  assert.equal(invocation('echo $X', {}, undefined, {}).argv, ['/bin/sh', '-c', 'echo $X']);
  assert.equal(invocation('print(1)', { interpreter: ['python3', '-c'] }, undefined, {}).argv, ['python3', '-c', 'print(1)']);
  assert.equal(invocation('x', { interpreter: [] }, undefined, {}).argv, ['/bin/sh', '-c', 'x'], 'an empty interpreter list means the default');
});

test('invocation: environment over the provider env, previous outputs over both, only when non-empty (O)', () => {
  const parent = { PATH: '/bin', NAME: 'parent', PULUMI_COMMAND_STDOUT: 'stale' };
  const inv = invocation('x', { environment: { NAME: 'mine' } }, { stdout: 'prev out', stderr: '' }, parent);
  assert.equal(inv.env, { PATH: '/bin', NAME: 'mine', PULUMI_COMMAND_STDOUT: 'prev out' });
  const none = invocation('x', { addPreviousOutputInEnv: false }, { stdout: 'prev', stderr: 'err' }, {});
  assert.equal(none.env, {}, 'addPreviousOutputInEnv: false (B: "Defaults to true")');
  const both = invocation('x', { addPreviousOutputInEnv: true }, { stdout: 'o', stderr: 'e' }, {});
  assert.equal(both.env, { PULUMI_COMMAND_STDOUT: 'o', PULUMI_COMMAND_STDERR: 'e' });
  assert.equal(invocation('x', {}, undefined, {}).env, {}, 'create has no previous outputs');
});

test('invocation: stdin only when non-empty; dir passed through (O: `len(*in.Stdin) > 0`)', () => {
  assert.is(invocation('cat', { stdin: '' }, undefined, {}).stdin, undefined);
  assert.is(invocation('cat', { stdin: 'abc' }, undefined, {}).stdin, 'abc');
  assert.is(invocation('pwd', { dir: '/tmp' }, undefined, {}).dir, '/tmp');
});

test('logging: both streams by default; stdout, stderr, stdoutAndStderr, none select them (L: ShouldLogStdout/Stderr)', () => {
  const sel = (logging?: 'stdout' | 'stderr' | 'stdoutAndStderr' | 'none') => {
    const inv = invocation('x', { logging }, undefined, {});
    return [inv.logStdout, inv.logStderr];
  };
  assert.equal(sel(undefined), [true, true]);
  assert.equal(sel('stdout'), [true, false]);
  assert.equal(sel('stderr'), [false, true]);
  assert.equal(sel('stdoutAndStderr'), [true, true]);
  assert.equal(sel('none'), [false, false]);
});

test('trimOutput removes exactly one trailing "\\n" (O: strings.TrimSuffix(s, "\\n"))', () => {
  assert.is(trimOutput('hello\n'), 'hello');
  assert.is(trimOutput('hello\n\n'), 'hello\n');
  assert.is(trimOutput('hello\r\n'), 'hello\r');
  assert.is(trimOutput('hello'), 'hello');
  assert.is(trimOutput(''), '');
});

test('outputs echo every input as received and add stdout/stderr (upstream TestLocalCommand createdState)', () => {
  assert.equal(commandOutputs({ create: 'echo hello, $NAME!', environment: { NAME: 'world' } }, { stdout: 'hello, world!', stderr: '' }),
    { create: 'echo hello, $NAME!', environment: { NAME: 'world' }, stdout: 'hello, world!', stderr: '' });
});

test('stdout/stderr are secret when any input holds a secret (G: markSecret, outputs depend on all inputs)', () => {
  const outs = commandOutputs({ create: 'cat', environment: { TOKEN: asSecret('s3cret') } }, { stdout: 'o', stderr: 'e' });
  assert.equal(outs.stdout, asSecret('o'));
  assert.equal(outs.stderr, asSecret('e'));
  assert.equal(outs.environment, { TOKEN: asSecret('s3cret') });
});

test('previousOutputs reads the stored streams, missing ones as empty', () => {
  assert.equal(previousOutputs({ stdout: 'a', stderr: 'b' }), { stdout: 'a', stderr: 'b' });
  assert.equal(previousOutputs({}), { stdout: '', stderr: '' });
});
