// One cell on a real MicroK8s cluster: `up` its scenario stack, wait until nginx is Ready, run k6 (local, or the
// stack's K6Job), read k6's points streaming and cross-check their request count against k6's own summary, wait
// one range window so Prometheus has scraped the end of the load, collect the run window with query_range, convert
// to the simulator's samples and record (sim/run-recorder), and ALWAYS `destroy` the stack and remove the temp
// folder — after success, failure, and SIGINT/SIGTERM (the signal aborts k6, Pulumi and HTTP calls first).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { RUN_RECORD_SCHEMA, type RunRecord } from '../../lib/ports.ts';
import type { Cell } from '../cells.ts';
import type { BackendName } from '../../lib/backend-names.ts';
import { buildWorkload } from '../../workloads/index.ts';
import { generateK6Script } from '../../k6/generate-script.ts';
import { accumulateK6Lines, type K6Results } from '../../k6/k6-results.ts';
import { openMaybeGzip, readLines } from '../../k6/read-lines.ts';
import { parseK6Summary } from '../../k6/parse-summary.ts';
import { createRunRecorder } from '../../sim/run-recorder.ts';
import { podCapacityRps } from '../../sim/config.ts';
import { traceLoader } from '../load-trace.ts';
import type { StackDriver } from './pulumi-stacks.ts';
import type { K6RunLimits, K6RunOutput } from './k6-local.ts';
import { deploymentReadiness, parseKubeconfig } from './kube-api.ts';
import { k6JobNameFor } from '../../stacks/manifests/k6-job.ts';
import { ADDON_SCRAPE_INTERVAL_SECONDS, rangeWindowSeconds, SERVICE_MONITOR_INTERVAL_SECONDS } from '../../stacks/manifests/scrape-intervals.ts';
import { collectorQueries } from './collector-queries.ts';
import { collectSeries } from './collect-series.ts';
import { toIntervalSamples } from './to-interval-samples.ts';
import { stackConfigForCell, stackNameForCell } from './stack-for-cell.ts';
import { withAbsoluteTracePaths } from './absolute-trace-paths.ts';
import { readInClusterK6 } from './in-cluster-k6.ts';
import { CellInterrupted } from './stop-signals.ts';
import { removeCellLeftovers } from './cell-leftovers.ts';
import { kubeRest } from '../k8s-jobs/kube-rest.ts';

/** Everything a kube cell talks to (real adapters in kube-backend.ts, fakes in tests). */
export interface KubeCellDeps {
  stacks: StackDriver;
  /** Name of the cluster stack (its outputs: kubeconfig, prometheusUrl). */
  clusterStack: string;
  /** Agent image for agent cells (`scalelab:agentImage`); undefined = Pulumi.yaml's default. */
  agentImage?: string;
  /** Runs k6 locally; undefined = no local k6: the scenario stack's K6Job runs the load. */
  runK6?: (script: string, targetUrl: string, dir: string, signal: AbortSignal, limits: K6RunLimits) => Promise<K6RunOutput>;
  /** Aborted by SIGINT/SIGTERM (its reason is a CellInterrupted). */
  signal: AbortSignal;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Give up waiting for Ready replicas after this long, seconds. */
  readinessTimeoutSeconds: number;
  /** Prometheus step and k6 bin, seconds. */
  stepSeconds: number;
  /** Range window of the collector's rate() queries, seconds (default COLLECTOR_WINDOW_SECONDS, the addon's). */
  collectorWindowSeconds?: number;
  /** The name records carry (`microk8s`, or `emulated` for the emulated cluster). */
  backendName?: BackendName;
  log(line: string): void;
}

/** The range window of every collector rate(): ≥ 4 scrapes of the slowest series (cAdvisor at 30 s → 120 s). */
export const COLLECTOR_WINDOW_SECONDS = rangeWindowSeconds(SERVICE_MONITOR_INTERVAL_SECONDS, ADDON_SCRAPE_INTERVAL_SECONDS);

/** Use as the microk8s backend's cell runner. */
export async function runKubeCell(cell: Cell, ctx: { baseDir: string }, deps: KubeCellDeps): Promise<RunRecord> {
  const stack = stackNameForCell(cell);
  const signal = deps.signal;
  // Stopped between two cells: create nothing more.
  if (signal.aborted) throw signal.reason;
  let cluster: Record<string, unknown>;
  try {
    cluster = await deps.stacks.outputs(deps.clusterStack);
  } catch (err) {
    throw new Error(`cluster stack ${deps.clusterStack}: cannot read its outputs; create it first with \`pulumi up -s cluster\` (docs/real-path.md step 1) or name yours in SCALELAB_CLUSTER_STACK`, { cause: err });
  }
  if (typeof cluster.kubeconfig !== 'string' || typeof cluster.prometheusUrl !== 'string') {
    throw new Error(`cluster stack ${deps.clusterStack} has no kubeconfig/prometheusUrl outputs: run \`pulumi up -s cluster\` first`);
  }
  const prometheusUrl = cluster.prometheusUrl;
  const kube = parseKubeconfig(cluster.kubeconfig);
  const baseDir = resolve(ctx.baseDir);
  // The Pulumi program runs in its own directory: trace files reach it as absolute paths (the record keeps the spec as written).
  const stackCell: Cell = { ...cell, config: { ...cell.config, workload: withAbsoluteTracePaths(cell.config.workload, baseDir) } };
  const dir = mkdtempSync(join(tmpdir(), 'scalelab-kube-'));
  let failure: unknown;
  try {
    deps.log(`${cell.key}: pulumi up ${stack}`);
    const out = await deps.stacks.up(stack, stackConfigForCell(stackCell, { clusterStack: deps.clusterStack, k6Job: deps.runK6 === undefined, agentImage: deps.agentImage, baseDir }), signal);
    const namespace = String(out.namespace);
    const deployment = String(out.deployment);
    await waitReady(deps, () => deploymentReadiness(kube, namespace, deployment, signal));
    const workload = buildWorkload(cell.config.workload, { seed: cell.seed, loadTrace: traceLoader(baseDir) });
    const sla = cell.config.plant.slaLatencyMs;
    const step = deps.stepSeconds;
    const acc = { binSeconds: step, slaLatencyMs: sla };
    let k6: K6Results;
    let summaryJson: string;
    if (deps.runK6) {
      deps.log(`${cell.key}: k6 against ${String(out.serviceUrl)} (${workload.durationSeconds} s of load)`);
      const limits = { timeoutMs: (workload.durationSeconds + 600) * 1000, log: deps.log };
      const run = await deps.runK6(generateK6Script(workload, { slaLatencyMs: sla }), String(out.serviceUrl), dir, signal, limits);
      summaryJson = run.summaryJson;
      k6 = (await accumulateK6Lines(readLines((await openMaybeGzip(run.ndjsonPath)) as AsyncIterable<Buffer>), acc)).finish();
    } else {
      deps.log(`${cell.key}: waiting for the in-cluster k6 Job (${workload.durationSeconds} s of load)`);
      const got = await readInClusterK6(kube, namespace, k6JobNameFor(deployment), workload.durationSeconds + deps.readinessTimeoutSeconds, acc, { sleep: deps.sleep, log: deps.log }, signal);
      summaryJson = got.summaryJson;
      k6 = got.results.finish();
    }
    crossCheck(k6, summaryJson);
    const probe = k6.points!;
    if (probe.bins.length === 0) throw new Error('k6 produced no request samples');
    // The run window is the load's own: first to last k6 sample, on the Prometheus step grid.
    const startSeconds = Math.floor(probe.firstEpochMs / 1000 / step) * step;
    const endSeconds = (Math.floor(probe.endEpochMs / 1000 / step) + 1) * step;
    // Wait one window after the load so the last steps' rate() windows are scraped before they are read.
    const window = deps.collectorWindowSeconds ?? COLLECTOR_WINDOW_SECONDS;
    const waitMs = Math.max(0, (endSeconds + window) * 1000 - Date.now());
    if (waitMs > 0) deps.log(`${cell.key}: waiting ${Math.ceil(waitMs / 1000)} s (one ${window} s window) for Prometheus to scrape the end of the load`);
    await deps.sleep(waitMs, signal);
    const series = await collectSeries(prometheusUrl, collectorQueries(namespace, deployment, `${window}s`), startSeconds, endSeconds, step, { signal });
    // The bins start at the first sample's step, which is startSeconds by construction.
    const points = probe;
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
      backend: deps.backendName ?? 'microk8s',
      metrics: result.metrics,
      config: cell.config as unknown as Record<string, unknown>,
      series: result.series,
      latencyHistogram: result.latencyHistogram,
    };
  } catch (err) {
    failure = signal.aborted ? (signal.reason instanceof CellInterrupted ? new CellInterrupted(signal.reason.signal, { cause: err }) : err) : err;
    throw failure;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    deps.log(`${cell.key}: pulumi destroy ${stack}`);
    let destroyed = false;
    try {
      await deps.stacks.destroy(stack);
      destroyed = true;
    } catch (destroyErr) {
      // Never hide the first failure; but a leaked stack must be reported.
      const msg = `${destroyErr instanceof Error ? destroyErr.message : String(destroyErr)}\nClean up with \`pulumi destroy -s ${stack}\`.`;
      if (failure === undefined) throw new Error(msg, { cause: destroyErr });
      deps.log(msg);
    }
    // A create in flight when `up` failed is in the cluster but not in the stack: destroy cannot see it.
    if (failure !== undefined) {
      try {
        const removed = await removeCellLeftovers(kubeRest(kube), stack);
        if (removed.length > 0) deps.log(`${cell.key}: removed what pulumi destroy could not see (its creation was in flight when the cell failed): ${removed.join(', ')}`);
      } catch (leftErr) {
        destroyed = false;
        deps.log(`${cell.key}: could not check the cluster for the stack's leftovers (${leftErr instanceof Error ? leftErr.message : String(leftErr)}): delete namespace scalelab-${stack} if it still exists`);
      }
    }
    // A failed cell names itself and says what became of its stack (an interruption says so one level up).
    if (failure !== undefined && !(failure instanceof CellInterrupted) && !signal.aborted) {
      const why = failure instanceof Error ? failure.message : String(failure);
      const after = destroyed ? `its stack ${stack} was destroyed; run the same command again to retry it (finished cells are kept)` : `its stack ${stack} may still hold resources`;
      // eslint-disable-next-line no-unsafe-finally -- the cell's own error, with its name and what was cleaned up
      throw new Error(`cell ${cell.key} failed: ${why}\n${after}`, { cause: failure });
    }
  }
}

/** k6's points and k6's own summary must agree on the number of requests; anything else means lost points. */
function crossCheck(k6: K6Results, summaryJson: string): void {
  const summary = parseK6Summary(summaryJson);
  if (summary.requests !== k6.requests) {
    throw new Error(`k6 results disagree: the points hold ${k6.requests} requests but k6's summary counted http_reqs = ${summary.requests}; points were lost (truncated output?), refusing to record this cell`);
  }
}

async function waitReady(deps: KubeCellDeps, read: () => Promise<{ desired: number; ready: number }>): Promise<void> {
  const deadline = Date.now() + deps.readinessTimeoutSeconds * 1000;
  let last = 'no answer';
  for (;;) {
    try {
      const r = await read();
      last = `${r.ready}/${r.desired} ready`;
      if (r.desired > 0 && r.ready >= r.desired) return;
    } catch (err) {
      if (deps.signal.aborted) throw err;
      last = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) throw new Error(`nginx not Ready within ${deps.readinessTimeoutSeconds} s (${last})`);
    await deps.sleep(2000, deps.signal);
  }
}
