// Twin test: the replica calculator's fast path (no per-call Maps, for the common Resource-utilization case)
// must give exactly what the reference path gives, on random inputs of every shape — including those the
// upstream test rows never reach: more pods than any row (up to 90, past the fast path's 64-pod limit),
// unready, missing, ignored (Failed, deleting) and Pending pods, pods without a request, duplicate names,
// stray metric samples, and CPU samples inside the initialisation period.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { calculateReplicas, calculateReplicasReference, utilizationFastPath } from '../../../agent/hpa/replica-calculator.ts';
import type { CalculatorInput, CalculatorPod, CalculatorResult } from '../../../agent/hpa/calculator-types.ts';

const NOW = 1_700_000_000;
const maybe = <T>(arb: fc.Arbitrary<T>, undefinedWeight = 1): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: undefinedWeight }, { arbitrary: arb, weight: 4 });

/** `missingWeight` 0 = every pod has a sample (the fast path's case); 1 = about one pod in five has none. */
const pod = (name: string, missingWeight: number): fc.Arbitrary<CalculatorPod> =>
  fc.record({
    name: fc.constant(name),
    phase: fc.constantFrom<CalculatorPod['phase']>('Running', 'Running', 'Running', 'Pending', 'Failed', 'Succeeded'),
    ready: maybe(fc.boolean()),
    deleting: fc.oneof({ arbitrary: fc.constant(false), weight: 8 }, { arbitrary: fc.constant(true), weight: 1 }),
    startTimeSeconds: maybe(fc.integer({ min: NOW - 900, max: NOW })),
    readyTransitionTimeSeconds: maybe(fc.integer({ min: NOW - 900, max: NOW })),
    requestMilli: fc.oneof({ arbitrary: fc.constant(undefined), weight: 1 }, { arbitrary: fc.integer({ min: 0, max: 2000 }), weight: 30 }),
    usageMilli: missingWeight === 0 ? fc.integer({ min: 0, max: 4000 }) : maybe(fc.integer({ min: 0, max: 4000 }), missingWeight),
    metricTimestampSeconds: maybe(fc.integer({ min: NOW - 120, max: NOW })),
    metricWindowSeconds: maybe(fc.integer({ min: 15, max: 120 })),
  });

/** Pods named pod-0…pod-(n−1); now and then one name is reused (upstream keys pods by name). */
const pods: fc.Arbitrary<CalculatorPod[]> = fc
  .tuple(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 7, max: 90 })), fc.integer({ min: 0, max: 20 }), fc.constantFrom(0, 1))
  .chain(([n, dup, missingWeight]) => fc.tuple(...Array.from({ length: n }, (_, i) => pod(dup === 0 && i > 0 ? `pod-${i - 1}` : `pod-${i}`, missingWeight))));

const input: fc.Arbitrary<CalculatorInput> = fc.record({
  nowSeconds: fc.constant(NOW),
  currentReplicas: fc.integer({ min: 0, max: 100 }),
  metric: fc.record({ type: fc.constant('Resource' as const), name: fc.constantFrom('cpu', 'memory'), targetUtilization: fc.integer({ min: 1, max: 200 }) }),
  pods,
  strayMetrics: fc.oneof(
    { arbitrary: fc.constant(undefined), weight: 6 },
    { arbitrary: fc.array(fc.record({ name: fc.constantFrom('gone-1', 'gone-2', 'pod-0'), usageMilli: fc.integer({ min: 0, max: 4000 }) }), { maxLength: 3 }), weight: 1 },
  ),
  constants: fc.record(
    {
      tolerance: fc.record({ scaleUp: fc.constantFrom(0, 0.05, 0.1, 0.5), scaleDown: fc.constantFrom(0, 0.1, 0.3) }),
      cpuInitializationPeriodSeconds: fc.constantFrom(0, 300, 600),
      initialReadinessDelaySeconds: fc.constantFrom(0, 30),
      defaultMetricWindowSeconds: fc.constantFrom(30, 60),
    },
    { requiredKeys: [] },
  ),
});

type Outcome = { result: CalculatorResult } | { error: string };
const outcome = (f: () => CalculatorResult): Outcome => {
  try {
    return { result: f() };
  } catch (err) {
    return { error: `${(err as Error).name}: ${(err as Error).message}` };
  }
};

test('on random inputs of every shape the fast path, where it answers, equals the reference path exactly, and calculateReplicas always does', () => {
  let answered = 0;
  let deferred = 0;
  fc.assert(
    fc.property(input, (i) => {
      const reference = outcome(() => calculateReplicasReference(i));
      const fast = utilizationFastPath(i);
      if (fast === null) deferred++;
      else {
        answered++;
        assert.equal({ result: fast }, reference);
      }
      assert.equal(outcome(() => calculateReplicas(i)), reference);
    }),
    { numRuns: 3000, seed: 14 },
  );
  // The generator must reach both sides, or the comparison above proves nothing about the fast path.
  assert.ok(answered > 300, `fast path answered only ${answered} of 3000 inputs`);
  assert.ok(deferred > 300, `fast path deferred only ${deferred} of 3000 inputs`);
});

test('the fast path answers the plain case and defers on the shapes it does not handle', () => {
  const running = (name: string, usageMilli?: number): CalculatorPod => ({
    name, phase: 'Running', ready: true, startTimeSeconds: NOW - 3600, readyTransitionTimeSeconds: NOW - 3500, requestMilli: 1000, usageMilli,
  });
  const base: CalculatorInput = { nowSeconds: NOW, currentReplicas: 3, metric: { type: 'Resource', name: 'cpu', targetUtilization: 50 }, pods: [running('a', 900), running('b', 900), running('c', 900)] };
  // 2700 of 3000 millicores = 90 % against 50 % → ceil(1.8 × 3) = 6 (worked by hand).
  assert.equal(utilizationFastPath(base), { replicas: 6, utilization: 90, rawAverageMilli: 900 });
  assert.is(utilizationFastPath({ ...base, pods: [...base.pods, running('d')] }), null, 'a missing sample needs the rebalancing path');
  assert.is(utilizationFastPath({ ...base, strayMetrics: [{ name: 'gone', usageMilli: 5 }] }), null, 'stray samples need the Map path');
  assert.is(utilizationFastPath({ ...base, pods: [running('a', 900), running('a', 100)] }), null, 'duplicate names need the Map path');
  assert.is(utilizationFastPath({ ...base, pods: Array.from({ length: 65 }, (_, k) => running(`p${k}`, 500)) }), null, 'more than 64 pods');
});
