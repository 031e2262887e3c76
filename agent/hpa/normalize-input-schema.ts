// The one schema of `scalelab hpa normalize` input and of a Kubernetes `behavior` object (HorizontalPodAutoscaler
// autoscaling/v2 field names): strict keys, finite bounded numbers, bounded lists. json-commands.ts validates
// normalize input with it; behavior-input.ts takes its key lists from it (so an experiment's HPA `behavior` is held
// to the same keys); schemas/hpa-normalize-input.schema.json is generated from it. `null` counts as left out.
import { z } from 'zod';
import { num, strictObject, type NumberBounds } from '../../lib/schema.ts';
import { HPA_INPUT_LIMITS } from './input-schema.ts';

const M = HPA_INPUT_LIMITS.maxMagnitude;
const words = (b: NumberBounds) => `${b.integer ? 'an integer' : 'a number'}${b.min === undefined ? '' : ` ${b.exclusiveMin ? '>' : '≥'} ${b.min}`} of magnitude ≤ ${M}`;
const n = (b: NumberBounds, description: string) => num({ min: -M, max: M, ...b }, words(b)).meta({ description });
const list = <T extends z.ZodType>(item: T) => z.array(item, { error: `a JSON array of at most ${HPA_INPUT_LIMITS.maxListLength} items` })
  .max(HPA_INPUT_LIMITS.maxListLength, { error: `a JSON array of at most ${HPA_INPUT_LIMITS.maxListLength} items` });
const replicas = (description: string) => n({ min: 0, integer: true }, description);

/** One scaling policy: at most `value` pods (or percent) of change per `periodSeconds`. */
export const policySchema = strictObject({
  type: z.enum(['Pods', 'Percent'], { error: 'one of "Pods", "Percent"' }),
  value: n({ min: 0, exclusiveMin: true, integer: true }, 'Pods or percent per period.'),
  periodSeconds: n({ min: 0, exclusiveMin: true, integer: true }, 'Length of the period, seconds.'),
}, 'a JSON object');

/** Kubernetes writes tolerance as a quantity ("0.05" or 0.05); both are accepted. */
const TOLERANCE = 'a number ≥ 0 or a numeric string such as "0.05"';
const tolerance = z.union([
  num({ min: 0, max: M }, TOLERANCE),
  z.string({ error: TOLERANCE }).refine((s) => s.trim() !== '' && Number.isFinite(Number(s)) && Number(s) >= 0 && Number(s) <= M, { error: TOLERANCE }),
], { error: TOLERANCE });

/** Rules of one direction (`scaleUp` or `scaleDown`). */
export const rulesSchema = strictObject({
  stabilizationWindowSeconds: n({ min: 0, integer: true }, 'Stabilization window, seconds.').nullish(),
  selectPolicy: z.enum(['Max', 'Min', 'Disabled'], { error: 'one of "Max", "Min", "Disabled"' }).nullish(),
  policies: list(policySchema).nullish(),
  tolerance: tolerance.nullish(),
}, 'a JSON object');

/** A `behavior` object; null or left out = the legacy (no-behavior) path. */
export const behaviorSchema = strictObject({ scaleUp: rulesSchema.nullish(), scaleDown: rulesSchema.nullish() }, 'a JSON object');

/** `hpa normalize` input. */
export const normalizeInputSchema = strictObject({
  now: n({}, 'The evaluation time, Unix seconds.'),
  currentReplicas: replicas('Current replicas.'),
  desiredReplicas: replicas('The replica calculator’s proposal.'),
  minReplicas: replicas('Lower bound.'),
  maxReplicas: replicas('Upper bound.'),
  behavior: behaviorSchema.nullish(),
  recommendations: list(strictObject({ timestamp: n({}, 'Unix seconds.'), replicas: replicas('A past recommendation.') }, 'a JSON object')).nullish(),
  scaleUpEvents: list(strictObject({ timestamp: n({}, 'Unix seconds.'), replicaChange: replicas('Replicas added.') }, 'a JSON object')).nullish(),
  scaleDownEvents: list(strictObject({ timestamp: n({}, 'Unix seconds.'), replicaChange: replicas('Replicas removed.') }, 'a JSON object')).nullish(),
  downscaleStabilizationWindowSeconds: n({ min: 0 }, 'Legacy path: downscale window (default 300 s).').nullish(),
  scaleUpLimitFactor: n({ min: 0 }, 'Legacy path: scale-up factor (default 2).').nullish(),
  scaleUpLimitMinimum: n({ min: 0 }, 'Legacy path: scale-up minimum (default 4).').nullish(),
}, 'a JSON object').meta({ title: 'scalelab hpa normalize input' });
