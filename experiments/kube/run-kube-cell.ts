// One cell on a real MicroK8s cluster: `up` its scenario stack, wait until nginx is Ready, run k6, collect the
// run window from Prometheus, convert to the simulator's samples and record (sim/run-recorder), and ALWAYS
// `destroy` the stack — after success, failure, and Ctrl-C (SIGINT aborts k6, then the stack is destroyed).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUN_RECORD_SCHEMA, type RunRecord } from '../../lib/ports.ts';
import type { Cell } from '../cells.ts';
import { buildWorkload } from '../../workloads/index.ts';
import { generateK6Script } from '../../k6/generate-script.ts';
import { parseK6Ndjson } from '../../k6/parse-ndjson.ts';
import { createRunRecorder } from '../../sim/run-recorder.ts';
import { podCapacityRps } from '../../sim/config.ts';
import { createPrometheusClient } from '../../agent/controller/prometheus-client.ts';
import { traceLoader } from '../load-trace.ts';
import type { StackDriver } from './pulumi-stacks.ts';
import type { K6RunOutput } from './k6-local.ts';
import { deploymentReadiness, jobLog, jobStatus, parseKubeconfig, type KubeConnection } from './kube-api.ts';
import { k6JobNameFor } from '../../stacks/manifests/k6-job.ts';
import { collectorQueries } from './collector-queries.ts';
import { collectSeries } from './collect-series.ts';
import { toIntervalSamples } from './to-interval-samples.ts';
import { stackConfigForCell, stackNameForCell } from './stack-for-cell.ts';

/** Everything a kube cell talks to (real adapters in kube-backend.ts, fakes in tests). */
export interface KubeCellDeps {
  stacks: StackDriver;
  /** Name of the cluster stack (its outputs: kubeconfig, prometheusUrl). */
  clusterStack: string;
  /** Agent image for agent cells (`scalelab:agentImage`); undefined = Pulumi.yaml's default. */
  agentImage?: string;
  /** Runs k6 locally; undefined = no local k6: the scenario stack's K6Job runs the load and its log is read. */
  runK6?: (script: string, targetUrl: string, dir: string, signal: AbortSignal) => Promise<K6RunOutput>;
  sleep(ms: number): Promise<void>;
  /** Give up waiting for Ready replicas after this long, seconds. */
  readinessTimeoutSeconds: number;
  /** Prometheus step and k6 bin, seconds. */
  stepSeconds: number;
  log(line: string): void;
}

/** Thrown when the user pressed Ctrl-C during a cell (after the stack was destroyed). */
export class CellInterrupted extends Error {}

/** Use as the microk8s backend's cell runner. */
export async function runKubeCell(cell: Cell, ctx: { baseDir: string }, deps: KubeCellDeps): Promise<RunRecord> {
  const stack = stackNameForCell(cell);
  let cluster: Record<string, unknown>;
  try {
    cluster = await deps.stacks.outputs(deps.clusterStack);
  } catch (err) {
    throw new Error(`cluster stack ${deps.clusterStack}: cannot read its outputs; create it first with \`pulumi up -s cluster\` (docs/real-path.md step 1) or name yours in SCALELAB_CLUSTER_STACK`, { cause: err });
  }
  if (typeof cluster.kubeconfig !== 'string' || typeof cluster.prometheusUrl !== 'string') {
    throw new Error(`cluster stack ${deps.clusterStack} has no kubeconfig/prometheusUrl outputs: run \`pulumi up -s cluster\` first`);
  }
  const kube = parseKubeconfig(cluster.kubeconfig);
  const prom = createPrometheusClient(cluster.prometheusUrl, { timeoutMs: 30000 });
  const abort = new AbortController();
  const onSigint = () => {
    deps.log(`interrupted: stopping k6 and destroying stack ${stack}`);
    abort.abort();
  };
  process.once('SIGINT', onSigint);
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-kube-'));
  let failure: unknown;
  try {
    deps.log(`${cell.key}: pulumi up ${stack}`);
    const out = await deps.stacks.up(stack, stackConfigForCell(cell, { clusterStack: deps.clusterStack, k6Job: deps.runK6 === undefined, agentImage: deps.agentImage, baseDir: ctx.baseDir }));
    const namespace = String(out.namespace);
    const deployment = String(out.deployment);
    await waitReady(deps, () => deploymentReadiness(kube, namespace, deployment), abort.signal);
    const workload = buildWorkload(cell.config.workload, { seed: cell.seed, loadTrace: traceLoader(ctx.baseDir) });
    const sla = cell.config.plant.slaLatencyMs;
    let k6: { ndjson: string };
    if (deps.runK6) {
      deps.log(`${cell.key}: k6 against ${String(out.serviceUrl)}`);
      k6 = await deps.runK6(generateK6Script(workload, { slaLatencyMs: sla }), String(out.serviceUrl), dir, abort.signal);
    } else {
      deps.log(`${cell.key}: waiting for the in-cluster k6 Job (${workload.durationSeconds} s of load)`);
      k6 = await waitForK6Job(deps, kube, namespace, k6JobNameFor(deployment), workload.durationSeconds, abort.signal);
    }
    if (abort.signal.aborted) throw new CellInterrupted('interrupted');
    // The run window is the load's own: first to last k6 sample, on the Prometheus step grid.
    const probe = parseK6Ndjson(k6.ndjson, deps.stepSeconds);
    if (probe.bins.length === 0) throw new Error('k6 produced no request samples');
    const step = deps.stepSeconds;
    const startSeconds = Math.floor(probe.startEpochMs / 1000 / step) * step;
    const endSeconds = (Math.floor(probe.endEpochMs / 1000 / step) + 1) * step;
    const series = await collectSeries(prom, collectorQueries(namespace, deployment, '1m'), startSeconds, endSeconds, step);
    const points = parseK6Ndjson(k6.ndjson, step, startSeconds * 1000);
    const samples = toIntervalSamples(series, points, { slaLatencyMs: sla, podCapacityRps: podCapacityRps(cell.config.plant), pricePerVcpuHourUsd: cell.config.plant.pricePerVcpuHourUsd, pricePerGibHourUsd: cell.config.plant.pricePerGibHourUsd });
    const recorder = createRunRecorder({ slaLatencyMs: sla });
    for (const s of samples) recorder.add(s);
    const result = recorder.finish();
    return {
      schema: RUN_RECORD_SCHEMA,
      experiment: cell.experiment,
      scenario: cell.scenario,
      autoscaler: cell.autoscaler,
      seed: cell.seed,
      backend: 'microk8s',
      metrics: result.metrics,
      config: cell.config as unknown as Record<string, unknown>,
      series: result.series,
      latencyHistogram: result.latencyHistogram,
    };
  } catch (err) {
    failure = abort.signal.aborted && !(err instanceof CellInterrupted) ? new CellInterrupted('interrupted', { cause: err }) : err;
    throw failure;
  } finally {
    process.off('SIGINT', onSigint);
    rmSync(dir, { recursive: true, force: true });
    deps.log(`${cell.key}: pulumi destroy ${stack}`);
    try {
      await deps.stacks.destroy(stack);
    } catch (destroyErr) {
      // Never hide the first failure; but a leaked stack must be reported.
      const msg = `pulumi destroy ${stack} failed: clean up with \`pulumi destroy -s ${stack}\``;
      if (failure === undefined) throw new Error(msg, { cause: destroyErr });
      deps.log(msg);
    }
    if (abort.signal.aborted && failure === undefined) throw new CellInterrupted('interrupted');
  }
}

async function waitReady(deps: KubeCellDeps, read: () => Promise<{ desired: number; ready: number }>, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + deps.readinessTimeoutSeconds * 1000;
  let last = 'no answer';
  while (!signal.aborted) {
    try {
      const r = await read();
      last = `${r.ready}/${r.desired} ready`;
      if (r.desired > 0 && r.ready >= r.desired) return;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) throw new Error(`nginx not Ready within ${deps.readinessTimeoutSeconds} s (${last})`);
    await deps.sleep(2000);
  }
  throw new CellInterrupted('interrupted');
}

/** Waits for the scenario's K6Job to finish and splits its log into the NDJSON points and the summary. */
async function waitForK6Job(deps: KubeCellDeps, kube: KubeConnection, namespace: string, job: string, loadSeconds: number, signal: AbortSignal): Promise<{ ndjson: string; summaryJson: string }> {
  const deadline = Date.now() + (loadSeconds + deps.readinessTimeoutSeconds) * 1000;
  for (;;) {
    if (signal.aborted) throw new CellInterrupted('interrupted');
    const st = await jobStatus(kube, namespace, job).catch(() => ({ done: false, failed: false }));
    if (st.done) {
      const log = await jobLog(kube, namespace, job);
      if (st.failed) throw new Error(`k6 Job ${namespace}/${job} failed: ${log.slice(-500)}`);
      const lines = log.split('\n');
      const ndjson = lines.filter((l) => l.startsWith('{"type":')).join('\n');
      const summaryJson = [...lines].reverse().find((l) => l.startsWith('{') && l.includes('"metrics"') && !l.startsWith('{"type":'));
      if (summaryJson === undefined) throw new Error(`k6 Job ${namespace}/${job}: no summary in its log (rotated? use a local k6 for long runs)`);
      return { ndjson: `${ndjson}\n`, summaryJson };
    }
    if (Date.now() > deadline) throw new Error(`k6 Job ${namespace}/${job} did not finish within ${loadSeconds + deps.readinessTimeoutSeconds} s`);
    await deps.sleep(5000);
  }
}
