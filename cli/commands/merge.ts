// `scalelab merge DIR... --out DIR`: combines the outputs of `scalelab run … --shard I/N` into the records an
// unsharded run writes, byte for byte (experiments/merge-shards.ts does the checking).
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { mergeShards } from '../../experiments/merge-shards.ts';
import { addOutputOption, formatOutput, type OutputFormat } from '../output.ts';

/** Registers `scalelab merge`. */
export function register(program: Command): void {
  const command = program
    .command('merge')
    .description('combine the output folders of sharded runs (scalelab run … --shard I/N) into one records file')
    .argument('<dir...>', 'shard output folders (each with experiment.json and records.jsonl)')
    .option('--out <dir>', 'folder for the merged experiment.json and records.jsonl (required)');
  addOutputOption(command, 'print what was merged as JSON (same as -o json)')
    .addHelpText(
      'after',
      `
The merged records.jsonl is byte-identical to the file an unsharded \`scalelab run\` of the same experiment and
code writes. Refused (exit 2, naming them): shards of different experiments, backends, configurations or code
versions, a shard or a cell given twice, missing cells.`,
    )
    .action((dirs: string[], flags: { out?: string; output: OutputFormat }) => {
      if (flags.out === undefined || flags.out.trim() === '') throw new UserError('--out: required (the folder for the merged records), e.g. --out reports/out/standard');
      const result = mergeShards(dirs, flags.out);
      process.stdout.write(formatOutput(flags.output, result, () => `merged ${result.shards} shard folder${result.shards === 1 ? '' : 's'}: ${result.cells} cells → ${result.recordsPath}\n`));
    });
}
