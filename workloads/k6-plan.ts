// k6 `options` (as plain data) → a load plan with k6's own executor semantics: the shortcuts (`stages`,
// `duration` + `vus`) and the four time-shaped executors. Validation names the option path, value and expectation.
// Ignored because they do not change the load shape: gracefulStop, gracefulRampDown (iterations finishing after a
// ramp-down), preAllocatedVUs/maxVUs (arrival-rate executors are assumed to have enough VUs), exec, env, tags.
import { parseK6Duration } from './k6-duration.ts';
import { checkNumber } from './check.ts';
import { WORKLOAD_LIMITS } from './limits.ts';
import { underField, WorkloadSpecError } from './workload-spec-error.ts';

/** The executors that describe load over time (the iteration-count executors do not). */
export type K6Executor = 'ramping-vus' | 'constant-vus' | 'constant-arrival-rate' | 'ramping-arrival-rate';

/** One linear piece of a scenario, absolute test time; values are VUs (closed) or requests/s (open). */
export interface K6Segment {
  /** Start and end of the piece, seconds since the test start. */
  fromSeconds: number;
  toSeconds: number;
  /** Value at the start and the end of the piece (VUs or requests/s). */
  from: number;
  to: number;
}

/** One k6 scenario resolved to numbers. */
export interface K6ScenarioPlan {
  name: string;
  executor: K6Executor;
  /** closed = VUs looping request + sleep; open = arrival rate. */
  kind: 'open' | 'closed';
  /** k6 `startTime`, seconds. */
  startSeconds: number;
  /** Length of the scenario, seconds (sum of stages, or `duration`). */
  durationSeconds: number;
  /** k6 `startVUs` (ramping-vus) or `startRate`/timeUnit (ramping-arrival-rate), as VUs or requests/s. */
  startValue: number;
  /** Pieces in time order; each stage is one piece (a 0 s stage is a jump). */
  segments: K6Segment[];
}

/** Every scenario of a script; each iteration is taken to be one request. */
export interface K6Plan {
  scenarios: K6ScenarioPlan[];
}

const EXECUTORS: readonly string[] = ['ramping-vus', 'constant-vus', 'constant-arrival-rate', 'ramping-arrival-rate'];
const ITERATION_EXECUTORS: readonly string[] = ['shared-iterations', 'per-vu-iterations', 'externally-controlled'];

/** Resolves k6 options the way k6 derives scenarios from shortcuts (lib/executor/execution_config_shortcuts.go). */
export function planK6Options(options: unknown, path = 'options'): K6Plan {
  const o = asObject(options, path);
  const has = (k: string) => o[k] !== undefined && o[k] !== null;
  const shortcut = (['iterations', 'duration', 'stages'] as const).find((k) => has(k) && !(k === 'stages' && Array.isArray(o.stages) && o.stages.length === 0));
  if (shortcut && has('scenarios')) throw new WorkloadSpecError(`${path}.${shortcut}`, o[shortcut], 'either the shortcut or `scenarios`, not both (k6 refuses this too)');
  if (has('iterations')) throw new WorkloadSpecError(`${path}.iterations`, o.iterations, 'a time-shaped profile (`stages`, `duration` + `vus`, or arrival-rate scenarios); a fixed iteration count has no load shape over time');
  if (has('duration') && Array.isArray(o.stages) && o.stages.length > 0) throw new WorkloadSpecError(`${path}.duration`, o.duration, 'either `duration` or `stages`, not both (k6 refuses this too)');
  if (has('duration')) {
    return { scenarios: [underField(path, () => planScenario('default', { executor: 'constant-vus', vus: o.vus, duration: o.duration }))] };
  }
  if (shortcut === 'stages') {
    return { scenarios: [underField(path, () => planScenario('default', { executor: 'ramping-vus', startVUs: o.vus, stages: o.stages }))] };
  }
  if (has('scenarios')) {
    const scenarios = asObject(o.scenarios, `${path}.scenarios`);
    const names = Object.keys(scenarios);
    if (names.length === 0 || names.length > WORKLOAD_LIMITS.maxStages) throw new WorkloadSpecError(`${path}.scenarios`, o.scenarios, `at least one and at most ${WORKLOAD_LIMITS.maxStages} scenarios`);
    return { scenarios: names.map((n) => underField(`${path}.scenarios.${n}`, () => planScenario(n, scenarios[n]))) };
  }
  throw new WorkloadSpecError(path, options, 'a load profile: `stages`, `duration` (+ `vus`) or `scenarios` (without one k6 runs a single iteration)');
}

function planScenario(name: string, raw: unknown): K6ScenarioPlan {
  const s = asObject(raw, '');
  const executor = s.executor;
  if (typeof executor !== 'string' || !EXECUTORS.includes(executor)) {
    const why = typeof executor === 'string' && ITERATION_EXECUTORS.includes(executor) ? ' (a fixed iteration count has no load shape over time)' : '';
    throw new WorkloadSpecError('executor', executor, `one of ${EXECUTORS.join(', ')}${why}`);
  }
  const startSeconds = s.startTime === undefined ? 0 : parseK6Duration(s.startTime, 'startTime');
  const base = { name, executor: executor as K6Executor, startSeconds };
  switch (executor) {
    case 'constant-vus': {
      const vus = checkNumber('vus', s.vus, { fallback: 1, integer: true });
      const d = requiredDuration(s, 'duration', 'duration', true);
      return { ...base, kind: 'closed', durationSeconds: d, startValue: vus, segments: [{ fromSeconds: startSeconds, toSeconds: startSeconds + d, from: vus, to: vus }] };
    }
    case 'constant-arrival-rate': {
      const rate = checkNumber('rate', s.rate, { positive: true });
      const unit = timeUnit(s);
      const d = requiredDuration(s, 'duration', 'duration', true);
      const rps = rate / unit;
      return { ...base, kind: 'open', durationSeconds: d, startValue: rps, segments: [{ fromSeconds: startSeconds, toSeconds: startSeconds + d, from: rps, to: rps }] };
    }
    case 'ramping-vus': {
      const startVUs = checkNumber('startVUs', s.startVUs, { fallback: 1, integer: true });
      const plan = stagesPlan(s.stages, startVUs, 1, true, startSeconds);
      if (Math.max(startVUs, ...plan.segments.map((g) => g.to)) <= 0) {
        throw new WorkloadSpecError('stages', s.stages, 'startVUs or one stage target > 0 (k6 refuses a scenario that never has a VU)');
      }
      return { ...base, kind: 'closed', durationSeconds: plan.durationSeconds, startValue: startVUs, segments: plan.segments };
    }
    default: {
      const unit = timeUnit(s);
      const startRate = checkNumber('startRate', s.startRate, { fallback: 0 });
      const plan = stagesPlan(s.stages, startRate / unit, unit, false, startSeconds);
      return { ...base, kind: 'open', durationSeconds: plan.durationSeconds, startValue: startRate / unit, segments: plan.segments };
    }
  }
}

function stagesPlan(raw: unknown, start: number, unit: number, integer: boolean, offset: number): { durationSeconds: number; segments: K6Segment[] } {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > WORKLOAD_LIMITS.maxStages) {
    throw new WorkloadSpecError('stages', raw, `a non-empty array of at most ${WORKLOAD_LIMITS.maxStages} { duration, target }`);
  }
  const segments: K6Segment[] = [];
  let t = offset;
  let from = start;
  raw.forEach((stage, i) => {
    const st = asObject(stage, `stages[${i}]`);
    const d = requiredDuration(st, `stages[${i}].duration`, 'duration');
    const target = checkNumber(`stages[${i}].target`, st.target, { integer, max: integer ? WORKLOAD_LIMITS.maxVus : WORKLOAD_LIMITS.maxRps }) / unit;
    segments.push({ fromSeconds: t, toSeconds: t + d, from, to: target });
    t += d;
    if (t - offset > WORKLOAD_LIMITS.maxSeconds) throw new WorkloadSpecError(`stages[${i}].duration`, st.duration, `stages lasting at most ${WORKLOAD_LIMITS.maxSeconds} s in all`);
    from = target;
  });
  return { durationSeconds: t - offset, segments };
}

function timeUnit(s: Record<string, unknown>): number {
  const unit = s.timeUnit === undefined ? 1 : parseK6Duration(s.timeUnit, 'timeUnit');
  if (unit <= 0) throw new WorkloadSpecError('timeUnit', s.timeUnit, 'a k6 duration > 0 (default "1s")');
  return unit;
}

function requiredDuration(s: Record<string, unknown>, field: string, key = field, positive = false): number {
  if (s[key] === undefined) throw new WorkloadSpecError(field, undefined, 'a k6 duration such as "30s" or "1m30s"');
  const seconds = parseK6Duration(s[key], field);
  if (positive && seconds <= 0) throw new WorkloadSpecError(field, s[key], 'a k6 duration > 0 (k6 refuses a scenario of length 0)');
  return seconds;
}

function asObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new WorkloadSpecError(field, value, 'an object');
  return value as Record<string, unknown>;
}
