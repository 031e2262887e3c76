import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { METRICS } from '../../../reports/tables/metrics.ts';
import { makeRecord } from '../helpers/synthetic-records.ts';

test('safety interventions = decisions with a Safety* reason / all decisions (hand count 3 + 1 of 40)', () => {
  const r = makeRecord('hybrid-constrained', 1);
  r.reasons = { RlHold: 30, RlScaleUp: 6, SafetyForceScaleUp: 3, SafetyBlockScaleDown: 1 };
  assert.is(METRICS.safetyInterventionRate.get(r), 0.1);
  r.reasons = undefined;
  assert.is(METRICS.safetyInterventionRate.get(r), null);
});

test('λ is found in the record config (top level or nested), null when absent', () => {
  const r = makeRecord('hybrid-constrained', 1);
  r.config = { autoscaler: { name: 'hybrid-constrained', constraint: { lambda: 3.2 } } };
  assert.is(METRICS.lambda.get(r), 3.2);
  r.config = {};
  assert.is(METRICS.lambda.get(r), null);
});

test('a missing metric reads as NaN (reported), a null one as null (legitimately undefined)', () => {
  const r = makeRecord('hpa', 1, { scalingLatencyMeanSeconds: null });
  delete (r.metrics as Partial<typeof r.metrics>).latencyP95Ms;
  assert.ok(Number.isNaN(METRICS.latencyP95Ms.get(r) as number));
  assert.is(METRICS.scalingLatencyMeanSeconds.get(r), null);
});
