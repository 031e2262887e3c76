import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { daily, product, scaled, shifted, steady, sum, type ClosedWorkload } from '../../workloads/index.ts';

const closed = (vus: number, think: number, durationSeconds = 100): ClosedWorkload => ({ kind: 'closed', name: 'c', durationSeconds, thinkTimeSeconds: think, vusAt: (t) => (t >= 0 && t < durationSeconds ? vus : 0) });

test('sum adds rates and lasts as long as its longest part', () => {
  const w = sum([steady({ rps: 10, durationSeconds: 100 }), steady({ rps: 5, durationSeconds: 200 })]);
  assert.is(w.kind, 'open');
  assert.is(w.durationSeconds, 200);
  if (w.kind !== 'open') return;
  assert.is(w.rateAt(50), 15);
  assert.is(w.rateAt(150), 5);
});

test('sum adds the VUs of closed workloads with the same think time', () => {
  const w = sum([closed(3, 1), closed(4, 1)]);
  assert.is(w.kind, 'closed');
  if (w.kind === 'closed') assert.is(w.vusAt(10), 7);
});

test('sum refuses to mix open and closed workloads, or different think times', () => {
  assert.throws(() => sum([steady({ rps: 1, durationSeconds: 10 }), closed(1, 1)]), /cannot mix arrival rates with VUs/);
  assert.throws(() => sum([closed(1, 1), closed(1, 2)]), /same thinkTimeSeconds/);
});

test('product multiplies a shape by a dimensionless factor', () => {
  const factor = daily({ meanRps: 1, amplitudeRps: 0.5, periodSeconds: 100, peakAtSeconds: 0, durationSeconds: 100 });
  const w = product([steady({ rps: 100, durationSeconds: 100 }), factor]);
  assert.ok(Math.abs(w.rateAt(0) - 150) < 1e-9);
  assert.ok(Math.abs(w.rateAt(50) - 50) < 1e-9);
  assert.ok(Math.abs(w.rateAt(25) - 100) < 1e-9);
});

test('scaled multiplies rates, and VUs rounded to whole users', () => {
  const w = scaled(steady({ rps: 7, durationSeconds: 10 }), 3);
  assert.is(w.kind, 'open');
  if (w.kind === 'open') assert.is(w.rateAt(1), 21);
  const c = scaled(closed(3, 1), 0.5);
  assert.is(c.kind, 'closed');
  if (c.kind === 'closed') assert.is(c.vusAt(1), 2);
  assert.throws(() => scaled(steady({ rps: 1, durationSeconds: 1 }), -1), /factor: got -1/);
});

test('shifted starts the workload later and extends its duration', () => {
  const w = shifted(steady({ rps: 10, durationSeconds: 100 }), 50);
  assert.is(w.durationSeconds, 150);
  assert.is(w.kind, 'open');
  if (w.kind !== 'open') return;
  assert.is(w.rateAt(49), 0);
  assert.is(w.rateAt(50), 10);
  assert.is(w.rateAt(149), 10);
  assert.is(w.rateAt(150), 0);
});
