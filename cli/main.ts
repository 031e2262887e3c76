// The `scalelab` command: subcommands are registered from cli/commands/, one file per command.
// Only the module of the command being run is loaded (TensorFlow.js, Pulumi and Kubernetes models are heavy);
// the top-level help loads them all.
import { Command, CommanderError } from 'commander';
import { describeError, UserError } from './errors.ts';

type Register = (program: Command) => void;

/** Command name → the module that registers it (one module may register several commands). */
const COMMAND_MODULES: Record<string, () => Promise<{ register: Register }>> = {
  run: () => import('./commands/run.ts'),
  reproduce: () => import('./commands/reproduce.ts'),
  hpa: () => import('./commands/hpa.ts'),
  sim: () => import('./commands/sim.ts'),
  k6: () => import('./commands/k6.ts'),
  train: () => import('./commands/train.ts'),
  'tune-reward': () => import('./commands/train.ts'),
  federate: () => import('./commands/federate.ts'),
  stacks: () => import('./commands/stacks.ts'),
  emulate: () => import('./commands/emulate.ts'),
  cost: () => import('./commands/cost.ts'),
  compare: () => import('./commands/compare.ts'),
  merge: () => import('./commands/merge.ts'),
  'sweep-shard': () => import('./commands/sweep-shard.ts'),
  doctor: () => import('./commands/doctor.ts'),
  submit: () => import('./commands/submit.ts'),
  'job-pod': () => import('./commands/submit.ts'),
  calibrate: () => import('./commands/calibrate.ts'),
};

/** Builds the command tree with the commands of `only` (or all of them); exported for in-process tests. */
export async function buildProgram(only?: string): Promise<Command> {
  const program = new Command();
  program
    .name('scalelab')
    .description('Kubernetes autoscaling experiments: does an RL autoscaler beat the HPA?')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  const loaders = only && COMMAND_MODULES[only] ? [COMMAND_MODULES[only]] : [...new Set(Object.values(COMMAND_MODULES))];
  const seen = new Set<Register>();
  for (const load of loaders) {
    const { register } = await load();
    if (seen.has(register)) continue;
    seen.add(register);
    register(program);
  }
  return program;
}

/** Entry point: runs the CLI and maps errors to a message and an exit code (2 = bad input). */
export async function main(argv: string[]): Promise<void> {
  // `scalelab … | head` closes the pipe early: stop quietly instead of crashing with EPIPE.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  try {
    const first = argv.slice(2).find((a) => !a.startsWith('-'));
    const program = await buildProgram(first);
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
