// A k6 plan as a Workload, with k6's rounding: ramping-vus VU counts are whole numbers that change when the
// linear ramp crosses an integer (rounded toward the stage's starting count, as k6's execution steps do);
// arrival rates ramp continuously. Scenarios with a startTime add up; open and closed scenarios cannot be mixed.
import type { ClosedWorkload, OpenWorkload, Workload } from './workload.ts';
import type { K6Plan, K6ScenarioPlan } from './k6-plan.ts';
import { WorkloadSpecError } from './workload-spec-error.ts';

/** Think time assumed when a script's default function has no readable top-level `sleep(N)`, seconds. */
export const DEFAULT_K6_THINK_TIME_SECONDS = 1;

/** Turns a plan into one workload: closed (sum of VUs) or open (sum of rates). Refuses a mix of both. */
export function k6Workload(plan: K6Plan, opts: { thinkTimeSeconds?: number; name?: string } = {}): Workload {
  const kinds = new Set(plan.scenarios.map((s) => s.kind));
  if (kinds.size > 1) {
    throw new WorkloadSpecError(
      'options.scenarios',
      plan.scenarios.map((s) => `${s.name}: ${s.executor}`),
      'only VU executors (ramping-vus, constant-vus) or only arrival-rate executors: a mix of closed and open scenarios cannot be one workload (split the script)',
    );
  }
  const name = opts.name ?? 'k6';
  const durationSeconds = Math.max(...plan.scenarios.map((s) => s.startSeconds + s.durationSeconds));
  const fns = plan.scenarios.map(scenarioValueAt);
  const valueAt = (t: number) => fns.reduce((acc, f) => acc + f(t), 0);
  if (kinds.has('closed')) {
    const thinkTimeSeconds = opts.thinkTimeSeconds ?? DEFAULT_K6_THINK_TIME_SECONDS;
    return { kind: 'closed', name, durationSeconds, thinkTimeSeconds, vusAt: valueAt } satisfies ClosedWorkload;
  }
  return { kind: 'open', name, durationSeconds, rateAt: valueAt } satisfies OpenWorkload;
}

/** VUs (closed) or requests/s (open) of one scenario at test time t; 0 before its startTime and after its end. */
export function scenarioValueAt(s: K6ScenarioPlan): (tSeconds: number) => number {
  const end = s.startSeconds + s.durationSeconds;
  const integer = s.kind === 'closed';
  return (t) => {
    if (!(t >= s.startSeconds && t < end)) return 0;
    for (const g of s.segments) {
      if (t >= g.toSeconds) continue;
      const linear = g.from + ((g.to - g.from) * (t - g.fromSeconds)) / (g.toSeconds - g.fromSeconds);
      if (!integer) return linear;
      // k6 adds VU n when the ramp reaches n, and removes VU n when the ramp falls to n - 1.
      return g.to >= g.from ? Math.floor(linear + 1e-9) : Math.ceil(linear - 1e-9);
    }
    return 0;
  };
}

/** Highest planned value over the test (VUs or requests/s), stage targets included, as k6 reports "up to N VUs". */
export function k6Peak(plan: K6Plan): number {
  const breakpoints = plan.scenarios.flatMap((s) => s.segments.flatMap((g) => [g.fromSeconds, g.toSeconds]));
  let peak = 0;
  for (const t of breakpoints) {
    const total = plan.scenarios.reduce((acc, s) => acc + plannedAt(s, t), 0);
    if (total > peak) peak = total;
  }
  return peak;
}

// Unrounded value at t with both segment ends included (a 0 s stage counts with its higher side).
function plannedAt(s: K6ScenarioPlan, t: number): number {
  let best = 0;
  for (const g of s.segments) {
    if (t < g.fromSeconds || t > g.toSeconds) continue;
    const span = g.toSeconds - g.fromSeconds;
    best = Math.max(best, span === 0 ? Math.max(g.from, g.to) : g.from + ((g.to - g.from) * (t - g.fromSeconds)) / span);
  }
  return best;
}
