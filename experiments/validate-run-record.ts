// Checks that a parsed JSON value is a complete, sane RunRecord (lib/ports.ts): every field present with the
// right type, every metric a finite number (JSON turns NaN into null, so null is caught here), rates in [0, 1].
import { RUN_RECORD_SCHEMA, type RunMetrics, type RunRecord } from '../lib/ports.ts';
import { BACKEND_NAMES, isBackendName } from '../lib/backend-names.ts';

/** The metric keys every record carries, in the order of RunMetrics. */
export const RUN_METRIC_KEYS: readonly (keyof RunMetrics)[] = [
  'durationSeconds', 'requests', 'successfulRequests', 'failedRequests', 'slaViolatingRequests', 'slaLatencyMs',
  'slaViolationRateRequests', 'slaViolationRateMinutes', 'latencyMeanMs', 'latencyP50Ms', 'latencyP95Ms', 'latencyP99Ms',
  'costUsd', 'costPerMillionRequestsUsd', 'resourceEfficiency', 'meanCpuUtilization', 'underProvisioningEpisodes',
  'scalingLatencyMeanSeconds', 'scalingLatencyP95Seconds', 'scalingActionsPerHour', 'oscillationsPerHour', 'podHours',
  'meanPods', 'maxPods',
];
const NULLABLE = new Set<string>(['scalingLatencyMeanSeconds', 'scalingLatencyP95Seconds']);
const FRACTIONS = new Set<string>(['slaViolationRateRequests', 'slaViolationRateMinutes']);
const SERIES_KEYS = ['tSeconds', 'rps', 'readyPods', 'desiredReplicas', 'latencyP95Ms', 'cpuUtilization'] as const;

/** A record that is not a valid RunRecord; `field` is the dotted path of the first problem. */
export class InvalidRunRecordError extends Error {
  readonly field: string;
  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'InvalidRunRecordError';
    this.field = field;
  }
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null (NaN or Infinity are written as null)';
  const text = JSON.stringify(v);
  return `got ${text.length > 60 ? `${text.slice(0, 57)}...` : text}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function finiteNumbers(v: unknown, field: string): number[] {
  if (!Array.isArray(v)) throw new InvalidRunRecordError(field, `${describe(v)}, expected an array of numbers`);
  v.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new InvalidRunRecordError(`${field}[${i}]`, `${describe(x)}, expected a finite number`);
  });
  return v as number[];
}

/** Use on every record read from or written to a records file; throws InvalidRunRecordError naming the field. */
export function validateRunRecord(value: unknown): RunRecord {
  if (!isObject(value)) throw new InvalidRunRecordError('(record)', `${describe(value)}, expected a JSON object`);
  if (value.schema !== RUN_RECORD_SCHEMA) throw new InvalidRunRecordError('schema', `${describe(value.schema)}, expected "${RUN_RECORD_SCHEMA}"`);
  for (const f of ['experiment', 'scenario', 'autoscaler'] as const) {
    if (typeof value[f] !== 'string' || value[f] === '') throw new InvalidRunRecordError(f, `${describe(value[f])}, expected a non-empty string`);
  }
  if (!Number.isSafeInteger(value.seed)) throw new InvalidRunRecordError('seed', `${describe(value.seed)}, expected an integer`);
  if (!isBackendName(value.backend)) throw new InvalidRunRecordError('backend', `${describe(value.backend)}, expected ${BACKEND_NAMES.map((n) => `"${n}"`).join(' or ')}`);
  if (!isObject(value.config)) throw new InvalidRunRecordError('config', `${describe(value.config)}, expected an object`);
  const m = value.metrics;
  if (!isObject(m)) throw new InvalidRunRecordError('metrics', `${describe(m)}, expected an object`);
  for (const key of RUN_METRIC_KEYS) {
    const v = m[key];
    if (v === null && NULLABLE.has(key)) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new InvalidRunRecordError(`metrics.${key}`, `${describe(v)}, expected a finite number${NULLABLE.has(key) ? ' or null' : ''}`);
    }
    if (FRACTIONS.has(key) && (v < 0 || v > 1)) throw new InvalidRunRecordError(`metrics.${key}`, `${describe(v)}, expected a fraction in [0, 1]`);
  }
  if (value.series !== undefined) {
    const s = value.series;
    if (!isObject(s)) throw new InvalidRunRecordError('series', `${describe(s)}, expected an object of arrays`);
    const n = finiteNumbers(s.tSeconds, 'series.tSeconds').length;
    for (const key of SERIES_KEYS) {
      if (finiteNumbers(s[key], `series.${key}`).length !== n) throw new InvalidRunRecordError(`series.${key}`, `has a different length than series.tSeconds (${n})`);
    }
  }
  if (value.latencyHistogram !== undefined) {
    const h = value.latencyHistogram;
    if (!isObject(h)) throw new InvalidRunRecordError('latencyHistogram', `${describe(h)}, expected { boundsMs, counts }`);
    const bounds = finiteNumbers(h.boundsMs, 'latencyHistogram.boundsMs');
    const counts = finiteNumbers(h.counts, 'latencyHistogram.counts');
    if (counts.length !== bounds.length && counts.length !== bounds.length + 1) {
      throw new InvalidRunRecordError('latencyHistogram.counts', `has ${counts.length} entries, expected ${bounds.length} or ${bounds.length + 1} (one per bound, plus overflow)`);
    }
  }
  if (value.reasons !== undefined) {
    if (!isObject(value.reasons)) throw new InvalidRunRecordError('reasons', `${describe(value.reasons)}, expected { code: count }`);
    for (const [code, count] of Object.entries(value.reasons)) {
      if (!Number.isSafeInteger(count) || (count as number) < 0) throw new InvalidRunRecordError(`reasons.${code}`, `${describe(count)}, expected a count ≥ 0`);
    }
  }
  return value as unknown as RunRecord;
}
