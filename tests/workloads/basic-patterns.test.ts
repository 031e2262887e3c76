import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { gradualRamp, steady, suddenSpike, WorkloadSpecError } from '../../workloads/index.ts';

test('steady holds its rate for the whole run and is 0 outside [0, duration)', () => {
  const w = steady({ rps: 120, durationSeconds: 600 });
  assert.is(w.kind, 'open');
  assert.is(w.rateAt(0), 120);
  assert.is(w.rateAt(599.9), 120);
  assert.is(w.rateAt(600), 0);
  assert.is(w.rateAt(-1), 0);
  assert.is(w.durationSeconds, 600);
});

test('gradual ramp is flat before, linear during and flat after the ramp', () => {
  const w = gradualRamp({ fromRps: 100, toRps: 400, rampStartSeconds: 60, rampSeconds: 120, durationSeconds: 300 });
  const cases: [number, number][] = [[0, 100], [60, 100], [90, 175], [120, 250], [180, 400], [299, 400]];
  for (const [t, expected] of cases) assert.ok(Math.abs(w.rateAt(t) - expected) < 1e-9, `t=${t}: ${w.rateAt(t)} != ${expected}`);
});

test('gradual ramp can ramp down as well', () => {
  const w = gradualRamp({ fromRps: 300, toRps: 100, rampSeconds: 100, durationSeconds: 200 });
  assert.is(w.rateAt(50), 200);
  assert.is(w.rateAt(150), 100);
});

test('sudden spike jumps at its start and falls back at its end', () => {
  const w = suddenSpike({ baseRps: 50, spikeRps: 200, spikeStartSeconds: 100, spikeSeconds: 60, durationSeconds: 300 });
  assert.is(w.rateAt(99.9), 50);
  assert.is(w.rateAt(100), 200);
  assert.is(w.rateAt(159.9), 200);
  assert.is(w.rateAt(160), 50);
});

test('a spike with a rise time ramps linearly on both edges', () => {
  const w = suddenSpike({ baseRps: 50, spikeRps: 200, spikeStartSeconds: 100, spikeSeconds: 60, riseSeconds: 10, durationSeconds: 300 });
  assert.is(w.rateAt(105), 125);
  assert.is(w.rateAt(130), 200);
  assert.is(w.rateAt(155), 125);
});

test('bad parameters name the field, the value and the expectation', () => {
  try {
    steady({ rps: -5, durationSeconds: 60 });
    assert.unreachable('negative rate accepted');
  } catch (err) {
    assert.instance(err, WorkloadSpecError);
    const e = err as WorkloadSpecError;
    assert.is(e.field, 'rps');
    assert.is(e.value, -5);
    assert.match(e.message, /rps: got -5, expected a number ≥ 0/);
  }
  assert.throws(() => steady({ rps: 5, durationSeconds: 0 }), /durationSeconds: got 0, expected a number > 0/);
  assert.throws(() => gradualRamp({ fromRps: 1, toRps: 2, rampSeconds: undefined as unknown as number, durationSeconds: 10 }), /rampSeconds: got nothing \(missing\)/);
});
