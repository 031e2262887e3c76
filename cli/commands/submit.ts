// `scalelab submit --out DIR [--parallelism N] -- COMMAND ARGS…`: run a training run, a reward-tuning run or an
// experiment as an Indexed Job on the cluster (experiments/k8s-jobs/command-job.ts), once per index, and collect
// each pod's --out folder; and `scalelab job-pod -- …`, what each pod runs.
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../../lib/paths.ts';
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { checkOutDir } from '../out-dir.ts';

const BIN = join(REPO_ROOT, 'bin', 'scalelab.js');

/** Registers `scalelab submit` and `scalelab job-pod`. */
export function register(program: Command): void {
  program
    .command('submit')
    .description('run `scalelab train|tune-reward|run …` as an Indexed Job on the cluster (one pod per index) and collect each --out folder')
    .argument('<command...>', 'the scalelab command and its arguments, after --; {index} becomes the pod\'s JOB_COMPLETION_INDEX')
    .option('--out <dir>', 'where the folders come back: DIR/<index>/ (DIR itself for one pod) (required)')
    .option('--parallelism <n>', 'pods = completions of the Indexed Job', '1')
    .addHelpText(
      'after',
      `
Example: three training seeds at once (SCALELAB_SWEEP_IMAGE = the sweep image, KUBECONFIG = the cluster):
  scalelab submit --out models/dqn-seeds --parallelism 3 -- train dqn --steps 30000 --seed {index}
Each pod runs the command with --out inside the pod and hands the folder back as ConfigMaps; the Job and its
namespace are deleted afterwards.`,
    )
    .action(async (args: string[], flags: { out?: string; parallelism: string }) => {
      if (flags.out === undefined || flags.out.trim() === '') throw new UserError('--out: required (the folder the results come back to)');
      const parallelism = Number(flags.parallelism);
      if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > 1000) throw new UserError(`--parallelism: got "${flags.parallelism}", expected an integer from 1 to 1000`);
      const { checkSubmitArgs, submitCommand } = await import('../../experiments/k8s-jobs/command-job.ts');
      checkSubmitArgs(args);
      checkOutDir(flags.out);
      const { connectFromKubeconfig } = await import('../../experiments/k8s-jobs/connect.ts');
      const api = await connectFromKubeconfig();
      const dirs = await submitCommand({
        api, args, parallelism, outDir: resolve(flags.out),
        log: (l) => process.stderr.write(`[submit] ${l}\n`),
      });
      process.stdout.write(`${dirs.length} result folder${dirs.length === 1 ? '' : 's'}:\n${dirs.map((d) => `  ${d}`).join('\n')}\n`);
    });

  program
    .command('job-pod')
    .description('(inside a pod of `scalelab submit`) run the command for this JOB_COMPLETION_INDEX and hand its --out folder back')
    .argument('<command...>', 'the scalelab command and its arguments')
    .action(async (args: string[]) => {
      const index = Number(process.env.JOB_COMPLETION_INDEX);
      const count = Number(process.env.SCALELAB_JOB_PODS);
      if (!/^\d+$/.test(process.env.JOB_COMPLETION_INDEX ?? '') || !Number.isInteger(count) || index >= count) {
        throw new UserError(`JOB_COMPLETION_INDEX="${process.env.JOB_COMPLETION_INDEX ?? ''}", SCALELAB_JOB_PODS="${process.env.SCALELAB_JOB_PODS ?? ''}": job-pod runs inside a pod of \`scalelab submit\`'s Indexed Job`);
      }
      const { runCommandInPod } = await import('../../experiments/k8s-jobs/command-job.ts');
      const { resultConfigMaps } = await import('../../experiments/k8s-jobs/shard-results.ts');
      const { createOrReplace, inClusterConnection, kubeRest } = await import('../../experiments/k8s-jobs/kube-rest.ts');
      const { connection, namespace } = inClusterConnection();
      const result = await runCommandInPod({ args, index, count, scalelabBin: BIN });
      const api = kubeRest(connection);
      for (const m of resultConfigMaps(namespace, result)) await createOrReplace(api, m);
      if (!result.ok) throw new UserError(`pod ${index}: ${result.error}`, { exitCode: 1 });
    });
}
