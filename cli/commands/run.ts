// PLACEHOLDER — replaced by the helper that owns `scalelab run`. Not a finished command.
import type { Command } from 'commander';

export function register(program: Command): void {
  program.command('run').description('(under construction)').action(() => {
    throw new Error('scalelab run is not built yet');
  });
}
