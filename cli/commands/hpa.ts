// PLACEHOLDER — replaced by the helper that owns `scalelab hpa`. Not a finished command.
import type { Command } from 'commander';

export function register(program: Command): void {
  program.command('hpa').description('(under construction)').action(() => {
    throw new Error('scalelab hpa is not built yet');
  });
}
