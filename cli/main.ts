// The `scalelab` command: subcommands are registered from cli/commands/, one file per command.
import { Command, CommanderError } from 'commander';
import { describeError, UserError } from './errors.ts';
import { register as registerHpa } from './commands/hpa.ts';
import { register as registerK6 } from './commands/k6.ts';
import { register as registerSim } from './commands/sim.ts';
import { register as registerRun } from './commands/run.ts';
import { register as registerReproduce } from './commands/reproduce.ts';
import { register as registerTrain } from './commands/train.ts';
import { register as registerStacks } from './commands/stacks.ts';

/** Builds the command tree (exported so tests can run commands in-process). */
export function buildProgram(): Command {
  const program = new Command();
  program
    .name('scalelab')
    .description('Kubernetes autoscaling experiments: does an RL autoscaler beat the HPA?')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of [
    registerRun,
    registerReproduce,
    registerHpa,
    registerSim,
    registerK6,
    registerTrain,
    registerStacks,
  ]) {
    register(program);
  }
  return program;
}

/** Entry point: runs the CLI and maps errors to a message and an exit code (2 = bad input). */
export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Commander already printed its message (help, version, unknown option).
      process.exitCode = err.exitCode === 0 ? 0 : 2;
      return;
    }
    process.stderr.write(`scalelab: ${describeError(err)}\n`);
    process.exitCode = err instanceof UserError ? err.exitCode : 1;
  }
}
