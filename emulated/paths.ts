// Where the emulated cluster keeps its state and finds its tools. Found from this module, never from the cwd, so
// the CLI, the `multipass` stand-in (run by Pulumi from stacks/) and tests agree on one cluster.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (this file is emulated/paths.ts). */
export const repoRoot = resolve(import.meta.dirname, '..');

/** `.tools/bin`: the binaries `npm run tools` builds and our stand-ins (multipass, k6, command provider). */
export const toolsBin = join(repoRoot, '.tools', 'bin');

/** State folder of the emulated cluster (certs, etcd data, logs, pid file); `SCALELAB_EMULATED_DIR` overrides. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.SCALELAB_EMULATED_DIR || join(repoRoot, '.tmp', 'emulated'));
}

/** Absolute path of a tool in .tools/bin, or undefined when `npm run tools` has not built it. */
export function toolPath(name: string): string | undefined {
  const p = join(toolsBin, name);
  return existsSync(p) ? p : undefined;
}

/** PATH with .tools/bin first (ambient Pulumi plugins and our stand-ins are found there). */
export function pathWithTools(env: NodeJS.ProcessEnv = process.env): string {
  return [toolsBin, env.PATH ?? ''].filter(Boolean).join(':');
}
