// The pure halves of `scalelab hpa calc` and `scalelab hpa normalize`: JSON value in (field names fixed by the
// issue and data/reference/hpa-cli-contract.md), JSON-ready object out. Bad input throws HpaInputError.
import { readBehavior } from './behavior-input.ts';
import type { CalculatorInput, CalculatorMetric, CalculatorPod, Tolerances } from './calculator-types.ts';
import { HPA_INPUT_LIMITS, HpaInputError, ObjectReader } from './input-schema.ts';
import type { z } from 'zod';
import { calcInputSchema } from './calc-input-schema.ts';
import { normalizeInputSchema } from './normalize-input-schema.ts';
import { checkSchema } from '../../lib/schema.ts';
import { normalizeReplicas, type NormalizeInput } from './normalize.ts';
import type { ScaleEvent } from './rate-limits.ts';
import { calculateReplicas } from './replica-calculator.ts';
import type { TimestampedRecommendation } from './stabilization.ts';

/** Output of `hpa calc`. */
export interface HpaCalcOutput {
  replicas: number;
  utilization?: number;
  rawAverageMilli?: number;
  usageMilli?: number;
}

/** Output of `hpa normalize`: the replica count and the ScalingLimited reason. */
export interface HpaNormalizeOutput {
  replicas: number;
  reason: string;
}

const PHASES = ['Pending', 'Running', 'Succeeded', 'Failed'] as const;


function readPod(value: unknown, path: string): CalculatorPod {
  const r = new ObjectReader(value, path);
  const pod: CalculatorPod = { name: r.string('name'), phase: r.oneOf('phase', PHASES) };
  const ready = r.optionalBoolean('ready');
  if (ready !== undefined) pod.ready = ready;
  const deleting = r.optionalBoolean('deleting');
  if (deleting !== undefined) pod.deleting = deleting;
  const optional: Array<[keyof CalculatorPod, string, { min?: number; exclusiveMin?: boolean }]> = [
    ['startTimeSeconds', 'startTime', {}],
    ['readyTransitionTimeSeconds', 'readyTransitionTime', {}],
    ['requestMilli', 'requestMilli', { min: 0 }],
    ['usageMilli', 'usageMilli', { min: 0 }],
    ['metricTimestampSeconds', 'metricTimestamp', {}],
    ['metricWindowSeconds', 'metricWindowSeconds', { min: 0 }],
  ];
  for (const [key, jsonKey, opts] of optional) {
    const n = r.optionalNumber(jsonKey, opts);
    if (n !== undefined) (pod as unknown as Record<string, number>)[key] = n;
  }
  return pod;
}

function readMetric(value: unknown, path: string): CalculatorMetric {
  const r = new ObjectReader(value, path);
  const type = r.oneOf('type', ['Resource', 'Pods', 'Object', 'External'] as const);
  const positive = { min: 0, exclusiveMin: true };
  if (type === 'Resource') {
    const name = r.string('name');
    if (r.has('targetUtilization')) return { type, name, targetUtilization: r.number('targetUtilization', { ...positive, integer: true }) };
    return { type, name, targetAverageValueMilli: r.number('targetAverageValueMilli', positive) };
  }
  if (type === 'Pods') return { type, targetAverageValueMilli: r.number('targetAverageValueMilli', positive) };
  const valueMilli = r.number('valueMilli', { min: 0 });
  if (r.has('targetValueMilli')) return { type, targetValueMilli: r.number('targetValueMilli', positive), valueMilli };
  return { type, targetAverageValueMilli: r.number('targetAverageValueMilli', positive), valueMilli };
}

function readTolerance(value: unknown, path: string): Tolerances {
  const r = new ObjectReader(value, path);
  return { scaleUp: r.optionalNumber('scaleUp', { min: 0 }) ?? 0.1, scaleDown: r.optionalNumber('scaleDown', { min: 0 }) ?? 0.1 };
}

function requireUniqueNames(pods: CalculatorPod[]): void {
  const seen = new Set<string>();
  pods.forEach((pod, i) => {
    if (seen.has(pod.name)) throw new HpaInputError(`pods[${i}].name`, pod.name, 'a name no other pod has');
    seen.add(pod.name);
  });
}

/** Throws the first problem of `value` against `schema` as an HpaInputError (field, value, expectation). */
function schemaCheck(schema: z.ZodType, value: unknown): void {
  const checked = checkSchema(schema, value);
  if (checked.ok) return;
  const p = checked.problem;
  const field = p.field === '(top level)' ? 'input' : p.field;
  throw new HpaInputError(field, p.value, p.statement === undefined ? p.expected : p.statement.replace(/^.*expected /, ''));
}

/** Validates `hpa calc` input and turns it into a calculator input (defaults per the contract). */
export function readCalcInput(value: unknown): CalculatorInput {
  // The schema decides what is valid (strict keys, bounds); the reads below only map the contract's names.
  schemaCheck(calcInputSchema, value);
  const r = new ObjectReader(value, '');
  const input: CalculatorInput = {
    nowSeconds: r.number('now'),
    currentReplicas: r.number('currentReplicas', { integer: true, min: 0 }),
    metric: readMetric(r.raw('metric'), 'metric'),
    pods: r.array('pods', readPod),
    constants: {},
  };
  requireUniqueNames(input.pods);
  if (r.has('tolerance')) input.constants!.tolerance = readTolerance(r.raw('tolerance'), 'tolerance');
  const init = r.optionalNumber('cpuInitializationPeriodSeconds', { min: 0 });
  if (init !== undefined) input.constants!.cpuInitializationPeriodSeconds = init;
  const delay = r.optionalNumber('initialReadinessDelaySeconds', { min: 0 });
  if (delay !== undefined) input.constants!.initialReadinessDelaySeconds = delay;
  return input;
}

/** `hpa calc`: the calculator's proposal for one metric. Throws HpaInputError or HpaCalculationError. */
export function runHpaCalc(value: unknown): HpaCalcOutput {
  const result = calculateReplicas(readCalcInput(value));
  // Bounded inputs keep this finite; the guard makes sure no overflow ever prints `"replicas": null` with exit 0.
  if (!Number.isSafeInteger(result.replicas) || result.replicas > HPA_INPUT_LIMITS.maxReplicas) {
    throw new HpaInputError('input', result.replicas, `metric and pod values whose replica count fits the HPA's int32 (≤ ${HPA_INPUT_LIMITS.maxReplicas})`);
  }
  for (const k of ['utilization', 'rawAverageMilli', 'usageMilli'] as const) {
    if (result[k] !== undefined && !Number.isFinite(result[k])) throw new HpaInputError('input', result[k], `metric and pod values whose ${k} is finite`);
  }
  const out: HpaCalcOutput = { replicas: result.replicas };
  if (result.utilization !== undefined) out.utilization = result.utilization;
  if (result.rawAverageMilli !== undefined) out.rawAverageMilli = result.rawAverageMilli;
  if (result.usageMilli !== undefined) out.usageMilli = result.usageMilli;
  return out;
}

function readRecommendation(value: unknown, path: string): TimestampedRecommendation {
  const r = new ObjectReader(value, path);
  return { timestampSeconds: r.number('timestamp'), replicas: r.number('replicas', { integer: true, min: 0 }) };
}

function readEvent(value: unknown, path: string): ScaleEvent {
  const r = new ObjectReader(value, path);
  return { timestampSeconds: r.number('timestamp'), replicaChange: r.number('replicaChange', { integer: true, min: 0 }) };
}

/** Validates `hpa normalize` input (left-out lists are empty; behavior null or missing = legacy path). */
export function readNormalizeInput(value: unknown): NormalizeInput {
  schemaCheck(normalizeInputSchema, value);
  const r = new ObjectReader(value, '');
  const replicas = { integer: true, min: 0 };
  const input: NormalizeInput = {
    nowSeconds: r.number('now'),
    currentReplicas: r.number('currentReplicas', replicas),
    desiredReplicas: r.number('desiredReplicas', replicas),
    minReplicas: r.number('minReplicas', replicas),
    maxReplicas: r.number('maxReplicas', replicas),
    behavior: readBehavior(r.raw('behavior'), 'behavior'),
    recommendations: r.optionalArray('recommendations', readRecommendation) ?? [],
    scaleUpEvents: r.optionalArray('scaleUpEvents', readEvent) ?? [],
    scaleDownEvents: r.optionalArray('scaleDownEvents', readEvent) ?? [],
  };
  const window = r.optionalNumber('downscaleStabilizationWindowSeconds', { min: 0 });
  if (window !== undefined) input.downscaleStabilizationWindowSeconds = window;
  const factor = r.optionalNumber('scaleUpLimitFactor', { min: 0 });
  if (factor !== undefined) input.scaleUpLimitFactor = factor;
  const minimum = r.optionalNumber('scaleUpLimitMinimum', { min: 0 });
  if (minimum !== undefined) input.scaleUpLimitMinimum = minimum;
  return input;
}

/** `hpa normalize`: stabilization, rate limits and min/max for one step, no state kept. */
export function runHpaNormalize(value: unknown): HpaNormalizeOutput {
  const result = normalizeReplicas(readNormalizeInput(value));
  if (!Number.isSafeInteger(result.replicas)) throw new HpaInputError('input', result.replicas, 'values whose replica count is an integer');
  return { replicas: result.replicas, reason: result.reason };
}
