import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { k6Peak, k6Workload, planK6Options, type Workload } from '../../workloads/index.ts';

const vus = (w: Workload, t: number) => (w.kind === 'closed' ? w.vusAt(t) : NaN);
const rate = (w: Workload, t: number) => (w.kind === 'open' ? w.rateAt(t) : NaN);
const build = (options: unknown, thinkTimeSeconds?: number) => k6Workload(planK6Options(options), { thinkTimeSeconds });

test('ramping-vus interpolates VUs linearly between stage targets (startVUs 0)', () => {
  const w = build({ scenarios: { s: { executor: 'ramping-vus', startVUs: 0, stages: [{ duration: '30s', target: 10 }, { duration: '1m', target: 50 }] } } }, 0.5);
  assert.is(w.kind, 'closed');
  assert.is(w.durationSeconds, 90);
  if (w.kind === 'closed') assert.is(w.thinkTimeSeconds, 0.5);
  // hand calculation: 10 · 15/30 = 5; 10 + 40 · 30/60 = 30
  assert.is(vus(w, 0), 0);
  assert.is(vus(w, 15), 5);
  assert.is(vus(w, 30), 10);
  assert.is(vus(w, 60), 30);
  assert.is(vus(w, 90), 0, 'the executor has ended');
});

test('VU counts are whole: k6 adds VU n when the ramp reaches n and removes it when the ramp falls to n − 1', () => {
  // stages shortcut: startVUs = options.vus, default 1; VU 2 starts at 30 s · 1/9 = 3.33 s
  const up = build({ stages: [{ duration: '30s', target: 10 }] });
  assert.is(vus(up, 0), 1);
  assert.is(vus(up, 3.3), 1);
  assert.is(vus(up, 3.34), 2);
  assert.is(vus(up, 15), 5, '1 + 9 · 0.5 = 5.5 → 5');
  const down = build({ scenarios: { d: { executor: 'ramping-vus', startVUs: 10, stages: [{ duration: '10s', target: 0 }] } } });
  assert.is(vus(down, 0.5), 10);
  assert.is(vus(down, 1), 9);
  assert.is(vus(down, 9.5), 1, '10 − 9.5 = 0.5 → 1 VU still running');
});

test('ramping-vus reproduces k6\'s own execution steps (TestRampingVUsExecutionTupleTests, whole test, no segments)', () => {
  const stages = [[2, 6], [5, 1], [4, 5], [4, 1], [3, 4], [2, 4], [0, 1], [3, 1], [0, 5], [3, 5], [0, 0], [2, 2], [2, 0], [4, 4]];
  const w = build({ scenarios: { t: { executor: 'ramping-vus', startVUs: 4, stages: stages.map(([d, target]) => ({ duration: `${d}s`, target })) } } });
  // upstream lib/executor/ramping_vus_test.go: [time offset s, planned VUs] from each offset until the next
  const steps = [[0, 4], [1, 5], [2, 6], [3, 5], [4, 4], [5, 3], [6, 2], [7, 1], [8, 2], [9, 3], [10, 4], [11, 5], [12, 4], [13, 3], [14, 2], [15, 1], [16, 2], [17, 3], [18, 4], [20, 1], [23, 5], [26, 0], [27, 1], [28, 2], [29, 1], [30, 0], [31, 1], [32, 2], [33, 3], [34, 0]];
  steps.forEach(([offset, planned], i) => {
    const next = i + 1 < steps.length ? steps[i + 1][0] : offset + 1;
    for (const t of [offset, (offset + next) / 2, next - 0.001]) assert.is(vus(w, t), planned, `t=${t}`);
  });
});

test('a 0 s stage jumps, and startVUs comes from options.vus in the stages shortcut', () => {
  const w = build({ vus: 4, stages: [{ duration: '10s', target: 4 }, { duration: '0s', target: 20 }, { duration: '10s', target: 20 }] });
  assert.is(vus(w, 5), 4);
  assert.is(vus(w, 10), 20);
  assert.is(vus(w, 19), 20);
});

test('duration + vus is a constant number of VUs (constant-vus); vus defaults to 1', () => {
  const w = build({ vus: 20, duration: '1m' });
  assert.is(vus(w, 30), 20);
  assert.is(vus(w, 60), 0);
  assert.is(vus(build({ duration: '10s' }), 5), 1);
});

test('constant-arrival-rate is rate per timeUnit', () => {
  const w = build({ scenarios: { c: { executor: 'constant-arrival-rate', rate: 300, timeUnit: '1m', duration: '2m', preAllocatedVUs: 10 } } });
  assert.is(w.kind, 'open');
  assert.is(rate(w, 0), 5);
  assert.is(rate(w, 119), 5);
  assert.is(w.durationSeconds, 120);
});

test('ramping-arrival-rate ramps the rate linearly from startRate through the stage targets', () => {
  const w = build({ scenarios: { r: { executor: 'ramping-arrival-rate', startRate: 20, timeUnit: '1s', preAllocatedVUs: 5, stages: [{ duration: '1m', target: 100 }, { duration: '30s', target: 100 }, { duration: '30s', target: 0 }] } } });
  assert.is(rate(w, 0), 20);
  assert.is(rate(w, 30), 60);
  assert.is(rate(w, 75), 100);
  assert.is(rate(w, 105), 50);
  assert.is(w.durationSeconds, 120);
});

test('ramping-arrival-rate starts iterations where k6 does (TestRampingArrivalRateCal, whole test)', () => {
  const w = build({ scenarios: { r: { executor: 'ramping-arrival-rate', startRate: 0, timeUnit: '1s', preAllocatedVUs: 1, stages: [{ duration: '5s', target: 1 }, { duration: '1s', target: 1 }, { duration: '5s', target: 0 }] } } });
  // upstream lib/executor/ramping_arrival_rate_test.go: iteration n starts once n iterations' worth of rate has
  // accumulated; the published start times are whole milliseconds, so the integral is within 0.001 of n there.
  const startsMs = [3162, 4472, 5500, 6527, 7837, 11000];
  let integral = 0;
  let ms = 0;
  startsMs.forEach((end, i) => {
    for (; ms < end; ms++) integral += rate(w, (ms + 0.5) / 1000) / 1000;
    assert.ok(Math.abs(integral - (i + 1)) < 0.002, `by ${end} ms: ${integral} iterations, k6 starts iteration ${i + 1}`);
  });
});

test('scenarios with startTime add up; the peak is the highest planned total', () => {
  const options = {
    scenarios: {
      background: { executor: 'constant-arrival-rate', rate: 20, duration: '5m', preAllocatedVUs: 1 },
      spike: { executor: 'ramping-arrival-rate', startTime: '1m', timeUnit: '1m', preAllocatedVUs: 1, stages: [{ target: 6000, duration: '1m' }, { target: 6000, duration: '1m' }, { target: 0, duration: '30s' }] },
    },
  };
  const plan = planK6Options(options);
  const w = k6Workload(plan);
  // spike: 6000/min = 100 req/s, from 0 at 60 s to 100 at 120 s, held to 180 s, down to 0 at 210 s
  assert.is(rate(w, 30), 20);
  assert.is(rate(w, 90), 70);
  assert.is(rate(w, 150), 120);
  assert.is(rate(w, 195), 70);
  assert.is(rate(w, 250), 20);
  assert.is(w.durationSeconds, 300);
  assert.is(k6Peak(plan), 120);
});

test('closed scenarios add their VUs; mixing closed and open scenarios is refused', () => {
  const w = build({ scenarios: { a: { executor: 'constant-vus', vus: 3, duration: '1m' }, b: { executor: 'constant-vus', vus: 2, duration: '1m', startTime: '30s' } } });
  assert.is(vus(w, 10), 3);
  assert.is(vus(w, 45), 5);
  assert.is(vus(w, 75), 2);
  assert.throws(
    () => build({ scenarios: { a: { executor: 'constant-vus', duration: '1m' }, b: { executor: 'constant-arrival-rate', rate: 1, duration: '1m' } } }),
    /only VU executors .* or only arrival-rate executors/,
  );
});

test('options k6 itself refuses, or that have no load shape, are errors naming the option', () => {
  const cases: [unknown, RegExp][] = [
    [{ iterations: 10 }, /^options\.iterations: got 10, expected a time-shaped profile/],
    [{ duration: '1m', stages: [{ duration: '1m', target: 1 }] }, /^options\.duration: .*not both/],
    [{ stages: [{ duration: '1m', target: 1 }], scenarios: {} }, /^options\.stages: .*not both/],
    [{ thresholds: {} }, /^options: .*expected a load profile/],
    [{ vus: 5, duration: '0s' }, /^options\.duration: got "0s", expected a k6 duration > 0/],
    [{ scenarios: { s: { executor: 'shared-iterations', iterations: 10 } } }, /^options\.scenarios\.s\.executor: got "shared-iterations", .*fixed iteration count/],
    [{ scenarios: { s: { executor: 'ramping-vus', stages: [{ duration: '1m', target: 2.5 }] } } }, /^options\.scenarios\.s\.stages\[0\]\.target: got 2\.5, expected an integer/],
    [{ stages: [{ duration: '1x', target: 1 }] }, /^options\.stages\[0\]\.duration: got "1x"/],
    [{ stages: [{ target: 1 }] }, /^options\.stages\[0\]\.duration: got nothing \(missing\)/],
    [{ scenarios: { s: { executor: 'constant-arrival-rate', duration: '1m' } } }, /^options\.scenarios\.s\.rate: got nothing/],
    [{ scenarios: { s: { executor: 'ramping-vus', startVUs: 0, stages: [{ duration: '1m', target: 0 }] } } }, /startVUs or one stage target > 0/],
    [{ scenarios: { s: 'ramping-vus' } }, /^options\.scenarios\.s: got "ramping-vus", expected an object/],
  ];
  for (const [options, re] of cases) assert.throws(() => planK6Options(options), re, JSON.stringify(options));
});
