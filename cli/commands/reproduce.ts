// PLACEHOLDER — replaced by the helper that owns `scalelab reproduce`. Not a finished command.
import type { Command } from 'commander';

export function register(program: Command): void {
  program.command('reproduce').description('(under construction)').action(() => {
    throw new Error('scalelab reproduce is not built yet');
  });
}
