// `scalelab stacks list|render`: the committed Pulumi stacks and the exact Kubernetes YAML a scenario stack
// applies (for review or GitOps), without Pulumi.
import type { Command } from 'commander';
import { REPO_ROOT } from '../../lib/paths.ts';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserError } from '../errors.ts';
import { listStacks } from '../../stacks/stack-files.ts';
import { stackManifests, toYamlStream } from '../../stacks/render-stack.ts';
import { validateManifest } from '../../stacks/manifests/validate-manifest.ts';

/** Registers `stacks list` and `stacks render STACK`. */
export function register(program: Command): void {
  const stacks = program.command('stacks').description('Pulumi stacks of the real path (MicroK8s): list them, render their Kubernetes YAML');
  stacks
    .command('list')
    .description('list the committed stacks (Pulumi.<stack>.yaml)')
    .option('--root <dir>', 'project root holding Pulumi.yaml (default: this repository)', REPO_ROOT)
    .action((opts: { root: string }) => {
      const root = resolve(opts.root);
      if (!existsSync(join(root, 'Pulumi.yaml'))) {
        throw new UserError(`--root: got "${opts.root}", expected the project folder holding Pulumi.yaml (${join(root, 'Pulumi.yaml')} does not exist)`);
      }
      for (const s of listStacks(root)) process.stdout.write(`${s}\n`);
    });
  stacks
    .command('render')
    .description('print the multi-document YAML a scenario stack applies (validated against the Kubernetes schemas)')
    .argument('<stack>', 'stack name, as in Pulumi.<stack>.yaml')
    .option('--root <dir>', 'project root holding Pulumi.yaml (default: this repository)', REPO_ROOT)
    .action((stack: string, opts: { root: string }) => {
      let manifests;
      try {
        manifests = stackManifests(resolve(opts.root), stack);
      } catch (err) {
        throw new UserError(`stacks render ${stack}: cannot build the stack`, { cause: err });
      }
      for (const m of manifests) validateManifest(m);
      process.stdout.write(toYamlStream(manifests));
    });
}
