// Reading a Kubernetes `behavior` object from JSON (as in a manifest or `scalelab hpa normalize` input).
import type { HpaBehavior, HpaScalingPolicy, HpaScalingRules } from './behavior.ts';
import { HpaInputError, ObjectReader } from './input-schema.ts';
import { behaviorSchema, policySchema, rulesSchema } from './normalize-input-schema.ts';

function readPolicy(value: unknown, path: string): HpaScalingPolicy {
  const r = new ObjectReader(value, path).only(Object.keys(policySchema.shape));
  return {
    type: r.oneOf('type', ['Pods', 'Percent'] as const),
    value: r.number('value', { integer: true, min: 0, exclusiveMin: true }),
    periodSeconds: r.number('periodSeconds', { integer: true, min: 0, exclusiveMin: true }),
  };
}

function readRules(value: unknown, path: string): HpaScalingRules {
  const r = new ObjectReader(value, path).only(Object.keys(rulesSchema.shape));
  const rules: HpaScalingRules = {};
  const window = r.optionalNumber('stabilizationWindowSeconds', { integer: true, min: 0 });
  if (window !== undefined) rules.stabilizationWindowSeconds = window;
  if (r.has('selectPolicy')) rules.selectPolicy = r.oneOf('selectPolicy', ['Max', 'Min', 'Disabled'] as const);
  const policies = r.optionalArray('policies', readPolicy);
  if (policies !== undefined) rules.policies = policies;
  if (r.has('tolerance')) rules.tolerance = readTolerance(r.raw('tolerance'), r.field('tolerance'));
  return rules;
}

/** Kubernetes writes tolerance as a quantity ("0.05" or 0.05); accept both. */
function readTolerance(value: unknown, path: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
    throw new HpaInputError(path, value, 'a number ≥ 0 or a numeric string such as "0.05"');
  }
  return n;
}

/** Use at any boundary that accepts `spec.behavior` JSON; null/undefined = no behavior (legacy path). */
export function readBehavior(value: unknown, path: string): HpaBehavior | null {
  if (value === null || value === undefined) return null;
  const r = new ObjectReader(value, path).only(Object.keys(behaviorSchema.shape));
  const behavior: HpaBehavior = {};
  if (r.has('scaleUp')) behavior.scaleUp = readRules(r.raw('scaleUp'), r.field('scaleUp'));
  if (r.has('scaleDown')) behavior.scaleDown = readRules(r.raw('scaleDown'), r.field('scaleDown'));
  return behavior;
}
