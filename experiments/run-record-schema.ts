// The one schema of a RunRecord (scalelab.run/v1): validation (validate-run-record.ts), the published JSON Schema
// (schemas/run-record.schema.json) and a compile-time check that it matches the RunRecord type of lib/ports.ts.
// Metric keys and the nullable set come from lib/ports.ts; the bounds table below must name every metric.
import { BACKEND_NAMES } from '../lib/backend-names.ts';
import { z } from 'zod';
import { NULLABLE_METRIC_KEYS, RUN_METRIC_DOCS, RUN_METRIC_KEYS, RUN_RECORD_SCHEMA, type NullableMetricKey, type RunMetricKey, type RunRecord } from '../lib/ports.ts';
import { num, statementIssue, strictObject, type NumberBounds } from '../lib/schema.ts';

/** Backend names a record may carry. Stays here until the backend registry exports its name list (issue 14). */
export const RECORD_BACKEND_NAMES = BACKEND_NAMES;

const nonNegative: NumberBounds = { min: 0 };
const positive: NumberBounds = { min: 0, exclusiveMin: true };
const fraction: NumberBounds = { min: 0, max: 1 };

/** What each metric may be: every metric is ≥ 0 (a negative latency, cost or count is impossible), rates are fractions. */
const METRIC_BOUNDS: Record<RunMetricKey, NumberBounds> = {
  durationSeconds: positive, requests: nonNegative, successfulRequests: nonNegative, failedRequests: nonNegative,
  slaViolatingRequests: nonNegative, slaLatencyMs: positive, slaViolationRateRequests: fraction, slaViolationRateMinutes: fraction,
  latencyMeanMs: nonNegative, latencyP50Ms: nonNegative, latencyP95Ms: nonNegative, latencyP99Ms: nonNegative,
  costUsd: nonNegative, costPerMillionRequestsUsd: nonNegative, resourceEfficiency: nonNegative, meanCpuUtilization: nonNegative,
  underProvisioningEpisodes: { min: 0, integer: true }, scalingLatencyMeanSeconds: nonNegative, scalingLatencyP95Seconds: nonNegative,
  scalingActionsPerHour: nonNegative, oscillationsPerHour: nonNegative, podHours: nonNegative, meanPods: nonNegative, maxPods: nonNegative,
};

function metricSchema(key: RunMetricKey) {
  const b = METRIC_BOUNDS[key];
  const nullable = (NULLABLE_METRIC_KEYS as readonly string[]).includes(key);
  const words = b.max === 1 && b.min === 0 ? 'a fraction in [0, 1]' : `a finite number ${b.exclusiveMin ? '>' : '≥'} 0${b.integer ? ' (an integer)' : ''}`;
  const expected = nullable ? `${words} or null` : words;
  const n = num(b, expected).meta({ description: RUN_METRIC_DOCS[key] });
  return nullable ? n.nullable() : n;
}

const metricsSchema = strictObject(Object.fromEntries(RUN_METRIC_KEYS.map((k) => [k, metricSchema(k)])) as { [K in RunMetricKey]: K extends NullableMetricKey ? z.ZodNullable<z.ZodNumber> : z.ZodNumber }, 'an object');

/** Series keys, in record order. */
export const SERIES_KEYS = ['tSeconds', 'rps', 'readyPods', 'desiredReplicas', 'latencyP95Ms', 'cpuUtilization'] as const;
/** Length of one series point, seconds (sim/run-recorder.ts writes one point per minute of the run). */
export const SERIES_POINT_SECONDS = 60;
const series = z.array(num({ min: 0 }, 'a finite number ≥ 0'), { error: 'an array of numbers' });
const seriesSchema = strictObject(Object.fromEntries(SERIES_KEYS.map((k) => [k, series])) as Record<(typeof SERIES_KEYS)[number], typeof series>, 'an object of arrays')
  .meta({ description: 'Per-minute series of the run (one point per started minute), for charts.' });

const name = z.string({ error: 'a non-empty string' }).min(1, { error: 'a non-empty string' });

/** The schema of one line of records.jsonl. */
export const runRecordSchema = strictObject({
  $schema: z.string({ error: 'a string (the URL or path of the JSON Schema)' }).optional(),
  schema: z.literal(RUN_RECORD_SCHEMA, { error: `"${RUN_RECORD_SCHEMA}"` }),
  experiment: name,
  scenario: name,
  autoscaler: name,
  seed: num({ integer: true, min: Number.MIN_SAFE_INTEGER }, 'an integer'),
  backend: z.enum(RECORD_BACKEND_NAMES, { error: RECORD_BACKEND_NAMES.map((b) => `"${b}"`).join(' or ') }),
  metrics: metricsSchema,
  config: z.record(z.string(), z.unknown(), { error: 'an object' }).meta({ description: 'The resolved configuration of the cell (plant, workload, autoscaler).' }),
  series: seriesSchema.optional(),
  latencyHistogram: strictObject({
    boundsMs: z.array(num({}, 'a finite number'), { error: 'an array of numbers' }),
    counts: z.array(num({ min: 0 }, 'a finite number ≥ 0'), { error: 'an array of numbers' }),
  }, '{ boundsMs, counts }').optional().meta({ description: 'Run-level latency histogram: upper bounds in ms and request counts (plus overflow).' }),
  reasons: z.record(z.string(), num({ integer: true, min: 0 }, 'a count ≥ 0'), { error: '{ code: count }' }).optional()
    .meta({ description: 'Reason codes counted over the run (e.g. { ScaleUp: 12, Hold: 300 }).' }),
}, 'a JSON object').superRefine((r, ctx) => {
  const m = r.metrics;
  for (const k of ['successfulRequests', 'failedRequests', 'slaViolatingRequests'] as const) {
    if (m[k] > m.requests) ctx.addIssue({ code: 'custom', path: ['metrics', k], message: `≤ metrics.requests (${m.requests})` });
  }
  if (r.series) {
    const n = r.series.tSeconds.length;
    for (const key of SERIES_KEYS) {
      if (r.series[key].length !== n) ctx.addIssue(statementIssue(['series', key], `has a different length than series.tSeconds (${n})`));
    }
    const minutes = Math.ceil(m.durationSeconds / SERIES_POINT_SECONDS - 1e-9);
    if (n !== minutes) {
      ctx.addIssue(statementIssue(['series', 'tSeconds'], `has ${n} points, expected ${minutes} (one per started minute of metrics.durationSeconds = ${m.durationSeconds})`));
    }
  }
  const h = r.latencyHistogram;
  if (h && h.counts.length !== h.boundsMs.length && h.counts.length !== h.boundsMs.length + 1) {
    ctx.addIssue(statementIssue(['latencyHistogram', 'counts'], `has ${h.counts.length} entries, expected ${h.boundsMs.length} or ${h.boundsMs.length + 1} (one per bound, plus overflow)`));
  }
});

// The schema and lib/ports.ts's RunRecord describe the same thing: each must be assignable to the other.
type Parsed = Omit<z.output<typeof runRecordSchema>, '$schema'>;
const _toType = (p: Parsed): RunRecord => p;
const _fromType = (r: RunRecord): Parsed => r;
void _toType;
void _fromType;
