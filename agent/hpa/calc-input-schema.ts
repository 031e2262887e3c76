// The one schema of `scalelab hpa calc` input (field names fixed by data/reference/hpa-cli-contract.md): strict
// (unknown keys such as `tolerence` refused), every number finite and within HPA_INPUT_LIMITS, lists bounded.
// json-commands.ts validates with it before mapping the fields; schemas/hpa-calc-input.schema.json is generated
// from it. `null` counts as left out for optional fields, as it always has.
import { z } from 'zod';
import { num, statementIssue, strictObject, type NumberBounds } from '../../lib/schema.ts';
import { HPA_INPUT_LIMITS } from './input-schema.ts';

const M = HPA_INPUT_LIMITS.maxMagnitude;
const words = (b: NumberBounds) => {
  const kind = b.integer ? 'an integer' : 'a number';
  const low = b.min === undefined ? '' : ` ${b.exclusiveMin ? '>' : '≥'} ${b.min}`;
  return `${kind}${low} of magnitude ≤ ${M}`;
};
const n = (b: NumberBounds, description: string) => num({ min: -M, max: M, ...b }, words(b)).meta({ description });
const unixSeconds = (description: string) => n({}, `${description} Unix seconds (Go's zero time is -62135596800).`);
const positive = { min: 0, exclusiveMin: true };

const podSchema = strictObject({
  name: z.string({ error: 'a non-empty string' }).min(1, { error: 'a non-empty string' }),
  phase: z.enum(['Pending', 'Running', 'Succeeded', 'Failed'], { error: 'one of "Pending", "Running", "Succeeded", "Failed"' }),
  ready: z.boolean({ error: 'true or false' }).nullish().meta({ description: 'Ready condition; left out = no Ready condition.' }),
  deleting: z.boolean({ error: 'true or false' }).nullish().meta({ description: 'The pod has a deletion timestamp.' }),
  startTime: unixSeconds('Pod start time,').nullish(),
  readyTransitionTime: unixSeconds('Last Ready transition,').nullish(),
  requestMilli: n({ min: 0 }, 'Resource request of the pod, milli-units.').nullish(),
  usageMilli: n({ min: 0 }, 'Metric value of the pod, milli-units; left out = no metric for the pod.').nullish(),
  metricTimestamp: unixSeconds('Time of the metric sample (default now),').nullish(),
  metricWindowSeconds: n({ min: 0 }, 'Window the sample averages over, seconds (default 60).').nullish(),
}, 'a JSON object');

const oneTarget = (a: string, b: string) => (m: Record<string, unknown>, ctx: z.RefinementCtx) => {
  const has = (k: string) => m[k] !== undefined && m[k] !== null;
  if (has(a) && has(b)) ctx.addIssue(statementIssue([b], `is given together with ${a}: expected exactly one of ${a} or ${b}`));
  if (!has(a) && !has(b)) ctx.addIssue({ code: 'custom', path: [b], message: `${words(positive)} (or ${a})` });
};

const metricSchema = z.discriminatedUnion('type', [
  strictObject({
    type: z.literal('Resource'),
    name: z.string({ error: 'a non-empty string' }).min(1, { error: 'a non-empty string' }),
    targetUtilization: n({ ...positive, integer: true }, 'Target utilization, percent of requests.').nullish(),
    targetAverageValueMilli: n(positive, 'Target average value per pod, milli-units.').nullish(),
  }, 'a JSON object').superRefine(oneTarget('targetUtilization', 'targetAverageValueMilli')),
  strictObject({ type: z.literal('Pods'), targetAverageValueMilli: n(positive, 'Target average per pod, milli-units.') }, 'a JSON object'),
  ...(['Object', 'External'] as const).map((type) => strictObject({
    type: z.literal(type),
    valueMilli: n({ min: 0 }, 'The metric value, milli-units.'),
    targetValueMilli: n(positive, 'Target value, milli-units.').nullish(),
    targetAverageValueMilli: n(positive, 'Target average per pod, milli-units.').nullish(),
  }, 'a JSON object').superRefine(oneTarget('targetValueMilli', 'targetAverageValueMilli'))),
], { error: (iss) => ((iss as { note?: string }).note === 'No matching discriminator' ? 'one of "Resource", "Pods", "Object", "External"' : 'a JSON object') });

/** `hpa calc` input. */
export const calcInputSchema = strictObject({
  now: unixSeconds('The evaluation time,'),
  currentReplicas: n({ min: 0, integer: true }, 'The scale target’s current replicas.'),
  metric: metricSchema,
  pods: z.array(podSchema, { error: `a JSON array of at most ${HPA_INPUT_LIMITS.maxListLength} items` })
    .max(HPA_INPUT_LIMITS.maxListLength, { error: `a JSON array of at most ${HPA_INPUT_LIMITS.maxListLength} items` }),
  tolerance: strictObject({
    scaleUp: n({ min: 0 }, 'Scale-up tolerance (default 0.1).').nullish(),
    scaleDown: n({ min: 0 }, 'Scale-down tolerance (default 0.1).').nullish(),
  }, 'a JSON object').nullish(),
  cpuInitializationPeriodSeconds: n({ min: 0 }, 'Default 300 s.').nullish(),
  initialReadinessDelaySeconds: n({ min: 0 }, 'Default 30 s.').nullish(),
}, 'a JSON object').meta({ title: 'scalelab hpa calc input' });
