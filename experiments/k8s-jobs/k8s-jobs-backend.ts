// The `k8s-jobs` backend (DESIGN.md §9): the cells to run go to a cluster as one Indexed Job in its own namespace
// (completions = parallelism = N); pod i runs shard i of the cells in the sweep image and writes its records as
// ConfigMaps; the runner waits for the Job, collects and checks every shard's records (every cell exactly once,
// with this run's configuration hash and code version), hands them to the runner in cell order, and deletes the
// Job and the namespace in `finally` (also on Ctrl-C). Kubernetes is the scheduler: no home-made one.
// Every step that touches the cluster is injectable; `executeShards` is the step "run each shard's work" (by
// default: wait for the pods; on an emulated cluster without containers: `localShardExecutor()`).
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Cell } from '../cells.ts';
import { UserError } from '../../lib/errors.ts';
import { buildSweepManifests, type SweepJobSpec } from '../../stacks/manifests/indexed-job.ts';
import type { KubeRest } from './kube-rest.ts';
import { packCells, runSweepShard, SWEEP_CELLS_SCHEMA, type CellRunner, type SweepCellsFile } from './sweep-cells.ts';
import { checkShardLines } from './check-shard-lines.ts';

/** A sweep whose objects exist on the cluster: what an executor needs to run or await its shards. */
export interface SubmittedSweep {
  api: KubeRest;
  namespace: string;
  jobName: string;
  parallelism: number;
  file: SweepCellsFile;
  projectDir: string;
  /** Resolves when the Job is Complete; rejects when it Failed, timed out or the run was interrupted. */
  waitForJob(): Promise<void>;
  signal: AbortSignal;
}

/** What the runner passes (the runner's BackendRunOptions; declared here so this module does not import backends.ts). */
export interface SweepRunOptions {
  workers: number;
  baseDir: string;
  parallelism?: number;
  onLine(cell: Cell, line: string): void;
}

/** The backend (structurally the runner's Backend). */
export interface K8sJobsBackend {
  recordBackend: 'sim';
  run(cells: readonly Cell[], options: SweepRunOptions): Promise<void>;
}

/** The step "run each shard's work". */
export type ShardExecutor = (sweep: SubmittedSweep) => Promise<void>;

/** How to reach the cluster and what to run. */
export interface K8sJobsOptions {
  /** The API client (default: the kubeconfig of KUBECONFIG or ~/.kube/config, see connect.ts). */
  connect?: () => Promise<KubeRest>;
  /** Sweep image (env SCALELAB_SWEEP_IMAGE, default ghcr.io/scalelab/sweep:0.1.0). */
  image?: string;
  /** Pods when the run gives no --parallelism (default 8, never more than the cells). */
  defaultParallelism?: number;
  cpuRequestMilli?: number;
  memoryRequestMiB?: number;
  /** Seconds before the Job is failed (default 24 h). */
  activeDeadlineSeconds?: number;
  executeShards?: ShardExecutor;
  projectDir?: string;
  /** Suffix that makes the namespace unique (default: base-36 milliseconds). */
  nameSuffix?: () => string;
  pollMs?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  log?: (line: string) => void;
  /** Install SIGINT/SIGTERM handlers that stop the wait and clean up (default true). */
  handleSignals?: boolean;
}

const MAX_CELLS_CONFIGMAP_BYTES = 900 * 1024;
export const DEFAULT_SWEEP_IMAGE = 'ghcr.io/scalelab/sweep:0.1.0';

/** The default executor: the pods do the work; wait for the Job. */
export const awaitPods: ShardExecutor = (sweep) => sweep.waitForJob();

/** For a cluster that runs no containers (kwok): run each shard here with its index and write its results as the pod would. */
export function localShardExecutor(o: { workers?: number; runCells?: CellRunner; codeVersion?: string; waitForJob?: boolean } = {}): ShardExecutor {
  return async (sweep) => {
    const { resultConfigMaps } = await import('./shard-results.ts');
    const { createOrReplace } = await import('./kube-rest.ts');
    const { codeVersion } = await import('../code-version.ts');
    for (let index = 0; index < sweep.parallelism; index++) {
      const result = await runSweepShard({ file: sweep.file, shard: { index, count: sweep.parallelism }, projectDir: sweep.projectDir, workers: o.workers ?? 1, codeVersion: o.codeVersion ?? codeVersion(), runCells: o.runCells });
      for (const m of resultConfigMaps(sweep.namespace, result)) await createOrReplace(sweep.api, m);
    }
    if (o.waitForJob ?? true) await sweep.waitForJob();
  };
}

const abortableSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((res, rej) => {
    if (signal.aborted) return rej(signal.reason);
    const t = setTimeout(() => { signal.removeEventListener('abort', onAbort); res(); }, ms);
    const onAbort = () => { clearTimeout(t); rej(signal.reason); };
    signal.addEventListener('abort', onAbort, { once: true });
  });

/** Namespace of a sweep: a DNS-1123 label of at most 63 characters. */
export function sweepNamespace(experiment: string, suffix: string): string {
  const slug = experiment.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63 - 'scalelab-sweep--'.length - suffix.length) || 'x';
  return `scalelab-sweep-${slug}-${suffix}`.replace(/-+/g, '-');
}

/** Builds the backend. */
export function k8sJobsBackend(o: K8sJobsOptions = {}): K8sJobsBackend {
  const log = o.log ?? ((l: string) => process.stderr.write(`[k8s-jobs] ${l}\n`));
  const projectDir = o.projectDir ?? resolve(import.meta.dirname, '../..');
  return {
    recordBackend: 'sim',
    async run(cells: readonly Cell[], options: SweepRunOptions) {
      if (cells.length === 0) return;
      const rel = relative(projectDir, options.baseDir);
      if (rel.startsWith('..') || isAbsolute(rel)) {
        throw new UserError(`the k8s-jobs backend runs the experiment inside the sweep image, whose files are this repository's; the experiment's folder ${options.baseDir} is outside ${projectDir}: move the experiment (and its traces) into the repository and rebuild the image`);
      }
      const parallelism = Math.min(options.parallelism ?? o.defaultParallelism ?? 8, cells.length);
      if (options.parallelism !== undefined && options.parallelism > cells.length) log(`--parallelism ${options.parallelism} > ${cells.length} cells to run: using ${parallelism} pods`);
      const file: SweepCellsFile = { schema: SWEEP_CELLS_SCHEMA, baseDir: rel.split(sep).join('/'), codeVersion: cells[0].config.codeVersion ?? null, cells: [...cells] };
      const cellsGzipBase64 = packCells(file).toString('base64');
      if (cellsGzipBase64.length > MAX_CELLS_CONFIGMAP_BYTES) {
        throw new UserError(`the ${cells.length} cells take ${Math.round(cellsGzipBase64.length / 1024)} KiB packed, more than one ConfigMap holds (${MAX_CELLS_CONFIGMAP_BYTES / 1024} KiB): submit the sweep in parts with --shard I/N`);
      }
      const namespace = sweepNamespace(cells[0].experiment, (o.nameSuffix ?? (() => Date.now().toString(36)))());
      const spec: SweepJobSpec = {
        namespace,
        name: 'sweep',
        image: o.image ?? (process.env.SCALELAB_SWEEP_IMAGE || DEFAULT_SWEEP_IMAGE),
        parallelism,
        cellsGzipBase64,
        cpuRequestMilli: o.cpuRequestMilli ?? 1000,
        memoryRequestMiB: o.memoryRequestMiB ?? 1024,
        backoffLimitPerIndex: 1,
        activeDeadlineSeconds: o.activeDeadlineSeconds ?? 86_400,
      };
      const manifests = buildSweepManifests(spec);
      const { validateManifest } = await import('../../stacks/manifests/validate-manifest.ts');
      for (const m of manifests) validateManifest(m);
      const connect = o.connect ?? (async () => (await import('./connect.ts')).connectFromKubeconfig());
      const api = await connect();
      const { collectionPath, objectPath, KubeApiError } = await import('./kube-rest.ts');
      const controller = new AbortController();
      const sleep = o.sleep ?? abortableSleep;
      const onSignal = (signal: NodeJS.Signals) => controller.abort(new UserError(`interrupted (${signal}): the sweep's Job and namespace ${namespace} were deleted; run the same command again to resume`, { exitCode: signal === 'SIGINT' ? 130 : 143 }));
      if (o.handleSignals ?? true) {
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
      }
      const waitForJob = async () => {
        const deadline = Date.now() + (spec.activeDeadlineSeconds + 120) * 1000;
        for (;;) {
          const job = await api.request('GET', objectPath({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: spec.name, namespace } }));
          const conditions: { type?: string; status?: string; reason?: string; message?: string }[] = job?.status?.conditions ?? [];
          const failed = conditions.find((c) => c.type === 'Failed' && c.status === 'True');
          if (failed) throw new Error(`Job ${namespace}/${spec.name} failed (${failed.reason ?? 'no reason'}: ${failed.message ?? ''}${job?.status?.failedIndexes ? `; failed shards ${job.status.failedIndexes}` : ''})`);
          if (conditions.some((c) => c.type === 'Complete' && c.status === 'True') || Number(job?.status?.succeeded ?? 0) >= parallelism) return;
          if (Date.now() > deadline) throw new Error(`Job ${namespace}/${spec.name} did not finish within ${spec.activeDeadlineSeconds} s`);
          await sleep(o.pollMs ?? 5000, controller.signal);
        }
      };
      // SCALELAB_SHARD_EXECUTOR=local runs each shard here with its index (a cluster whose pods run no containers, e.g. kwok).
      const executor = o.executeShards ?? (process.env.SCALELAB_SHARD_EXECUTOR === 'local' ? localShardExecutor({ workers: options.workers }) : awaitPods);
      log(`namespace ${namespace}: Indexed Job of ${parallelism} pods (${spec.image}) for ${cells.length} cells`);
      try {
        for (const m of manifests) await api.request('POST', collectionPath(m), m);
        let jobError: unknown;
        try {
          await executor({ api, namespace, jobName: spec.name, parallelism, file, projectDir, waitForJob, signal: controller.signal });
        } catch (err) {
          if (controller.signal.aborted) throw controller.signal.reason;
          jobError = err;
        }
        const list = await api.request('GET', `/api/v1/namespaces/${namespace}/configmaps?labelSelector=${encodeURIComponent((await import('./shard-results.ts')).RESULT_SELECTOR)}`);
        const lines = checkShardLines(list?.items ?? [], cells, parallelism, jobError);
        for (const { cell, line } of lines) options.onLine(cell, line);
        log(`collected ${lines.length} records from ${parallelism} shards`);
      } finally {
        await cleanUp(api, namespace, spec.name, log, KubeApiError);
        if (o.handleSignals ?? true) {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
      }
    },
  };
}

/** Deletes the Job (its pods in the background) and the namespace; a failure is logged with the command to finish it. */
async function cleanUp(api: KubeRest, namespace: string, job: string, log: (l: string) => void, KubeApiError: new (...a: never[]) => Error): Promise<void> {
  const gone = (err: unknown) => err instanceof KubeApiError && (err as { status?: number }).status === 404;
  try {
    await api.request('DELETE', `/apis/batch/v1/namespaces/${namespace}/jobs/${job}?propagationPolicy=Background`).catch((err) => { if (!gone(err)) throw err; });
    await api.request('DELETE', `/api/v1/namespaces/${namespace}`).catch((err) => { if (!gone(err)) throw err; });
    log(`deleted Job ${job} and namespace ${namespace}`);
  } catch (err) {
    log(`could not delete namespace ${namespace} (${err instanceof Error ? err.message : String(err)}): run \`kubectl delete namespace ${namespace}\``);
  }
}
