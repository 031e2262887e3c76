// The stand-in's identity: the version it answers GetPluginInfo with and the minimal package schema it answers
// GetSchema with (the engine asks only for some commands; the npm SDK is already generated). The version is
// @pulumi/command's own plus build metadata, so the engine's version check (>= 1.2.1, build metadata ignored) is
// satisfied and `pulumi about`/`plugin ls` still show what it is.
import { createRequire } from 'node:module';
import { COMMAND_FIELDS, RUN_FIELDS } from './inputs.ts';

const sdk = createRequire(import.meta.url)('@pulumi/command/package.json') as { pulumi: { version: string } };

/** The SDK's requested plugin version (package.json `pulumi.version`, 1.2.1) marked as the scalelab stand-in. */
export const STAND_IN_VERSION = `${sdk.pulumi.version}+scalelab-stand-in`;

type Spec = Record<string, unknown>;
const KIND_SPECS: Record<string, Spec> = {
  string: { type: 'string' },
  boolean: { type: 'boolean' },
  array: { type: 'array', items: { $ref: 'pulumi.json#/Any' } },
  'string[]': { type: 'array', items: { type: 'string' } },
  'map<string>': { type: 'object', additionalProperties: { type: 'string' } },
  logging: { $ref: '#/types/command:local:Logging' },
};

const props = (fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).map(([k, kind]) => [k, { ...KIND_SPECS[kind] }]));
const outputs = { stdout: { type: 'string' }, stderr: { type: 'string' } };

/** A minimal schema for the two tokens the stand-in serves. */
export function standInSchema(): string {
  const commandInputs = props(COMMAND_FIELDS);
  (commandInputs.triggers as Spec).replaceOnChanges = true;
  return JSON.stringify({
    name: 'command',
    version: STAND_IN_VERSION,
    description: 'scalelab stand-in for the Pulumi command provider (command:local:Command and command:local:run only).',
    types: {
      'command:local:Logging': { type: 'string', enum: ['stdout', 'stderr', 'stdoutAndStderr', 'none'].map((value) => ({ value })) },
    },
    resources: {
      'command:local:Command': { inputProperties: commandInputs, properties: { ...props(COMMAND_FIELDS), ...outputs }, required: ['stdout', 'stderr'] },
    },
    functions: {
      'command:local:run': {
        inputs: { properties: props(RUN_FIELDS), required: ['command'] },
        outputs: { properties: { ...props(RUN_FIELDS), ...outputs }, required: ['command', 'stdout', 'stderr'] },
      },
    },
  });
}
