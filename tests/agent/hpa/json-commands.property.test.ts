// Issue 16 items 3 and 8: `hpa calc` / `hpa normalize` on any input print a finite answer, or refuse it as bad input
// (exit 2) naming the field, or (calc only) say the HPA itself cannot compute (exit 1) — never `"replicas": null`
// with exit 0, never a raw error; for arbitrary JSON, mutations of valid inputs and JSON text with repeated keys.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import fc from 'fast-check';
import { hpaJsonCommand } from '../../../cli/commands/hpa.ts';
import { UserError } from '../../../lib/errors.ts';
import { MAX_VALIDATION_MS, mutationOf, PROPERTY_RUNS, timed } from '../../lib/helpers/mutate.ts';

const calc = {
  now: 1700000000, currentReplicas: 2, metric: { type: 'Resource', name: 'cpu', targetUtilization: 50 }, tolerance: { scaleUp: 0.1, scaleDown: 0.1 },
  pods: [
    { name: 'a', phase: 'Running', ready: true, startTime: 1699990000, requestMilli: 1000, usageMilli: 900 },
    { name: 'b', phase: 'Running', ready: true, startTime: 1699990000, requestMilli: 1000, usageMilli: 700, metricTimestamp: 1699999990, metricWindowSeconds: 60 },
  ],
};
const normalize = {
  now: 1000, currentReplicas: 5, desiredReplicas: 2, minReplicas: 1, maxReplicas: 10,
  behavior: { scaleDown: { stabilizationWindowSeconds: 300, policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } },
  recommendations: [{ timestamp: 900, replicas: 4 }], scaleDownEvents: [{ timestamp: 950, replicaChange: 1 }],
};

async function answerOrNamedRefusal(kind: 'calc' | 'normalize', text: string, change: string): Promise<void> {
  const r = await timed(() => hpaJsonCommand(kind, text));
  assert.ok(r.ms < MAX_VALIDATION_MS, `took ${r.ms} ms (${change})`);
  if (r.ok) {
    const out = JSON.parse(r.value);
    assert.ok(Number.isSafeInteger(out.replicas) && out.replicas >= 0, `${change}: printed ${r.value}`);
    assert.not.ok(r.value.includes('null'), `${change}: printed ${r.value}`);
    return;
  }
  assert.instance(r.error, UserError, `${change}: ${(r.error as Error)?.stack}`);
  const err = r.error as UserError;
  assert.not.match(err.message, /Invalid input|Expected \w+, received/, `zod's default words leaked: ${err.message}`);
  if (err.exitCode === 1) {
    assert.is(kind, 'calc', change);
    assert.match(err.message, /^the HPA cannot compute a replica count/, change);
    return;
  }
  assert.is(err.exitCode, 2, change);
  assert.match(err.message, /^invalid [^\n]+: expected /s, `${change}: ${err.message}`);
}

for (const [kind, doc] of [['calc', calc], ['normalize', normalize]] as const) {
  test(`hpa ${kind}: arbitrary JSON gives an answer or a named refusal (property)`, async () => {
    await fc.assert(fc.asyncProperty(fc.jsonValue({ maxDepth: 4 }), (v) => answerOrNamedRefusal(kind, JSON.stringify(v) ?? 'null', JSON.stringify(v)?.slice(0, 80))), PROPERTY_RUNS);
  });
  test(`hpa ${kind}: a valid input with one value changed, removed or added gives an answer or a named refusal (property)`, async () => {
    await fc.assert(fc.asyncProperty(mutationOf(doc), ({ value, change }) => answerOrNamedRefusal(kind, JSON.stringify(value) ?? 'null', change)), PROPERTY_RUNS);
  });
}

test('hpa calc: a misspelt key is refused naming it (issue 16: `tolerence` used to be ignored and change the answer)', () => {
  const { tolerance, ...rest } = calc;
  const text = JSON.stringify({ ...rest, tolerence: tolerance });
  assert.throws(() => hpaJsonCommand('calc', text), (err: Error) => err instanceof UserError && err.exitCode === 2 && /^invalid tolerence: expected no such field \(fields: now, currentReplicas, metric, pods, tolerance,/.test(err.message));
});

test('hpa calc: a repeated key is refused naming it, wherever it is (JSON.parse would keep the last)', () => {
  const text = JSON.stringify(calc).replace('"targetUtilization":50', '"targetUtilization":50,"targetUtilization":90');
  assert.throws(() => hpaJsonCommand('calc', text), (err: Error) => err instanceof UserError && err.exitCode === 2 && /^invalid metric\.targetUtilization: expected each key at most once/.test(err.message));
});

test('hpa calc: values that would overflow the replica count are refused, never printed as null with exit 0', () => {
  const huge = { ...calc, metric: { type: 'Pods', targetAverageValueMilli: 1e-300 }, pods: [{ name: 'a', phase: 'Running', ready: true, startTime: 1699990000, usageMilli: 1e15 }] };
  assert.throws(() => hpaJsonCommand('calc', JSON.stringify(huge)), (err: Error) => err instanceof UserError && err.exitCode === 2 && /replica count fits the HPA's int32/.test(err.message));
  const overflow = { ...calc, pods: calc.pods.map((p) => ({ ...p, usageMilli: 1e308 })) };
  assert.throws(() => hpaJsonCommand('calc', JSON.stringify(overflow)), (err: Error) => err instanceof UserError && err.exitCode === 2 && /^invalid pods\[0\]\.usageMilli: expected a number ≥ 0 of magnitude ≤ 1000000000000000, got 1e\+308$/.test(err.message));
});
