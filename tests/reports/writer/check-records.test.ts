import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { checkRecords } from '../../../reports/writer/check-records.ts';
import { makeRecord } from '../helpers/synthetic-records.ts';

test('a record from another schema version is rejected with the version named', () => {
  const old = { ...makeRecord('hpa', 1), schema: 'scalelab.run/v0' };
  const r = checkRecords([old, makeRecord('hpa', 2)]);
  assert.is(r.usable.length, 1);
  assert.match(r.rejected[0], /record 1: schema is "scalelab\.run\/v0", expected "scalelab\.run\/v1"/);
});

test('missing and NaN metrics are reported by name but keep the record', () => {
  const rec = makeRecord('hpa', 1, { latencyP95Ms: NaN });
  delete (rec.metrics as Partial<typeof rec.metrics>).costUsd;
  const r = checkRecords([rec]);
  assert.is(r.usable.length, 1);
  assert.ok(r.warnings.some((w) => w.includes('"latencyP95Ms" is') && w.includes('finite')));
  assert.ok(r.warnings.some((w) => w.includes('"costUsd" is missing')));
});

test('a null scaling latency (no under-provisioning episode) is legitimate, a missing identity field is not', () => {
  const r = checkRecords([makeRecord('hpa', 1, { scalingLatencyMeanSeconds: null, scalingLatencyP95Seconds: null }), { ...makeRecord('hpa', 2), seed: 'x' }]);
  assert.equal(r.warnings, []);
  assert.match(r.rejected[0], /record 2: field "seed" is "x", expected an integer/);
});

test('a seed present for one autoscaler and missing for another is reported', () => {
  const r = checkRecords([makeRecord('hpa', 1), makeRecord('hpa', 2), makeRecord('dqn', 1)]);
  assert.ok(r.warnings.some((w) => w.includes('dqn has no record for seed(s) 2')), r.warnings.join('\n'));
});
