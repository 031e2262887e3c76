// PLACEHOLDER — replaced by the helper that owns `scalelab stacks`. Not a finished command.
import type { Command } from 'commander';

export function register(program: Command): void {
  program.command('stacks').description('(under construction)').action(() => {
    throw new Error('scalelab stacks is not built yet');
  });
}
