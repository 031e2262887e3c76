// PLACEHOLDER — replaced by the helper that owns `scalelab sim`. Not a finished command.
import type { Command } from 'commander';

export function register(program: Command): void {
  program.command('sim').description('(under construction)').action(() => {
    throw new Error('scalelab sim is not built yet');
  });
}
