// `scalelab stacks list|render`: the committed Pulumi stacks and the exact Kubernetes YAML a scenario stack
// applies (for review or GitOps), without Pulumi.
import type { Command } from 'commander';
import { resolve } from 'node:path';
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
    .option('--root <dir>', 'project root holding Pulumi.yaml', '.')
    .action((opts: { root: string }) => {
      for (const s of listStacks(resolve(opts.root))) process.stdout.write(`${s}\n`);
    });
  stacks
    .command('render')
    .description('print the multi-document YAML a scenario stack applies (validated against the Kubernetes schemas)')
    .argument('<stack>', 'stack name, as in Pulumi.<stack>.yaml')
    .option('--root <dir>', 'project root holding Pulumi.yaml', '.')
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
