// runCommand starts real processes (/bin/sh, cat) as the real provider does in local/commandOutputs.go run().
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invocation } from '../../../emulated/command-provider/lifecycle.ts';
import { CommandFailedError, lookPath, runCommand } from '../../../emulated/command-provider/run-command.ts';

const env = { PATH: process.env.PATH };
const run = (command: string, inputs: Parameters<typeof invocation>[1] = {}, previous?: { stdout: string; stderr: string }, log?: (l: string) => void) =>
  runCommand(invocation(command, inputs, previous, env), { log });

async function failure(p: Promise<unknown>): Promise<string> {
  try { await p; } catch (e) { assert.instance(e, CommandFailedError); return (e as Error).message; }
  throw new Error('expected the command to fail');
}

test('stdout and stderr are captured separately, one trailing newline trimmed', async () => {
  assert.equal(await run('echo hello, $NAME!', { environment: { NAME: 'world' } }), { stdout: 'hello, world!', stderr: '' });
  assert.equal(await run('printf "a\\n\\n"; echo oops >&2'), { stdout: 'a\n', stderr: 'oops' });
});

test('stdin is fed to the command; without it the command reads nothing (/dev/null)', async () => {
  assert.equal((await run('cat', { stdin: 'line1\nline2' })).stdout, 'line1\nline2');
  assert.equal((await run('cat')).stdout, '');
});

test('dir sets the working directory; by default it is the provider process\'s own', async () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'cmdprov-')));
  try {
    assert.is((await run('pwd', { dir })).stdout, dir);
    assert.is((await run('pwd')).stdout, realpathSync(process.cwd()));
  } finally { rmSync(dir, { recursive: true }); }
});

test('the interpreter runs the command as its last argument', async () => {
  assert.is((await run('console.log(6*7)', { interpreter: ['node', '-e'] })).stdout, '42');
  assert.is((await run('echo "$0|$1"', { interpreter: ['/bin/sh', '-c', 'echo "$1|$0"', 'zero'] })).stdout, 'echo "$0|$1"|zero');
});

test('previous outputs reach the command as PULUMI_COMMAND_STDOUT/STDERR', async () => {
  assert.is((await run('echo "$PULUMI_COMMAND_STDOUT/$PULUMI_COMMAND_STDERR"', {}, { stdout: 'o', stderr: 'e' })).stdout, 'o/e');
});

test('a non-zero exit fails with the exit status, the quoted command and stdout+stderr interleaved', async () => {
  const msg = await failure(run('echo out; sleep 0.05; echo err >&2; sleep 0.05; echo out2; exit 3'));
  assert.is(msg, 'exit status 3: running "echo out; sleep 0.05; echo err >&2; sleep 0.05; echo out2; exit 3":\nout\nerr\nout2\n');
});

test('a command killed by a signal fails with Go\'s signal text', async () => {
  assert.is(await failure(run('kill -9 $$')), 'signal: killed: running "kill -9 $$":\n');
});

test('a missing dir or interpreter fails before starting, with os/exec\'s text', async () => {
  assert.is(await failure(run('true', { dir: '/nonexistent-dir' })), 'chdir /nonexistent-dir: no such file or directory: running "true":\n');
  assert.is(await failure(run('true', { interpreter: ['nosuchinterp', '-c'] })), 'exec: "nosuchinterp": executable file not found in $PATH: running "true":\n');
  assert.is(await failure(run('true', { interpreter: ['/no/such/interp'] })), 'fork/exec /no/such/interp: no such file or directory: running "true":\n');
});

test('the interpreter is looked up on the provider\'s PATH', () => {
  assert.is(lookPath('sh', '/nonexistent:/bin'), '/bin/sh');
  assert.is(lookPath('sh', '/nonexistent'), undefined);
});

test('logged lines follow the logging input (upstream TestOptionalLogging: "echo foo; echo bar >> /dev/stderr")', async () => {
  for (const [logging, expected] of [[undefined, ['bar', 'foo']], ['stdout', ['foo']], ['stderr', ['bar']], ['stdoutAndStderr', ['bar', 'foo']], ['none', []]] as const) {
    const lines: string[] = [];
    await run('echo foo; echo bar >> /dev/stderr', { logging }, undefined, (l) => lines.push(l));
    assert.equal(lines.sort(), [...expected], String(logging));
  }
});

test('a command may reopen its streams by path, as with Go\'s pipes: >> /dev/stderr, cat /dev/stdin', async () => {
  assert.equal(await run('echo foo; echo bar >> /dev/stderr'), { stdout: 'foo', stderr: 'bar' });
  assert.is((await run('cat /dev/stdin', { stdin: 'via path' })).stdout, 'via path');
});

test('output written after a large stdin is read in full (no pipe deadlock)', async () => {
  const big = 'x'.repeat(1 << 20);
  assert.is((await run('wc -c', { stdin: big })).stdout.trim(), String(1 << 20));
  assert.is((await run('head -c 1048576 /dev/zero | tr "\\0" y')).stdout.length, 1 << 20);
});

test('an abort kills the running command', async () => {
  const abort = new AbortController();
  const p = runCommand(invocation('exec sleep 30', {}, undefined, env), { signal: abort.signal });
  setTimeout(() => abort.abort(), 50);
  assert.match(await failure(p), /^signal: killed: running "exec sleep 30"/);
});
