// One output flag for every command that prints data, kubectl-style: `-o json|yaml|table` (table is for people),
// with `--json` kept as an alias of `-o json`.
import { Option, type Command } from 'commander';
import YAML from 'yaml';

/** The formats `-o` accepts. */
export const OUTPUT_FORMATS = ['table', 'json', 'yaml'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Use on a command that prints data: adds `-o, --output <format>` (commander checks the choice) and `--json`. */
export function addOutputOption(command: Command, jsonHelp = 'same as -o json'): Command {
  return command
    .addOption(new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .addOption(new Option('--json', jsonHelp).implies({ output: 'json' }));
}

/** The text of `value` in `format` (JSON indented by 2, as every command printed it); `table` calls `table()`. */
export function formatOutput(format: OutputFormat, value: unknown, table: () => string): string {
  if (format === 'json') return `${JSON.stringify(value, null, 2)}\n`;
  if (format === 'yaml') return YAML.stringify(value);
  return table();
}
