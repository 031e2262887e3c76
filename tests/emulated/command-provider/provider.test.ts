// The provider object end to end with real processes, driven as the engine drives it (check → create, diff →
// update, delete, invoke). Expected values come from pulumi-command v1.2.1's own tests (provider/tests/
// provider_test.go: TestLocalCommand, TestLocalCommandStdoutStderrFlag, TestLocalRun) and from
// local/commandController.go where no upstream test covers the case.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { commandProvider } from '../../../emulated/command-provider/provider.ts';
import { runCommand } from '../../../emulated/command-provider/run-command.ts';
import { asSecret } from '../../../emulated/command-provider/wire-values.ts';

const URN = 'urn:pulumi:test::command::command:local:Command::echo';
function make() {
  const logged: string[] = [];
  const p = commandProvider({ run: runCommand, randomHex: () => 'deadbeef', env: () => ({ PATH: process.env.PATH }), log: (_urn, line) => logged.push(line) });
  return { p, logged };
}

test('TestLocalCommand create-actual: echo hello, $NAME! with NAME=world → stdout "hello, world!", inputs echoed', async () => {
  const { p } = make();
  const inputs = { create: 'echo hello, $NAME!', environment: { NAME: 'world' } };
  const checked = await p.check!(URN, {}, inputs);
  assert.equal(checked.failures, []);
  const res = await p.create!(URN, checked.inputs);
  assert.is(res.id, 'echodeadbeef');
  assert.equal(res.outs, { create: 'echo hello, $NAME!', environment: { NAME: 'world' }, stdout: 'hello, world!', stderr: '' });
});

test('TestLocalCommand update-actual: same create, NAME=Pulumi → stdout "hello, Pulumi!" (update falls back to create)', async () => {
  const { p } = make();
  const olds = { create: 'echo hello, $NAME!', environment: { NAME: 'world' }, stdout: 'hello, world!', stderr: '' };
  const news = { create: 'echo hello, $NAME!', environment: { NAME: 'Pulumi' } };
  assert.equal(await p.diff!('echo1234', URN, olds, news), { changes: true, replaces: [], deleteBeforeReplace: false });
  const res = await p.update!('echo1234', URN, olds, news);
  assert.equal(res.outs, { create: 'echo hello, $NAME!', environment: { NAME: 'Pulumi' }, stdout: 'hello, Pulumi!', stderr: '' });
});

test('TestLocalCommandStdoutStderrFlag: update sees the previous stdout unless addPreviousOutputInEnv is false', async () => {
  const { p } = make();
  const created = await p.create!(URN, { create: 'echo std, $PULUMI_COMMAND_STDOUT' });
  assert.equal(created.outs, { create: 'echo std, $PULUMI_COMMAND_STDOUT', stdout: 'std,', stderr: '' });
  const withStd = await p.update!('echo1234', URN, created.outs, { create: 'echo std, $PULUMI_COMMAND_STDOUT', addPreviousOutputInEnv: true });
  assert.equal(withStd.outs, { create: 'echo std, $PULUMI_COMMAND_STDOUT', addPreviousOutputInEnv: true, stdout: 'std, std,', stderr: '' });
  const without = await p.update!('echo1234', URN, created.outs, { create: 'echo std, $PULUMI_COMMAND_STDOUT', addPreviousOutputInEnv: false });
  assert.equal(without.outs, { create: 'echo std, $PULUMI_COMMAND_STDOUT', addPreviousOutputInEnv: false, stdout: 'std,', stderr: '' });
});

test('TestLocalRun: command:local:run echo "Hello, World!" returns command, stdout, stderr', async () => {
  const { p } = make();
  assert.equal(await p.invoke!('command:local:run', { command: 'echo "Hello, World!"' }), { outputs: { command: 'echo "Hello, World!"', stdout: 'Hello, World!', stderr: '' } });
});

test('update runs `update` when set, with the previous outputs in its environment', async () => {
  const { p } = make();
  const olds = { create: 'echo one', update: 'echo "was $PULUMI_COMMAND_STDOUT"', stdout: 'one', stderr: '' };
  const res = await p.update!('x', URN, olds, { create: 'echo two', update: 'echo "was $PULUMI_COMMAND_STDOUT"' });
  assert.is((res.outs as { stdout: string }).stdout, 'was one');
});

test('update with neither update nor create keeps the previous stdout/stderr (commandController.go Update)', async () => {
  const { p } = make();
  const res = await p.update!('x', URN, { delete: 'true', stdout: 'kept', stderr: 'e' }, { delete: 'echo changed' });
  assert.equal(res.outs, { delete: 'echo changed', stdout: 'kept', stderr: 'e' });
});

test('delete runs `delete` with PULUMI_COMMAND_STDOUT/STDERR from the state (inputs.go delete doc)', async () => {
  const { p } = make();
  const seen = new Promise<string>((resolve) => {
    const q = commandProvider({ run: async (inv, o) => { const r = await runCommand(inv, o); resolve(r.stdout); return r; }, randomHex: () => '00000000', env: () => ({ PATH: process.env.PATH }), log: () => {} });
    void q.delete!('x', URN, { create: 'echo made', delete: 'echo "deleting $PULUMI_COMMAND_STDOUT/$PULUMI_COMMAND_STDERR"', stdout: 'made', stderr: 'warn' });
  });
  assert.is(await seen, 'deleting made/warn');
  await p.delete!('x', URN, { create: 'echo made', stdout: 'made', stderr: '' }); // no delete command: nothing runs, no error
});

test('a failing create rejects with the real provider\'s message and no resource (no partial state)', async () => {
  const { p } = make();
  try {
    await p.create!(URN, { create: 'echo out; echo boom >&2; exit 2' });
    assert.unreachable('create should fail');
  } catch (e) {
    assert.is((e as Error).message, 'exit status 2: running "echo out; echo boom >&2; exit 2":\nout\nboom\n');
    assert.not.ok((e as { id?: string }).id, 'no id: the engine records no resource');
  }
});

test('a create without `create` runs nothing and stores empty stdout/stderr', async () => {
  const { p } = make();
  assert.equal((await p.create!(URN, { delete: 'echo bye' })).outs, { delete: 'echo bye', stdout: '', stderr: '' });
});

test('secrets are revealed to the command and the outputs turn secret', async () => {
  const { p } = make();
  const res = await p.create!(URN, { create: 'echo $TOKEN', environment: { TOKEN: asSecret('s3cret') } });
  assert.equal((res.outs as Record<string, unknown>).stdout, asSecret('s3cret'));
});

test('output lines are logged to the engine by default (upstream TestOptionalLogging)', async () => {
  const { p, logged } = make();
  await p.create!(URN, { create: 'echo foo; echo bar >> /dev/stderr' });
  assert.equal(logged.sort(), ['bar', 'foo']);
});

test('check names each ill-typed field, drops unknown keys and refuses asset/archive paths', async () => {
  const { p } = make();
  const r = await p.check!(URN, {}, { create: 5, interpreter: 'sh', environment: { A: 1 }, logging: 'loud', triggers: [1], bogus: true, assetPaths: ['*.txt'] });
  assert.equal(r.failures!.map((f) => f.property).sort(), ['assetPaths', 'create', 'environment', 'interpreter', 'logging']);
  assert.not.ok('bogus' in r.inputs);
  assert.equal(r.inputs.triggers, [1]);
});

test('refresh (read) returns the stored state unchanged, with its input fields as inputs (infer default Read)', async () => {
  const { p } = make();
  const state = { create: 'echo a', triggers: ['x'], stdout: 'a', stderr: '' };
  assert.equal(await p.read!('echo1234', URN, state), { id: 'echo1234', props: state, inputs: { create: 'echo a', triggers: ['x'] } });
});

test('other command-provider types and functions are refused by name', async () => {
  const { p } = make();
  try { await p.create!('urn:pulumi:t::p::command:remote:Command::r', {}); assert.unreachable(); } catch (e) { assert.match((e as Error).message, /command:remote:Command: not implemented/); }
  try { await p.invoke!('command:remote:run', {}); assert.unreachable(); } catch (e) { assert.match((e as Error).message, /command:remote:run: not implemented/); }
});
