// Workloads as data: a JSON-serialisable WorkloadSpec (what experiment files contain) and buildWorkload, which
// validates it (errors name the field path, the value and the expectation) and returns the Workload. Pure: trace
// files come through the `loadTrace` argument, randomness from `seed`.
import type { Workload } from './workload.ts';
import { gradualRamp, steady, suddenSpike, type GradualRampParams, type SteadyParams, type SuddenSpikeParams } from './basic-patterns.ts';
import { daily, idleBursty, weekly, type DailyParams, type IdleBurstyParams, type WeeklyParams } from './periodic-patterns.ts';
import { flashCrowd, type FlashCrowdParams } from './flash-crowd.ts';
import { product, scaled, shifted, sum } from './compose.ts';
import { withNoise } from './noise.ts';
import { isThesisScenarioName, THESIS_SCENARIO_NAMES, thesisScenario, type ThesisScenarioName, type ThesisScenarioOptions } from './thesis-scenarios.ts';
import { traceWorkload, type TraceWorkloadOptions } from './trace-workload.ts';
import type { Trace } from './trace.ts';
import { importK6Script } from './k6-import.ts';
import { planK6Options } from './k6-plan.ts';
import { k6Workload } from './k6-workload.ts';
import { checkNumber } from './check.ts';
import { WORKLOAD_LIMITS } from './limits.ts';
import { underField, WorkloadSpecError } from './workload-spec-error.ts';

type Named = { /** Overrides the workload's name in records and reports. */ name?: string };

/** A workload described as data. Every rate is requests/s, every time seconds. */
export type WorkloadSpec =
  | ({ type: 'steady' } & SteadyParams)
  | ({ type: 'gradual-ramp' } & GradualRampParams)
  | ({ type: 'sudden-spike' } & SuddenSpikeParams)
  | ({ type: 'daily' } & DailyParams)
  | ({ type: 'weekly' } & WeeklyParams)
  | ({ type: 'idle-bursty' } & IdleBurstyParams)
  | ({ type: 'flash-crowd' } & FlashCrowdParams)
  /** One of the thesis's six scenarios (THESIS_SCENARIO_NAMES) with its documented shape. */
  | ({ type: 'scenario'; scenario: ThesisScenarioName | string } & ThesisScenarioOptions & Named)
  /** A trace file (path as the loader understands it); seed defaults to the build seed. */
  | ({ type: 'trace'; file: string; /** For header-less CSV files: 60 or 1, seconds. */ resolutionSeconds?: number } & TraceWorkloadOptions)
  /** A k6 profile: its `options` object, or the script text (read statically, never run). */
  | ({ type: 'k6'; options?: Record<string, unknown>; script?: string; /** VU sleep per iteration, seconds (default: from the script, else 1). */ thinkTimeSeconds?: number } & Named)
  /** Several populations at once: rates (or VUs) add up; duration = the longest. */
  | ({ type: 'sum'; of: WorkloadSpec[] } & Named)
  /** Point-wise product of open rates (e.g. a shape × a dimensionless factor with mean 1). */
  | ({ type: 'product'; of: WorkloadSpec[] } & Named)
  /** Rate (or VUs) times a constant factor ≥ 0. */
  | ({ type: 'scaled'; factor: number; of: WorkloadSpec } & Named)
  /** The inner workload starting `startSeconds` later. */
  | ({ type: 'shifted'; startSeconds: number; of: WorkloadSpec } & Named)
  /** Seeded multiplicative Gaussian noise, one value per stepSeconds (default 1); seed defaults to the build's. */
  | ({ type: 'noise'; of: WorkloadSpec; relativeSd: number; stepSeconds?: number; seed?: number } & Named);

/** Reads a trace file named in a spec (experiments/load-trace.ts provides one that reads from disk). */
export type TraceLoader = (file: string, options: { resolutionSeconds?: number }) => Trace;

/** Context of a build: the run's seed (noise, Poisson spreading) and the trace loader. */
export interface BuildWorkloadOptions {
  /** Integer seed; nested specs get independent streams derived from it. */
  seed: number;
  loadTrace?: TraceLoader;
  /** How deep inside composite specs this spec is (0 at the top; set by buildWorkload itself). */
  nesting?: number;
}

/** The fields of each spec type besides `type` and `name` (spec-schema.ts derives the schema's shape from this). */
export const WORKLOAD_SPEC_FIELDS: Record<string, readonly string[]> = {
  steady: ['rps', 'durationSeconds'],
  'gradual-ramp': ['fromRps', 'toRps', 'rampStartSeconds', 'rampSeconds', 'durationSeconds'],
  'sudden-spike': ['baseRps', 'spikeRps', 'spikeStartSeconds', 'spikeSeconds', 'riseSeconds', 'durationSeconds'],
  daily: ['meanRps', 'amplitudeRps', 'periodSeconds', 'peakAtSeconds', 'durationSeconds'],
  weekly: ['meanRps', 'amplitudeRps', 'periodSeconds', 'peakAtSeconds', 'durationSeconds', 'weekdayFactors', 'startWeekday'],
  'idle-bursty': ['idleRps', 'burstRps', 'cycleSeconds', 'burstSeconds', 'firstBurstAtSeconds', 'durationSeconds'],
  'flash-crowd': ['baseRps', 'peakRps', 'startSeconds', 'riseSeconds', 'decaySeconds', 'durationSeconds'],
  scenario: ['scenario', 'baseRps', 'peakRps', 'durationSeconds'],
  trace: ['file', 'resolutionSeconds', 'startSeconds', 'durationSeconds', 'timeScale', 'peakRps', 'meanRps', 'scale', 'spread', 'seed'],
  k6: ['options', 'script', 'thinkTimeSeconds'],
  sum: ['of'],
  product: ['of'],
  scaled: ['factor', 'of'],
  shifted: ['startSeconds', 'of'],
  noise: ['of', 'relativeSd', 'stepSeconds', 'seed'],
};

/** The spec types buildWorkload accepts. */
export const WORKLOAD_SPEC_TYPES: readonly string[] = Object.keys(WORKLOAD_SPEC_FIELDS);

/** Validates a spec and builds its workload; throws WorkloadSpecError (field path, value, expectation). */
export function buildWorkload(spec: unknown, options: BuildWorkloadOptions, path = 'workload'): Workload {
  const seed = checkNumber('seed', options.seed, { integer: true, min: Number.MIN_SAFE_INTEGER });
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new WorkloadSpecError(path, spec, 'a workload spec object with a `type`');
  const nesting = options.nesting ?? 0;
  if (nesting > WORKLOAD_LIMITS.maxNesting) throw new WorkloadSpecError(path, '(nested spec)', `composite specs nested at most ${WORKLOAD_LIMITS.maxNesting} deep`);
  const s = spec as Record<string, unknown> & { type?: unknown };
  const type = s.type;
  if (typeof type !== 'string' || !(type in WORKLOAD_SPEC_FIELDS)) throw new WorkloadSpecError(`${path}.type`, type, `one of ${WORKLOAD_SPEC_TYPES.join(', ')}`);
  const known = new Set(['type', 'name', ...WORKLOAD_SPEC_FIELDS[type]]);
  const unknown = Object.keys(s).find((k) => !known.has(k));
  if (unknown !== undefined) throw new WorkloadSpecError(`${path}.${unknown}`, s[unknown], `no such field for type "${type}" (fields: ${[...known].join(', ')})`);
  if (s.name !== undefined && typeof s.name !== 'string') throw new WorkloadSpecError(`${path}.name`, s.name, 'a string');
  const name = s.name as string | undefined;
  const child = (c: unknown, childPath: string, i: number) => buildWorkload(c, { ...options, seed: deriveSeed(seed, i), nesting: nesting + 1 }, childPath);
  const children = (): Workload[] => {
    if (!Array.isArray(s.of) || s.of.length === 0 || s.of.length > WORKLOAD_LIMITS.maxStages) throw new WorkloadSpecError(`${path}.of`, s.of, `a non-empty array of at most ${WORKLOAD_LIMITS.maxStages} workload specs`);
    return s.of.map((c, i) => child(c, `${path}.of[${i}]`, i + 1));
  };
  // Children are built first: their errors already carry their full path.
  const inner = type === 'scaled' || type === 'shifted' || type === 'noise' ? child(s.of, `${path}.of`, 1) : undefined;
  const parts = type === 'sum' || type === 'product' ? children() : [];
  return underField(path, () => {
    const p = s as never;
    switch (type) {
      case 'steady': return steady(p);
      case 'gradual-ramp': return gradualRamp(p);
      case 'sudden-spike': return suddenSpike(p);
      case 'daily': return daily(p);
      case 'weekly': return weekly(p);
      case 'idle-bursty': return idleBursty(p);
      case 'flash-crowd': return flashCrowd(p);
      case 'scenario': {
        if (typeof s.scenario !== 'string' || !isThesisScenarioName(s.scenario)) {
          throw new WorkloadSpecError('scenario', s.scenario, `one of ${THESIS_SCENARIO_NAMES.join(', ')}`);
        }
        const w = thesisScenario(s.scenario, s as ThesisScenarioOptions);
        return name ? { ...w, name } : w;
      }
      case 'trace': return buildTrace(s, seed, options.loadTrace);
      case 'k6': return buildK6(s, name);
      case 'sum': return sum(parts, name);
      case 'product': return product(parts, name);
      case 'scaled': return scaled(inner as Workload, s.factor as number, name);
      case 'shifted': return shifted(inner as Workload, s.startSeconds as number, name);
      default: {
        const noiseSeed = s.seed === undefined ? deriveSeed(seed, 0) : s.seed;
        return withNoise(inner as Workload, { relativeSd: s.relativeSd as number, stepSeconds: s.stepSeconds as number | undefined, seed: noiseSeed as number }, name);
      }
    }
  });
}

function buildTrace(s: Record<string, unknown>, seed: number, loadTrace: TraceLoader | undefined): Workload {
  if (typeof s.file !== 'string' || s.file === '') throw new WorkloadSpecError('file', s.file, 'the path of a trace file');
  if (!loadTrace) throw new WorkloadSpecError('file', s.file, 'a trace loader (buildWorkload was called without loadTrace)');
  const trace = loadTrace(s.file, { resolutionSeconds: s.resolutionSeconds as number | undefined });
  const { file: _file, resolutionSeconds: _res, type: _type, ...rest } = s;
  return traceWorkload(trace, { ...(rest as TraceWorkloadOptions), seed: (s.seed as number | undefined) ?? seed });
}

function buildK6(s: Record<string, unknown>, name: string | undefined): Workload {
  if ((s.options === undefined) === (s.script === undefined)) throw new WorkloadSpecError('options', s.options, 'exactly one of `options` (the k6 options object) or `script` (the script text)');
  let options = s.options;
  let think = s.thinkTimeSeconds === undefined ? undefined : checkNumber('thinkTimeSeconds', s.thinkTimeSeconds);
  if (s.script !== undefined) {
    if (typeof s.script !== 'string') throw new WorkloadSpecError('script', s.script, 'the k6 script text');
    const imported = importK6Script(s.script);
    options = imported.options;
    think ??= imported.thinkTimeSeconds;
  }
  const plan = planK6Options(options, 'options');
  return k6Workload(plan, { thinkTimeSeconds: think, name: name ?? 'k6' });
}

/** An independent integer seed for child `index` of a composite spec (same parent seed → same child seed). */
export function deriveSeed(seed: number, index: number): number {
  let h = (Math.imul(seed | 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b) ^ Math.floor(seed / 0x100000000)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
