import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { buildWorkload, deriveSeed, WorkloadSpecError, type Trace, type Workload, type WorkloadSpec } from '../../workloads/index.ts';

const rate = (w: Workload, t: number) => (w.kind === 'open' ? w.rateAt(t) : NaN);
const build = (spec: unknown, seed = 1, loadTrace?: (f: string) => Trace) => buildWorkload(spec, { seed, loadTrace });

test('pattern specs build the patterns with their parameters', () => {
  assert.is(rate(build({ type: 'steady', rps: 30, durationSeconds: 60 }), 10), 30);
  assert.is(rate(build({ type: 'gradual-ramp', fromRps: 0, toRps: 100, rampSeconds: 100, durationSeconds: 200 }), 25), 25);
  assert.is(rate(build({ type: 'sudden-spike', baseRps: 1, spikeRps: 9, spikeStartSeconds: 10, spikeSeconds: 5, durationSeconds: 60 }), 12), 9);
  assert.is(rate(build({ type: 'idle-bursty', burstRps: 7, cycleSeconds: 10, burstSeconds: 2, durationSeconds: 60 }), 11), 7);
  assert.ok(Math.abs(rate(build({ type: 'daily', meanRps: 10, amplitudeRps: 5, periodSeconds: 100, peakAtSeconds: 0, durationSeconds: 100 }), 50) - 5) < 1e-9);
  assert.ok(Math.abs(rate(build({ type: 'flash-crowd', baseRps: 0, peakRps: 10, startSeconds: 0, riseSeconds: 10, decaySeconds: 10, durationSeconds: 100 }), 20) - 10 / Math.E) < 1e-9);
  assert.is(build({ type: 'weekly', meanRps: 1, amplitudeRps: 0, durationSeconds: 10, name: 'wk' }).name, 'wk');
});

test('a thesis scenario spec accepts the thesis spelling and overrides', () => {
  const w = build({ type: 'scenario', scenario: 'Flash crowd', peakRps: 800, durationSeconds: 600 });
  assert.is(w.name, 'flash-crowd');
  assert.is(w.durationSeconds, 600);
  assert.ok(Math.abs(rate(w, 190) - 800) < 1e-9, 'peak at 0.3·600 + 600/60 = 190 s');
  assert.throws(() => build({ type: 'scenario', scenario: 'tsunami' }), /^workload\.scenario: got "tsunami", expected one of steady/);
});

test('compositions nest, and errors carry the full field path', () => {
  const spec: WorkloadSpec = {
    type: 'sum',
    of: [
      { type: 'steady', rps: 10, durationSeconds: 100 },
      { type: 'scaled', factor: 2, of: { type: 'shifted', startSeconds: 50, of: { type: 'steady', rps: 5, durationSeconds: 50 } } },
    ],
  };
  const w = build(spec);
  assert.is(rate(w, 10), 10);
  assert.is(rate(w, 60), 20);
  assert.is(w.durationSeconds, 100);
  assert.is(rate(build({ type: 'product', of: [{ type: 'steady', rps: 4, durationSeconds: 10 }, { type: 'steady', rps: 0.5, durationSeconds: 10 }] }), 1), 2);
  assert.throws(() => build({ type: 'sum', of: [{ type: 'steady', rps: 1, durationSeconds: 1 }, { type: 'steady', durationSeconds: 1 }] }), /^workload\.of\[1\]\.rps: got nothing \(missing\), expected a number ≥ 0 and ≤ 10000000$/);
  assert.throws(() => build({ type: 'sum', of: [] }), /^workload\.of: got \[\], expected a non-empty array/);
});

test('unknown types and fields are named with what is allowed', () => {
  assert.throws(() => build({ type: 'sine' }), /^workload\.type: got "sine", expected one of steady, gradual-ramp/);
  assert.throws(() => build({ type: 'steady', rps: 1, durationSeconds: 1, peakRPS: 3 }), /^workload\.peakRPS: got 3, expected no such field for type "steady"/);
  assert.throws(() => build(null), /^workload: got null, expected a workload spec object/);
  try {
    build({ type: 'steady', rps: 'many', durationSeconds: 1 });
    assert.unreachable('a string rate was accepted');
  } catch (err) {
    assert.instance(err, WorkloadSpecError);
    assert.is((err as WorkloadSpecError).field, 'workload.rps');
  }
});

test('noise is seeded by the build seed unless the spec gives one', () => {
  const spec = { type: 'noise', relativeSd: 0.3, of: { type: 'steady', rps: 100, durationSeconds: 100 } };
  const sample = (w: Workload) => Array.from({ length: 20 }, (_, t) => rate(w, t));
  assert.equal(sample(build(spec, 1)), sample(build(spec, 1)));
  assert.not.equal(sample(build(spec, 1)), sample(build(spec, 2)));
  assert.equal(sample(build({ ...spec, seed: 9 }, 1)), sample(build({ ...spec, seed: 9 }, 2)));
  assert.is.not(deriveSeed(1, 1), deriveSeed(1, 2), 'siblings get different streams');
});

test('trace specs use the loader they are given and pass the trace options on', () => {
  const seen: string[] = [];
  const loader = (file: string): Trace => {
    seen.push(file);
    return { name: 'fake', resolutionSeconds: 60, counts: [60, 600] };
  };
  const w = build({ type: 'trace', file: 'traces/fake.csv', peakRps: 20 }, 1, loader);
  assert.equal(seen, ['traces/fake.csv']);
  assert.is(w.name, 'trace:fake');
  assert.is(rate(w, 0), 2);
  assert.is(rate(w, 60), 20);
  assert.throws(() => build({ type: 'trace', file: 'x.csv' }), /^workload\.file: got "x\.csv", expected a trace loader/);
});

test('k6 specs take the options object or the script text', () => {
  const w = build({ type: 'k6', options: { stages: [{ duration: '30s', target: 10 }] }, thinkTimeSeconds: 2 });
  assert.is(w.kind, 'closed');
  if (w.kind === 'closed') {
    assert.is(w.thinkTimeSeconds, 2);
    assert.is(w.vusAt(15), 5);
  }
  const s = build({ type: 'k6', script: "export const options = { vus: 4, duration: '1m' };\nexport default function () { sleep(3); }" });
  if (s.kind === 'closed') assert.is(s.thinkTimeSeconds, 3);
  assert.is(s.kind, 'closed');
  assert.throws(() => build({ type: 'k6' }), /exactly one of `options`/);
  assert.throws(() => build({ type: 'k6', options: { stages: [{ duration: '1m', target: -1 }] } }), /^workload\.options\.stages\[0\]\.target: got -1/);
});

test('a spec survives a JSON round trip unchanged in behaviour', () => {
  const spec = { type: 'noise', relativeSd: 0.1, stepSeconds: 60, of: { type: 'scenario', scenario: 'daily-pattern' } };
  const a = build(spec, 3);
  const b = build(JSON.parse(JSON.stringify(spec)), 3);
  for (const t of [0, 61, 1800, 3599]) assert.is(rate(a, t), rate(b, t));
});
