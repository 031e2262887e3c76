// The scenario stack's K6Job as the load source: wait until its k6 container has ended, then stream the gzipped
// points and the summary from the pod's results server through the API server's pod proxy (never the pod log,
// which rotates at 10 MiB). The caller cross-checks the points against the summary.
import { K6_RESULTS } from '../../stacks/manifests/k6-job.ts';
import { accumulateK6Lines, type K6AccumulatorOptions, type createK6Accumulator } from '../../k6/k6-results.ts';
import { readLines } from '../../k6/read-lines.ts';
import { createGunzip } from 'node:zlib';
import { pipeline } from 'node:stream';
import { k6PodState, podProxyStream, type KubeConnection } from './kube-api.ts';

/** Largest gzipped points file downloaded, bytes (an hour at 1,000 req/s is ≈ 1 GB gzipped). */
export const MAX_POINTS_GZIP_BYTES = 8 * 1024 ** 3;

/** What the wait needs. */
export interface InClusterK6Deps {
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  log(line: string): void;
}

/** Waits for the k6 container of `job` to end (within `deadlineSeconds`), then reads its results. */
export async function readInClusterK6(kube: KubeConnection, namespace: string, job: string, deadlineSeconds: number, acc: K6AccumulatorOptions, deps: InClusterK6Deps, signal: AbortSignal): Promise<{ results: ReturnType<typeof createK6Accumulator>; summaryJson: string }> {
  const deadline = Date.now() + deadlineSeconds * 1000;
  let pod: string | undefined;
  for (;;) {
    const st = await k6PodState(kube, namespace, job, signal).catch((err: Error) => {
      if (signal.aborted) throw err;
      deps.log(`k6 Job ${namespace}/${job}: ${err.message} (retrying)`);
      return { podFailed: false } as Awaited<ReturnType<typeof k6PodState>>;
    });
    if (st.podFailed) throw new Error(`k6 Job ${namespace}/${job}: its pod failed (${st.reason ?? 'no reason given'})`);
    if (st.k6ExitCode !== undefined) {
      if (st.k6ExitCode !== 0 && st.k6ExitCode !== 99) throw new Error(`k6 Job ${namespace}/${job}: k6 exited with ${st.k6ExitCode} (${st.reason ?? ''}); see its log`);
      pod = st.pod;
      break;
    }
    if (Date.now() > deadline) throw new Error(`k6 Job ${namespace}/${job} did not finish within ${deadlineSeconds} s`);
    await deps.sleep(5000, signal);
  }
  const fetchOpts = { signal, deadlineMs: 30 * 60_000 };
  const summaryStream = await podProxyStream(kube, namespace, pod!, K6_RESULTS.port, K6_RESULTS.summary, { ...fetchOpts, maxBytes: 64 * 1024 * 1024 });
  const chunks: Buffer[] = [];
  for await (const c of summaryStream) chunks.push(c as Buffer);
  const points = await podProxyStream(kube, namespace, pod!, K6_RESULTS.port, K6_RESULTS.points, { ...fetchOpts, maxBytes: MAX_POINTS_GZIP_BYTES });
  const lines = readLines(pipeline(points, createGunzip(), () => {}) as AsyncIterable<Buffer>);
  const results = await accumulateK6Lines(lines, acc);
  return { results, summaryJson: Buffer.concat(chunks).toString('utf8') };
}
