// What `command:local:Command` does at each step, as pure functions the provider server calls around the actual
// process run. Followed from pulumi-command v1.2.1 provider/pkg/provider/local/commandController.go (Create,
// Update, Delete), local/commandOutputs.go (run) and pulumi-go-provider v1.3.0 infer/resource.go (the default Diff,
// ID and secret flow the real provider inherits).
import { COMMAND_FIELDS, type BaseInputs, type CommandInputs, type Logging } from './inputs.ts';
import { asSecret, containsSecret, wireEqual } from './wire-values.ts';

/** A run's captured streams, each with one trailing newline removed. */
export interface RunOutputs { stdout: string; stderr: string }

/** The engine-facing diff: `replaces` non-empty means delete-and-recreate (create before delete). */
export interface CommandDiff { changes: boolean; changedKeys: string[]; replaces: string[] }

const isAbsent = (v: unknown) => v === undefined || v === null;

/** Diff old state against new checked inputs: any changed input is an update, a changed `triggers` a replace. */
export function diffCommand(olds: Record<string, unknown>, news: Record<string, unknown>): CommandDiff {
  // infer's default Diff compares old *inputs* (the input fields of the state) with the new inputs, ignoring
  // `version` and `__`-prefixed keys; `triggers` is tagged replaceOnChanges (common/inputs.go), and the SDK also
  // registers the resource with replaceOnChanges: ["triggers[*]"], so any change under it replaces.
  const keys = new Set([...Object.keys(COMMAND_FIELDS), ...Object.keys(news)].filter((k) => k !== 'version' && !k.startsWith('__')));
  const changedKeys: string[] = [];
  for (const key of [...keys].sort()) {
    const before = key in COMMAND_FIELDS ? olds[key] : undefined;
    const after = news[key];
    if (isAbsent(before) && isAbsent(after)) continue;
    if (isAbsent(before) !== isAbsent(after) || !wireEqual(before, after)) changedKeys.push(key);
  }
  return { changes: changedKeys.length > 0, changedKeys, replaces: changedKeys.filter((k) => k === 'triggers') };
}

/** The resource name inside a URN (`urn:pulumi:stack::project::type::name`; the name may itself hold `::`). */
export function resourceName(urn: string): string {
  const parts = urn.split('::');
  return parts.length >= 4 ? parts.slice(3).join('::') : urn;
}

/** The ID the real provider gives: the resource name plus 8 random hex digits (resource.NewUniqueHex(name, 8, 0)). */
export function commandId(name: string, randomHex: string): string {
  if (!/^[0-9a-f]{8}$/.test(randomHex)) throw new Error(`commandId: expected 8 lowercase hex digits, got ${JSON.stringify(randomHex)}`);
  return `${name}${randomHex}`;
}

/** The command Create runs (none when `create` is unset). */
export const createCommand = (inputs: CommandInputs): string | undefined => inputs.create;
/** The command Update runs: `update` if set (even empty), else `create`, else none. */
export const updateCommand = (news: CommandInputs): string | undefined => news.update ?? news.create;
/** The command Delete runs, taken from the stored state (none when `delete` is unset). */
export const deleteCommand = (state: CommandInputs): string | undefined => state.delete;

/** One process to start: argv, full environment, working directory, stdin, and which streams to log. */
export interface Invocation {
  command: string;
  argv: string[];
  env: Record<string, string>;
  dir?: string;
  stdin?: string;
  logStdout: boolean;
  logStderr: boolean;
}

const logs = (logging: Logging | undefined, stream: 'stdout' | 'stderr') => logging === undefined || logging === stream || logging === 'stdoutAndStderr';

/**
 * How to run `command` with the (revealed) inputs: the interpreter (default /bin/sh -c) with the command as last
 * argument; the provider's environment, then `environment`, then PULUMI_COMMAND_STDOUT/STDERR from `previous`
 * when non-empty and addPreviousOutputInEnv is not false (later entries win, as in Go's exec); stdin only if
 * non-empty.
 */
export function invocation(command: string, inputs: BaseInputs, previous: RunOutputs | undefined, parentEnv: Record<string, string | undefined>): Invocation {
  const argv = inputs.interpreter && inputs.interpreter.length > 0 ? [...inputs.interpreter, command] : ['/bin/sh', '-c', command];
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(parentEnv)) if (v !== undefined) env[k] = v;
  Object.assign(env, inputs.environment ?? {});
  if (previous && inputs.addPreviousOutputInEnv !== false) {
    if (previous.stdout !== '') env.PULUMI_COMMAND_STDOUT = previous.stdout;
    if (previous.stderr !== '') env.PULUMI_COMMAND_STDERR = previous.stderr;
  }
  return {
    command, argv, env, dir: inputs.dir,
    stdin: inputs.stdin !== undefined && inputs.stdin.length > 0 ? inputs.stdin : undefined,
    logStdout: logs(inputs.logging, 'stdout'), logStderr: logs(inputs.logging, 'stderr'),
  };
}

/** A captured stream as the real provider stores it: strings.TrimSuffix(s, "\n"), one newline only. */
export const trimOutput = (s: string): string => (s.endsWith('\n') ? s.slice(0, -1) : s);

/**
 * The resource's outputs: every input echoed as received (secrets stay secret), plus stdout and stderr, which are
 * secret when any input holds a secret (infer's default: every output depends on every input).
 */
export function commandOutputs(inputs: Record<string, unknown>, run: RunOutputs): Record<string, unknown> {
  const secret = containsSecret(inputs);
  const wrap = (s: string) => (secret ? asSecret(s) : s);
  return { ...inputs, stdout: wrap(run.stdout), stderr: wrap(run.stderr) };
}

/** The previous run's streams kept in a state (missing ones are empty). */
export function previousOutputs(state: { stdout?: unknown; stderr?: unknown }): RunOutputs {
  return { stdout: typeof state.stdout === 'string' ? state.stdout : '', stderr: typeof state.stderr === 'string' ? state.stderr : '' };
}
