// The `k8s-jobs` backend (DESIGN.md §9): the cells to run go to a cluster as one Indexed Job in its own namespace
// (completions = parallelism = N); pod i runs shard i of the cells in the sweep image and writes its records as
// ConfigMaps; the runner waits for the Job, collects and checks every shard's records (every cell exactly once,
// with this run's configuration hash and code version), hands them to the runner in cell order, and deletes the
// Job and the namespace in `finally` (also on Ctrl-C). Kubernetes is the scheduler: no home-made one.
// Every step that touches the cluster is injectable; `executeShards` is the step "run each shard's work" (by
// default: wait for the pods; on the emulated cluster, whose kwok nodes run no containers, its bridge runs each pod's
// `scalelab sweep-shard` as a local process — emulated/bridge/job-pods.ts — so the runner waits the same way).
import { isAbsolute, relative, sep } from 'node:path';
import type { Cell } from '../cells.ts';
import { UserError } from '../../lib/errors.ts';
import { REPO_ROOT } from '../../lib/paths.ts';
import { buildSweepManifests, type SweepJobSpec } from '../../stacks/manifests/indexed-job.ts';
import type { KubeRest } from './kube-rest.ts';
import type { RunningJob } from './indexed-job-run.ts';
import { packCells, SWEEP_CELLS_SCHEMA, type SweepCellsFile } from './sweep-cells.ts';
import { checkShardLines } from './check-shard-lines.ts';

/** A sweep whose objects exist on the cluster: what an executor needs to run or await its shards. */
export interface SubmittedSweep extends RunningJob {
  file: SweepCellsFile;
  projectDir: string;
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

/** Namespace of a sweep: a DNS-1123 label of at most 63 characters. */
export function sweepNamespace(experiment: string, suffix: string): string {
  const slug = experiment.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63 - 'scalelab-sweep--'.length - suffix.length) || 'x';
  return `scalelab-sweep-${slug}-${suffix}`.replace(/-+/g, '-');
}

/** Builds the backend. */
export function k8sJobsBackend(o: K8sJobsOptions = {}): K8sJobsBackend {
  const log = o.log ?? ((l: string) => process.stderr.write(`[k8s-jobs] ${l}\n`));
  const projectDir = o.projectDir ?? REPO_ROOT;
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
      const executor = o.executeShards ?? awaitPods;
      log(`namespace ${namespace}: Indexed Job of ${parallelism} pods (${spec.image}) for ${cells.length} cells`);
      const { runIndexedJob } = await import('./indexed-job-run.ts');
      const { items, jobError } = await runIndexedJob(
        { api, manifests, namespace, jobName: spec.name, parallelism, activeDeadlineSeconds: spec.activeDeadlineSeconds, pollMs: o.pollMs, sleep: o.sleep, log, handleSignals: o.handleSignals },
        (job) => executor({ ...job, file, projectDir }),
      );
      const lines = checkShardLines(items, cells, parallelism, jobError);
      for (const { cell, line } of lines) options.onLine(cell, line);
      log(`collected ${lines.length} records from ${parallelism} shards`);
    },
  };
}
