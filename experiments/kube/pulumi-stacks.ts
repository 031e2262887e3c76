// Pulumi through the Automation API (LocalWorkspace on this repository's Pulumi.yaml): `up` a scenario stack
// with per-cell config and read its outputs; `destroy` it. The `pulumi` CLI on PATH does the work, spawned and
// supervised by the Automation API (execa; an AbortSignal sends it SIGINT, Pulumi's graceful cancel).
// The user's current stack is never switched: the Automation API's `stack select` and `stack init` would change
// the workspace's selected stack (what a plain `pulumi up` in this folder then acts on), so stacks are looked up
// with `pulumi stack --stack <name>` and created with `stack init --no-select`; every command passes `--stack`.
import { execa } from 'execa';
import { pulumiFailure } from './pulumi-errors.ts';
import { LocalWorkspace, Stack, StackNotFoundError, type ConfigMap } from '@pulumi/pulumi/automation/index.js';

/** What the kube backend needs from Pulumi. */
export interface StackDriver {
  /** Creates or finds `stack`, sets `scalelab:<key>` config, runs `up`, returns the stack outputs (plain values). */
  up(stack: string, config: Record<string, string>, signal?: AbortSignal): Promise<Record<string, unknown>>;
  /** Outputs of an existing stack (the cluster's kubeconfig and Prometheus URL), secrets decrypted. */
  outputs(stack: string): Promise<Record<string, unknown>>;
  /** The stack's own `scalelab:` config values (prefix stripped; project defaults not included). */
  config(stack: string): Promise<Record<string, string>>;
  /** Destroys the stack's resources, then removes the (now empty) stack and its config file. */
  destroy(stack: string): Promise<void>;
  /** The backend URL Pulumi is logged in to (file://… for the local backend). */
  backendUrl(): Promise<string | undefined>;
}

/** `pulumi <args>` in the project, as the Automation API would run it; a missing stack → StackNotFoundError. */
async function pulumiCmd(workDir: string, env: Record<string, string>, args: string[]): Promise<void> {
  const r = await execa('pulumi', [...args, '--non-interactive'], { cwd: workDir, env, reject: false, stdin: 'ignore', maxBuffer: 1024 * 1024 });
  if (r.exitCode === 0) return;
  const result = { stdout: String(r.stdout), stderr: String(r.stderr), code: r.exitCode ?? -1, toString: () => `pulumi ${args.join(' ')} exited with ${r.exitCode}: ${String(r.stderr).slice(-500)}` };
  if (/no stack named.*found/.test(result.stderr)) throw new (StackNotFoundError as unknown as new (r: unknown) => Error)(result);
  throw new Error(result.toString());
}

/** Longest `pulumi up` / `destroy` of a scenario stack before it is cancelled (SIGINT, Pulumi's graceful cancel), ms. */
export const PULUMI_OPERATION_TIMEOUT_MS = 30 * 60_000;

/** A driver over the project in `workDir`; `onOutput` receives Pulumi's progress text. */
export function automationStackDriver(workDir: string, onOutput: (text: string) => void = () => {}, timeoutMs = PULUMI_OPERATION_TIMEOUT_MS): StackDriver {
  const limited = (signal?: AbortSignal) => (signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs));
  let ws: Promise<LocalWorkspace> | undefined;
  const workspace = () =>
    (ws ??= LocalWorkspace.create({ workDir }).then((w) => {
      // Look up without selecting (what the Automation API does for remote workspaces) and create without selecting.
      w.selectStack = (name: string) => pulumiCmd(workDir, w.envVars, ['stack', '--stack', name]);
      w.createStack = (name: string) => pulumiCmd(workDir, w.envVars, ['stack', 'init', name, '--no-select']);
      return w;
    }));
  const plain = (outs: Record<string, { value: unknown }>) => Object.fromEntries(Object.entries(outs).map(([k, v]) => [k, v.value]));
  const existing = async (name: string) => Stack.select(name, await workspace());
  return {
    async up(stackName, config, signal) {
      const stack = await Stack.createOrSelect(stackName, await workspace());
      const all: ConfigMap = Object.fromEntries(Object.entries(config).map(([k, v]) => [`scalelab:${k}`, { value: v }]));
      await stack.setAllConfig(all);
      try {
        const result = await stack.up({ onOutput, signal: limited(signal) });
        return plain(result.outputs);
      } catch (err) {
        throw signal?.aborted ? err : pulumiFailure('up', stackName, err);
      }
    },
    async outputs(stackName) {
      return plain(await (await existing(stackName)).outputs());
    },
    async config(stackName) {
      const all = await (await existing(stackName)).getAllConfig();
      return Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith('scalelab:')).map(([k, v]) => [k.slice('scalelab:'.length), v.value]));
    },
    async destroy(stackName) {
      const stack = await existing(stackName);
      // Not cancelled by Ctrl-C (the destroy is what Ctrl-C waits for), only by the timeout.
      await stack.destroy({ onOutput, signal: limited() }).catch((err: unknown) => {
        throw pulumiFailure('destroy', stackName, err);
      });
      // The emptied per-cell stack and the Pulumi.<stack>.yaml its config set-all wrote into the project are
      // removed too; otherwise every cell leaves a stray stack file next to the committed ones. The resources are
      // gone by now, so a failed removal is only reported, never fails the cell.
      await stack.workspace.removeStack(stackName).catch((err: unknown) => {
        onOutput(`pulumi stack rm ${stackName} failed (its resources are destroyed; remove it with \`pulumi stack rm ${stackName}\`): ${err instanceof Error ? err.message : String(err)}\n`);
      });
    },
    async backendUrl() {
      return (await (await workspace()).whoAmI()).url;
    },
  };
}
