// The shape of a workload spec as a zod schema: one strict object per spec type, with the field names of
// spec.ts's WORKLOAD_SPEC_FIELDS, nested specs under `of`. It refuses unknown types and unknown keys (with the
// words buildWorkload uses) and gives editors the field names through the published JSON Schema; the values are
// checked by buildWorkload and the pattern constructors (their bounds: limits.ts).
import { z } from 'zod';
import { WORKLOAD_SPEC_FIELDS, WORKLOAD_SPEC_TYPES } from './spec.ts';

const DOCS: Record<string, string> = {
  steady: 'Constant rate: { rps, durationSeconds }.',
  'gradual-ramp': 'Linear ramp from fromRps to toRps.',
  'sudden-spike': 'Base rate with one spike of spikeRps.',
  daily: 'Sinusoidal daily pattern around meanRps.',
  weekly: 'Daily pattern scaled by weekday factors.',
  'idle-bursty': 'Idle rate with periodic bursts.',
  'flash-crowd': 'Fast rise to peakRps, exponential decay.',
  scenario: 'One of the thesis scenarios by name.',
  trace: 'A request-count trace file (per minute or per second).',
  k6: 'A k6 profile: its options object or script text.',
  sum: 'Several workloads at once (rates add up).',
  product: 'Point-wise product of open rates.',
  scaled: 'A workload times a constant factor.',
  shifted: 'A workload starting later.',
  noise: 'Seeded multiplicative Gaussian noise on a workload.',
};

function specType(type: string): z.ZodType {
  const known = ['type', 'name', ...WORKLOAD_SPEC_FIELDS[type]];
  const shape: Record<string, z.ZodType> = {
    type: z.literal(type),
    name: z.string({ error: 'a string' }).optional().meta({ description: "Overrides the workload's name in records and reports." }),
  };
  for (const f of WORKLOAD_SPEC_FIELDS[type]) {
    if (f !== 'of') shape[f] = z.unknown().optional();
    else if (type === 'sum' || type === 'product') Object.defineProperty(shape, 'of', { enumerable: true, get: () => z.array(workloadSpecSchema, { error: 'a non-empty array of workload specs' }) });
    else Object.defineProperty(shape, 'of', { enumerable: true, get: () => workloadSpecSchema });
  }
  return z.strictObject(shape, {
    error: (iss) => (iss.code === 'unrecognized_keys' ? `no such field for type "${type}" (fields: ${known.join(', ')})` : 'a workload spec object with a `type`'),
  }).meta({ description: DOCS[type] });
}

/** A workload spec (structure only; buildWorkload checks the values). */
export const workloadSpecSchema: z.ZodType = z.discriminatedUnion(
  'type',
  WORKLOAD_SPEC_TYPES.map(specType) as unknown as [z.ZodObject, ...z.ZodObject[]],
  { error: (iss) => (iss.code === 'invalid_union' && (iss as { note?: string }).note === 'No matching discriminator' ? `one of ${WORKLOAD_SPEC_TYPES.join(', ')}` : 'a workload spec object with a `type`') },
).meta({ id: 'workload', description: 'A workload spec: `type` and its fields (workloads/README.md).' });
