// PLACEHOLDER — replaced by the helper that owns `scalelab train`. Not a finished command.
import type { Command } from 'commander';

export function register(program: Command): void {
  program.command('train').description('(under construction)').action(() => {
    throw new Error('scalelab train is not built yet');
  });
}
