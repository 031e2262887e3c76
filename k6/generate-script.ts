// Workload → k6 script. Closed workloads (VUs) become one `ramping-vus` scenario; open workloads (patterns,
// traces) become one `ramping-arrival-rate` scenario with per-minute integer targets (k6 stage targets are
// integers, so timeUnit 1m keeps 1/60 req/s resolution). Both are piecewise-linear with at most maxStages stages.
import type { Workload } from '../workloads/workload.ts';
import { fitStages, type FittedStage } from './fit-stages.ts';
import { K6_SCRIPT_TEMPLATE } from './script-template.ts';
import { K6_MAX_DURATION_SECONDS } from '../workloads/k6-duration.ts';

/** Most points of the load curve sampled for the stage fit. */
export const MAX_SAMPLES = 100_000;

/** Knobs of script generation. */
export interface K6ScriptOptions {
  /** SLA for the `p(95)<…` threshold, ms (default 200). */
  slaLatencyMs?: number;
  /** Error-rate threshold, fraction (default 0.01). */
  maxErrorRate?: number;
  /** Upper bound on stages (default 60). */
  maxStages?: number;
  /** Sampling step of the curve, seconds (default 1). */
  stepSeconds?: number;
  /** Open model: VUs pre-allocated per request/s of peak rate (default 0.5) and the cap multiplier (default 2). */
  vusPerRps?: number;
}

/** Stages as k6 writes them. */
export interface K6Stage {
  duration: string;
  target: number;
}

function toK6Stages(stages: FittedStage[], scale: number): K6Stage[] {
  return stages.map((s) => ({ duration: `${Number(s.durationSeconds.toFixed(3))}s`, target: Math.round(s.target * scale) }));
}

/** The k6 `options` object for a workload (exported for tests and for `k6 export --options-only`). */
export function k6Options(workload: Workload, o: K6ScriptOptions = {}): Record<string, unknown> {
  const sla = o.slaLatencyMs ?? 200;
  const maxStages = o.maxStages ?? 60;
  if (!(workload.durationSeconds > 0 && workload.durationSeconds <= K6_MAX_DURATION_SECONDS)) {
    throw new RangeError(`duration: got ${workload.durationSeconds} s, expected more than 0 and at most ${K6_MAX_DURATION_SECONDS} s (k6 holds durations as Go time.Duration)`);
  }
  // At most MAX_SAMPLES points of the curve are fitted, so a long workload cannot allocate without bound.
  const step = Math.max(o.stepSeconds ?? 1, workload.durationSeconds / MAX_SAMPLES);
  const common = {
    // Latency is judged on the successful responses only (a fast 503 must not make the P95 look good), as k6's
    // own examples scope it; the error rate covers every request.
    thresholds: { 'http_req_duration{expected_response:true}': [`p(95)<${sla}`], http_req_failed: [`rate<${o.maxErrorRate ?? 0.01}`] },
    summaryTrendStats: ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)', 'p(99)'],
  };
  if (workload.kind === 'closed') {
    const fit = fitStages((t) => workload.vusAt(t), workload.durationSeconds, { stepSeconds: step, maxStages, tolerance: 0.5 });
    return {
      ...common,
      scenarios: { load: { executor: 'ramping-vus', startVUs: Math.round(fit.start), stages: toK6Stages(fit.stages, 1), gracefulRampDown: '0s' } },
    };
  }
  const fit = fitStages((t) => workload.rateAt(t), workload.durationSeconds, { stepSeconds: step, maxStages, tolerance: 0.5 / 60 });
  const peakRps = Math.max(fit.start, ...fit.stages.map((s) => s.target));
  const perRps = o.vusPerRps ?? 0.5;
  return {
    ...common,
    scenarios: {
      load: {
        executor: 'ramping-arrival-rate',
        startRate: Math.round(fit.start * 60),
        timeUnit: '1m',
        preAllocatedVUs: Math.max(1, Math.ceil(peakRps * perRps)),
        maxVUs: Math.max(10, Math.ceil(peakRps * perRps * 4)),
        stages: toK6Stages(fit.stages, 60),
      },
    },
  };
}

/** The full k6 script for a workload. */
export function generateK6Script(workload: Workload, o: K6ScriptOptions = {}): string {
  const think = workload.kind === 'closed' ? workload.thinkTimeSeconds : 0;
  return K6_SCRIPT_TEMPLATE.replace('__NAME__', workload.name.replace(/[\r\n]/g, ' '))
    .replace('__OPTIONS__', JSON.stringify(k6Options(workload, o), null, 2))
    .replace('__THINK__', String(think));
}
