// Error texts the real provider (a Go program) produces. Expected strings were printed by Go 1.26.8 on this
// machine with `fmt.Printf("%q\n", …)` over exec.Command(…).Run() errors and strconv quoting (program kept in the
// commit message of this test); the provider wraps them as "%w: running %q:\n%s" (local/commandOutputs.go).
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { commandFailure, exitErrorText, goQuote, missingDirText, notFoundText } from '../../../emulated/command-provider/go-errors.ts';

test('goQuote matches Go %q: escapes, \\a, \\x7f, printable non-ASCII kept, U+2028 and NUL escaped', () => {
  assert.is(goQuote('a"b\\c\nd\te\x07\x7f é \u2028 \x00'), String.raw`"a\"b\\c\nd\te\a\x7f é \u2028 \x00"`);
  assert.is(goQuote('echo hello, $NAME!'), '"echo hello, $NAME!"');
  assert.is(goQuote('\u{1F600}'), '"\u{1F600}"');
  assert.is(goQuote('\u00a0'), String.raw`"\u00a0"`, 'a no-break space is not printable for strconv.IsPrint');
});

test('exit and signal texts match os/exec ExitError', () => {
  assert.is(exitErrorText(3, null), 'exit status 3');
  assert.is(exitErrorText(null, 'SIGKILL'), 'signal: killed');
  assert.is(exitErrorText(null, 'SIGTERM'), 'signal: terminated');
  assert.is(exitErrorText(null, 'SIGINT'), 'signal: interrupt');
});

test('start failures match os/exec: missing dir, interpreter not on PATH, missing interpreter path', () => {
  assert.is(missingDirText('/nonexistent-dir'), 'chdir /nonexistent-dir: no such file or directory');
  assert.is(notFoundText('nosuchinterp'), 'exec: "nosuchinterp": executable file not found in $PATH');
  assert.is(notFoundText('/no/such/interp'), 'fork/exec /no/such/interp: no such file or directory');
});

test('a failed run reads `<cause>: running "<command>":\\n<output>` (local/commandOutputs.go)', () => {
  assert.is(commandFailure('exit status 1', 'echo out; echo err >&2; exit 1', 'out\nerr\n'), 'exit status 1: running "echo out; echo err >&2; exit 1":\nout\nerr\n');
});
