// The life of one Indexed Job in its own namespace, shared by sweeps and submitted commands: create the objects,
// let an executor run (or await) the pods, list the result ConfigMaps, and delete the Job and the namespace in
// `finally` — also on Ctrl-C/SIGTERM, which stop the wait and end in a UserError with exit code 130/143.
import { UserError } from '../../lib/errors.ts';
import type { Manifest } from '../../stacks/manifests/scenario-spec.ts';
import { collectionPath, KubeApiError, objectPath, type KubeRest } from './kube-rest.ts';
import { RESULT_SELECTOR } from './shard-results.ts';

/** What the executor of a running Job gets. */
export interface RunningJob {
  api: KubeRest;
  namespace: string;
  jobName: string;
  parallelism: number;
  /** Resolves when the Job is Complete; rejects when it Failed, timed out or the run was interrupted. */
  waitForJob(): Promise<void>;
  signal: AbortSignal;
}

/** How to run it. */
export interface IndexedJobRunOptions {
  api: KubeRest;
  /** Every object, namespace first; one of them is the Job `jobName`. */
  manifests: Manifest[];
  namespace: string;
  jobName: string;
  parallelism: number;
  activeDeadlineSeconds: number;
  pollMs?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  log: (line: string) => void;
  handleSignals?: boolean;
}

const abortableSleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((res, rej) => {
    if (signal.aborted) return rej(signal.reason);
    const onAbort = () => { clearTimeout(t); rej(signal.reason); };
    const t = setTimeout(() => { signal.removeEventListener('abort', onAbort); res(); }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });

/**
 * Use for every Job the lab submits: runs `execute`, then returns the result ConfigMaps and the executor's error
 * (if any, so the caller can prefer the pods' own error messages); everything is deleted afterwards.
 */
export async function runIndexedJob(
  o: IndexedJobRunOptions,
  execute: (job: RunningJob) => Promise<void>,
): Promise<{ items: object[]; jobError: unknown }> {
  const { api, namespace, jobName, parallelism } = o;
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => controller.abort(new UserError(`interrupted (${signal}): the Job and namespace ${namespace} were deleted; run the same command again`, { exitCode: signal === 'SIGINT' ? 130 : 143 }));
  const handle = o.handleSignals ?? true;
  if (handle) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  const sleep = o.sleep ?? abortableSleep;
  const waitForJob = async () => {
    const deadline = Date.now() + (o.activeDeadlineSeconds + 120) * 1000;
    for (;;) {
      const job = await api.request('GET', objectPath({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: jobName, namespace } }));
      const conditions: { type?: string; status?: string; reason?: string; message?: string }[] = job?.status?.conditions ?? [];
      const failed = conditions.find((c) => c.type === 'Failed' && c.status === 'True');
      if (failed) throw new Error(`Job ${namespace}/${jobName} failed (${failed.reason ?? 'no reason'}: ${failed.message ?? ''}${job?.status?.failedIndexes ? `; failed shards ${job.status.failedIndexes}` : ''})`);
      if (conditions.some((c) => c.type === 'Complete' && c.status === 'True') || Number(job?.status?.succeeded ?? 0) >= parallelism) return;
      if (Date.now() > deadline) throw new Error(`Job ${namespace}/${jobName} did not finish within ${o.activeDeadlineSeconds} s`);
      await sleep(o.pollMs ?? 5000, controller.signal);
    }
  };
  try {
    for (const m of o.manifests) await api.request('POST', collectionPath(m), m);
    let jobError: unknown;
    try {
      await execute({ api, namespace, jobName, parallelism, waitForJob, signal: controller.signal });
    } catch (err) {
      if (controller.signal.aborted) throw controller.signal.reason;
      jobError = err;
    }
    const list = await api.request('GET', `/api/v1/namespaces/${namespace}/configmaps?labelSelector=${encodeURIComponent(RESULT_SELECTOR)}`);
    return { items: list?.items ?? [], jobError };
  } finally {
    await cleanUp(api, namespace, jobName, o.log);
    if (handle) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
}

/** Deletes the Job (its pods in the background) and the namespace; a failure is logged with the command to finish it. */
async function cleanUp(api: KubeRest, namespace: string, job: string, log: (l: string) => void): Promise<void> {
  const ignoreGone = (err: unknown) => {
    if (!(err instanceof KubeApiError && err.status === 404)) throw err;
  };
  try {
    await api.request('DELETE', `/apis/batch/v1/namespaces/${namespace}/jobs/${job}?propagationPolicy=Background`).catch(ignoreGone);
    await api.request('DELETE', `/api/v1/namespaces/${namespace}`).catch(ignoreGone);
    log(`deleted Job ${job} and namespace ${namespace}`);
  } catch (err) {
    log(`could not delete namespace ${namespace} (${err instanceof Error ? err.message : String(err)}): run \`kubectl delete namespace ${namespace}\``);
  }
}
