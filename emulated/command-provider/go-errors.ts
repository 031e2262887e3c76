// The real provider is a Go program, so its error texts are Go's: `%q` quoting (strconv.Quote) and the
// os/exec error strings. The stand-in builds the same texts so a failing step reads the same in both.

const ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '"': '\\"', '\\': '\\\\' };
// strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Go's `%q` of a string (strconv.Quote). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ESCAPES[ch]) out += ESCAPES[ch];
    else if (PRINTABLE.test(ch)) out += ch;
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

// syscall.Signal.String() on Linux for the signals a command is usually ended by.
const SIGNAL_NAMES: Record<string, string> = {
  SIGHUP: 'hangup', SIGINT: 'interrupt', SIGQUIT: 'quit', SIGILL: 'illegal instruction', SIGABRT: 'aborted',
  SIGBUS: 'bus error', SIGFPE: 'floating point exception', SIGKILL: 'killed', SIGUSR1: 'user defined signal 1',
  SIGSEGV: 'segmentation fault', SIGUSR2: 'user defined signal 2', SIGPIPE: 'broken pipe', SIGALRM: 'alarm clock',
  SIGTERM: 'terminated',
};

/** os/exec's ExitError text for a process that ended with `code` or was ended by `signal`. */
export function exitErrorText(code: number | null, signal: string | null): string {
  if (signal) return `signal: ${SIGNAL_NAMES[signal] ?? signal}`;
  return `exit status ${code ?? -1}`;
}

/** os/exec's text when the interpreter is not on PATH (a bare name) or does not exist (a path). */
export function notFoundText(program: string): string {
  return program.includes('/') ? `fork/exec ${program}: no such file or directory` : `exec: ${goQuote(program)}: executable file not found in $PATH`;
}

/** os.StartProcess's text when the working directory does not exist. */
export function missingDirText(dir: string): string {
  return `chdir ${dir}: no such file or directory`;
}

/** The provider's error for a failed run (local/commandOutputs.go: "%w: running %q:\n%s", stdout+stderr interleaved). */
export function commandFailure(cause: string, command: string, combinedOutput: string): string {
  return `${cause}: running ${goQuote(command)}:\n${combinedOutput}`;
}
