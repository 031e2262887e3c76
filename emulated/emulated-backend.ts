// The `emulated` backend: the real path's flow (Automation API up → load → Prometheus collection → destroy) against
// the emulated cluster, with the real Pulumi engine and the real HPA controller, and no VMs. It puts .tools/bin
// first on PATH (the Pulumi CLI and providers, the language-host shim, the multipass/k6/command stand-ins), uses a
// local Pulumi backend in the emulated state folder unless the user chose one, brings the cluster stack up if it
// has no outputs yet (`pulumi up -s cluster` through the multipass stand-in), then runs the microk8s backend's cells.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Backend } from '../experiments/backends.ts';
import { kubeBackend, type KubeBackendOptions } from '../experiments/kube/kube-backend.ts';
import { UserError } from '../lib/errors.ts';
import { pathWithTools, repoRoot, stateDir, toolPath } from './paths.ts';

/** The tools the emulated path cannot run without (`npm run tools` builds them). */
export const REQUIRED_TOOLS = ['pulumi', 'pulumi-language-nodejs', 'pulumi-resource-kubernetes', 'pulumi-resource-command', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd', 'kwok', 'multipass', 'k6'];

/** The environment the emulated path runs Pulumi in (added to the current one; a user's own settings win). */
export function emulatedEnvironment(env: NodeJS.ProcessEnv): Record<string, string> {
  const state = stateDir(env);
  return {
    PATH: pathWithTools(env),
    PULUMI_BACKEND_URL: env.PULUMI_BACKEND_URL || `file://${join(state, 'pulumi-state')}`,
    PULUMI_CONFIG_PASSPHRASE: env.PULUMI_CONFIG_PASSPHRASE ?? (env.PULUMI_CONFIG_PASSPHRASE_FILE ? '' : 'scalelab-emulated'),
    PULUMI_SKIP_UPDATE_CHECK: 'true',
    PULUMI_HOME: env.PULUMI_HOME || join(state, 'pulumi-home'),
  };
}

/** Builds the backend (registered in cli/backends.ts). */
export function emulatedBackend(o: KubeBackendOptions = {}, log: (line: string) => void = (l) => process.stderr.write(`[emulated] ${l}\n`)): Backend {
  return {
    async run(cells, options) {
      const missing = REQUIRED_TOOLS.filter((t) => toolPath(t) === undefined);
      if (missing.length) throw new UserError(`the emulated backend needs ${missing.join(', ')} in .tools/bin: run \`npm run tools\` first (a cold build takes about an hour on 2 cores)`);
      const env = emulatedEnvironment(process.env);
      Object.assign(process.env, env);
      mkdirSync(env.PULUMI_BACKEND_URL.replace(/^file:\/\//, ''), { recursive: true });
      mkdirSync(env.PULUMI_HOME, { recursive: true });
      const clusterStack = o.clusterStack ?? process.env.SCALELAB_CLUSTER_STACK ?? 'cluster';
      await ensureClusterStack(o.projectDir ?? repoRoot, clusterStack, log);
      // The emulated Prometheus scrapes everything at one interval: windows of four scrapes, steps of one.
      const scrape = Number(process.env.SCALELAB_EMULATED_SCRAPE_SECONDS) || 15;
      await kubeBackend({ ...o, clusterStack, backendName: 'emulated', stepSeconds: scrape, collectorWindowSeconds: 4 * scrape }, log).run(cells, options);
    },
  };
}

/** `pulumi up -s <cluster>` when the stack has no kubeconfig output yet (the first emulated run). */
async function ensureClusterStack(projectDir: string, stackName: string, log: (line: string) => void): Promise<void> {
  const { LocalWorkspace } = await import('@pulumi/pulumi/automation/index.js');
  if (!existsSync(join(projectDir, `Pulumi.${stackName}.yaml`))) throw new UserError(`cluster stack ${stackName}: no Pulumi.${stackName}.yaml in ${projectDir}`);
  const stack = await LocalWorkspace.createOrSelectStack({ stackName, workDir: projectDir });
  const outputs = await stack.outputs();
  if (outputs.kubeconfig?.value) return;
  log(`cluster stack ${stackName} has no outputs: pulumi up -s ${stackName} (starts the emulated cluster through the multipass stand-in)`);
  await stack.up({ onOutput: (t) => log(t.trimEnd()) });
}
