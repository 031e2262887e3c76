// The inputs of `command:local:Command` and `command:local:run` as @pulumi/command 1.2.1 sends them, and the
// provider's Check: keep the known fields, drop nulls and unrecognised keys, and name each field whose value has
// the wrong type (pulumi-command v1.2.1 provider/pkg/provider/local/base.go BaseInputs, common/inputs.go
// ResourceInputs, local/run.go RunInputs). Values may be secret-wrapped or unknown on the wire.
import { containsUnknown, reveal } from './wire-values.ts';

/** Which of the command's streams are sent to the engine's log (local/logging.go). */
export type Logging = 'stdout' | 'stderr' | 'stdoutAndStderr' | 'none';

/** Inputs shared by the resource and the invoke (BaseInputs). */
export interface BaseInputs {
  stdin?: string;
  logging?: Logging;
  /** Program and leading arguments; the command is appended. Default ["/bin/sh", "-c"]. */
  interpreter?: string[];
  /** Working directory; default the provider's own (the Pulumi project's directory). */
  dir?: string;
  environment?: Record<string, string>;
  assetPaths?: string[];
  archivePaths?: string[];
  /** Default true: PULUMI_COMMAND_STDOUT/STDERR carry the previous run's outputs. */
  addPreviousOutputInEnv?: boolean;
}

/** `command:local:Command` inputs (ResourceInputs + BaseInputs). */
export interface CommandInputs extends BaseInputs {
  /** Any values; a change replaces the resource (replaceOnChanges). */
  triggers?: unknown[];
  create?: string;
  update?: string;
  delete?: string;
}

/** `command:local:run` arguments. */
export interface RunInputs extends BaseInputs {
  command: string;
}

type Kind = 'string' | 'boolean' | 'string[]' | 'array' | 'map<string>' | 'logging';
const BASE_FIELDS: Record<keyof BaseInputs, Kind> = {
  stdin: 'string', logging: 'logging', interpreter: 'string[]', dir: 'string', environment: 'map<string>',
  assetPaths: 'string[]', archivePaths: 'string[]', addPreviousOutputInEnv: 'boolean',
};
/** Input fields of the resource, with their wire type. */
export const COMMAND_FIELDS: Record<keyof CommandInputs, Kind> = { ...BASE_FIELDS, triggers: 'array', create: 'string', update: 'string', delete: 'string' };
/** Arguments of the invoke, with their wire type. */
export const RUN_FIELDS: Record<keyof RunInputs, Kind> = { ...BASE_FIELDS, command: 'string' };
const LOGGING: Logging[] = ['stdout', 'stderr', 'stdoutAndStderr', 'none'];

/** One rejected field, as the engine shows it. */
export interface CheckFailure { property: string; reason: string }

function typeName(v: unknown): string {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
}

function kindError(kind: Kind, raw: unknown): string | undefined {
  if (containsUnknown(raw)) return undefined;
  const v = reveal(raw);
  const strings = (xs: unknown[]) => xs.every((x) => typeof x === 'string' || containsUnknown(x));
  switch (kind) {
    case 'string': return typeof v === 'string' ? undefined : `expected a string, got ${typeName(v)}`;
    case 'boolean': return typeof v === 'boolean' ? undefined : `expected a boolean, got ${typeName(v)}`;
    case 'array': return Array.isArray(v) ? undefined : `expected an array, got ${typeName(v)}`;
    case 'string[]': return Array.isArray(v) && strings(v) ? undefined : 'expected an array of strings';
    case 'map<string>': return typeof v === 'object' && v !== null && !Array.isArray(v) && strings(Object.values(v)) ? undefined : 'expected a map of strings';
    case 'logging': return LOGGING.includes(v as Logging) ? undefined : `expected one of ${LOGGING.join(', ')}, got ${JSON.stringify(v)}`;
  }
}

/** Check: the inputs to store (known fields only, nulls dropped) and one failure per ill-typed field. */
export function checkInputs(fields: Record<string, Kind>, news: Record<string, unknown>, required: string[] = []): { inputs: Record<string, unknown>; failures: CheckFailure[] } {
  const inputs: Record<string, unknown> = {};
  const failures: CheckFailure[] = [];
  for (const [key, kind] of Object.entries(fields)) {
    const value = news[key];
    if (value === undefined || value === null) {
      if (required.includes(key)) failures.push({ property: key, reason: 'missing required property' });
      continue;
    }
    const reason = kindError(kind, value);
    if (reason) failures.push({ property: key, reason });
    inputs[key] = value;
  }
  return { inputs, failures };
}
