// `scalelab sweep-shard CELLS --shard auto/N`: what each pod of a k8s-jobs sweep runs (the Indexed Job's
// container args): run this shard's cells on the simulator and write the records as ConfigMaps in the pod's own
// namespace with the pod's ServiceAccount. Not meant to be typed by hand.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { UserError } from '../errors.ts';
import { parseShard } from '../../experiments/cells.ts';
import { REPO_ROOT } from '../../lib/paths.ts';

/** Registers `scalelab sweep-shard`. */
export function register(program: Command): void {
  program
    .command('sweep-shard')
    .description('(inside a k8s-jobs pod) run one shard of a sweep and hand its records back as ConfigMaps')
    .argument('<cells>', 'the sweep\'s cells file (cells.json.gz, mounted from the sweep-cells ConfigMap)')
    .requiredOption('--shard <I/N>', 'the shard; auto/N takes I from JOB_COMPLETION_INDEX')
    .option('--workers <n>', 'worker threads', '1')
    .action(async (cellsPath: string, flags: { shard: string; workers: string }) => {
      let shard;
      try {
        shard = parseShard(flags.shard, process.env.JOB_COMPLETION_INDEX);
      } catch (err) {
        throw new UserError((err as Error).message);
      }
      const workers = Number(flags.workers);
      if (!Number.isInteger(workers) || workers < 1) throw new UserError(`--workers: got "${flags.workers}", expected an integer ≥ 1`);
      const { unpackCells, runSweepShard } = await import('../../experiments/k8s-jobs/sweep-cells.ts');
      const { resultConfigMaps } = await import('../../experiments/k8s-jobs/shard-results.ts');
      const { createOrReplace, inClusterConnection, kubeRest } = await import('../../experiments/k8s-jobs/kube-rest.ts');
      const { codeVersion } = await import('../../experiments/code-version.ts');
      let file;
      try {
        file = unpackCells(readFileSync(cellsPath));
      } catch (err) {
        throw new UserError(`${cellsPath}: ${(err as Error).message}`);
      }
      const { connection, namespace } = inClusterConnection();
      const projectDir = REPO_ROOT;
      const result = await runSweepShard({ file, shard, projectDir, workers, codeVersion: codeVersion() });
      const api = kubeRest(connection);
      for (const m of resultConfigMaps(namespace, result)) await createOrReplace(api, m);
      if (!result.ok) throw new UserError(`shard ${shard.index}/${shard.count} failed: ${result.error}`, { exitCode: 1 });
      process.stdout.write(`shard ${shard.index}/${shard.count}: ${result.lines.length} records written to namespace ${namespace}\n`);
    });
}
