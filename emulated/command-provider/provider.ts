// The stand-in provider served through @pulumi/pulumi/provider: `command:local:Command` (check, diff, create,
// update, delete) and the `command:local:run` invoke. The Node SDK's provider server does not announce
// `supportsPreview`, so the engine never calls create/update during a preview and reports their outputs (stdout,
// stderr) as unknown there: a preview runs nothing, as the real provider's DryRun branch does.
import type { Provider } from '@pulumi/pulumi/provider/index.js';
import { checkInputs, COMMAND_FIELDS, RUN_FIELDS, type CheckFailure, type CommandInputs, type RunInputs } from './inputs.ts';
import {
  commandId, commandOutputs, createCommand, deleteCommand, diffCommand, invocation, previousOutputs, resourceName, updateCommand,
  type Invocation, type RunOutputs,
} from './lifecycle.ts';
import { standInSchema, STAND_IN_VERSION } from './schema.ts';
import { reveal } from './wire-values.ts';

/** What the provider needs from the outside world (injected so tests can drive it without processes). */
export interface ProviderDeps {
  run: (inv: Invocation, opts: { log?: (line: string) => void; signal?: AbortSignal }) => Promise<RunOutputs>;
  /** 8 random lowercase hex digits for a new resource ID. */
  randomHex: () => string;
  /** The provider process's environment, passed on to every command. */
  env: () => Record<string, string | undefined>;
  log: (urn: string, line: string) => void;
}

const COMMAND_TYPE = 'command:local:Command';
const RUN_TOKEN = 'command:local:run';

function typeOf(urn: string): string {
  const qualified = urn.split('::')[2] ?? '';
  return qualified.slice(qualified.lastIndexOf('$') + 1);
}

function requireCommandType(urn: string): void {
  const type = typeOf(urn);
  if (type !== COMMAND_TYPE) throw new Error(`${type}: not implemented by scalelab's command provider stand-in (only ${COMMAND_TYPE} and ${RUN_TOKEN})`);
}

// assetPaths/archivePaths would need gobwas/glob matching and asset values in the state: not emulated.
function unsupported(inputs: Record<string, unknown>): CheckFailure[] {
  return ['assetPaths', 'archivePaths'].filter((k) => inputs[k] !== undefined)
    .map((property) => ({ property, reason: `${property} is not implemented by scalelab's command provider stand-in (emulated path only)` }));
}

/** The provider object for `provider.main`. */
export function commandProvider(deps: ProviderDeps): Provider {
  const running = new Set<AbortController>();
  async function exec(urn: string, command: string, inputs: CommandInputs | RunInputs, previous?: RunOutputs): Promise<RunOutputs> {
    const abort = new AbortController();
    running.add(abort);
    try {
      return await deps.run(invocation(command, inputs, previous, deps.env()), { log: (line) => deps.log(urn, line), signal: abort.signal });
    } finally {
      running.delete(abort);
    }
  }

  return {
    version: STAND_IN_VERSION,
    getSchema: async () => standInSchema(),

    async check(urn, _olds, news) {
      requireCommandType(urn);
      const { inputs, failures } = checkInputs(COMMAND_FIELDS, news ?? {});
      return { inputs, failures: [...failures, ...unsupported(inputs)] };
    },

    async diff(_id, urn, olds, news) {
      requireCommandType(urn);
      const d = diffCommand(olds ?? {}, news ?? {});
      return { changes: d.changes, replaces: d.replaces, deleteBeforeReplace: false };
    },

    async create(urn, inputs) {
      requireCommandType(urn);
      const id = commandId(resourceName(urn), deps.randomHex());
      const plain = reveal(inputs) as CommandInputs;
      const command = createCommand(plain);
      const run = command === undefined ? { stdout: '', stderr: '' } : await exec(urn, command, plain);
      return { id, outs: commandOutputs(inputs, run) };
    },

    // Refresh: nothing to read back from the world; return the state as stored (infer's default Read), with the
    // inputs it echoes (the Node server passes no old inputs, and the outputs hold them verbatim).
    async read(id, urn, props) {
      requireCommandType(urn);
      const state = (props ?? {}) as Record<string, unknown>;
      return { id, props: state, inputs: Object.fromEntries(Object.keys(COMMAND_FIELDS).filter((k) => state[k] !== undefined).map((k) => [k, state[k]])) };
    },

    async update(_id, urn, olds, news) {
      requireCommandType(urn);
      const plain = reveal(news) as CommandInputs;
      const previous = previousOutputs(reveal(olds) as Record<string, unknown>);
      const command = updateCommand(plain);
      const run = command === undefined ? previous : await exec(urn, command, plain, previous);
      return { outs: commandOutputs(news, run) };
    },

    async delete(_id, urn, props) {
      requireCommandType(urn);
      const state = reveal(props) as Record<string, unknown>;
      const command = deleteCommand(state as CommandInputs);
      if (command !== undefined) await exec(urn, command, state as CommandInputs, previousOutputs(state));
    },

    async invoke(token, args) {
      if (token !== RUN_TOKEN) throw new Error(`${token}: not implemented by scalelab's command provider stand-in (only ${RUN_TOKEN})`);
      const { inputs, failures } = checkInputs(RUN_FIELDS, args ?? {}, ['command']);
      const all = [...failures, ...unsupported(inputs)];
      if (all.length > 0) return { failures: all };
      const plain = reveal(inputs) as RunInputs;
      const run = await exec('', plain.command, plain);
      return { outputs: { ...inputs, stdout: run.stdout, stderr: run.stderr } };
    },

    async cancel() {
      for (const abort of running) abort.abort();
    },
  };
}
