// The pods' side of a sweep or a submitted command, run in this process for each index in turn against the node:http
// fake of the API (which has no Job controller and no kubelet): exactly what `scalelab sweep-shard` and
// `scalelab job-pod` do in a pod — runSweepShard / runCommandInPod, then the result ConfigMaps. On a real or the
// emulated cluster the pods themselves do this (emulated/bridge/job-pods.ts runs them); the runner only waits.
import { codeVersion as currentCodeVersion } from '../../../../experiments/code-version.ts';
import { runCommandInPod } from '../../../../experiments/k8s-jobs/command-job.ts';
import type { RunningJob } from '../../../../experiments/k8s-jobs/indexed-job-run.ts';
import type { ShardExecutor } from '../../../../experiments/k8s-jobs/k8s-jobs-backend.ts';
import { createOrReplace } from '../../../../experiments/k8s-jobs/kube-rest.ts';
import { resultConfigMaps } from '../../../../experiments/k8s-jobs/shard-results.ts';
import { runSweepShard, type CellRunner } from '../../../../experiments/k8s-jobs/sweep-cells.ts';

/** Runs every shard's pod work here; `waitForJob` afterwards unless told not to (the test completes the Job itself). */
export function inProcessShards(o: { workers?: number; runCells?: CellRunner; codeVersion?: string; waitForJob?: boolean } = {}): ShardExecutor {
  return async (sweep) => {
    for (let index = 0; index < sweep.parallelism; index++) {
      const result = await runSweepShard({ file: sweep.file, shard: { index, count: sweep.parallelism }, projectDir: sweep.projectDir, workers: o.workers ?? 1, codeVersion: o.codeVersion ?? currentCodeVersion(), runCells: o.runCells });
      for (const m of resultConfigMaps(sweep.namespace, result)) await createOrReplace(sweep.api, m);
    }
    if (o.waitForJob ?? true) await sweep.waitForJob();
  };
}

/** Runs every index's `scalelab ARGS` (bin/scalelab.js at `scalelabBin`) here and writes its result as its pod would. */
export function inProcessCommands(scalelabBin: string): (job: RunningJob & { args: readonly string[] }) => Promise<void> {
  return async (job) => {
    for (let index = 0; index < job.parallelism; index++) {
      const result = await runCommandInPod({ args: job.args, index, count: job.parallelism, scalelabBin });
      for (const m of resultConfigMaps(job.namespace, result)) await createOrReplace(job.api, m);
    }
    await job.waitForJob();
  };
}
