// PLACEHOLDER — replaced by the helper that owns `scalelab k6`. Not a finished command.
import type { Command } from 'commander';

export function register(program: Command): void {
  program.command('k6').description('(under construction)').action(() => {
    throw new Error('scalelab k6 is not built yet');
  });
}
