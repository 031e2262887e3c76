// calibratePlant on simulator records from a plant with known non-default parameters: it must give them back
// within tolerances that follow from what the records can show.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { calibratePlant, CalibrationInputError } from '../../../sim/calibration/index.ts';
import { defaultPlantConfig } from '../../../sim/config.ts';
import { BURSTS, STEADY_LOW, TRUTH, knownPlantRecords } from './helpers/known-plant.ts';
import { seriesRecord } from './helpers/series-record.ts';

const records = await knownPlantRecords(BURSTS, [1, 2, 3]);
const result = calibratePlant(records, { resamples: 500 });
const fitted = (name: keyof typeof result.fit) => {
  const f = result.fit[name];
  if (!f.identifiable) throw new Error(`${name} not identified: ${f.why}`);
  return f;
};

test('CPU per request comes back within 1 % (below the CPU limit the plant burns exactly cost × served requests)', () => {
  const f = fitted('cpuPerRequestCoreSeconds');
  assert.ok(Math.abs(f.estimate / TRUTH.cpuPerRequestCoreSeconds - 1) < 0.01, String(f.estimate));
  assert.ok(f.ci !== null && f.ci[0] <= f.estimate && f.estimate <= f.ci[1]);
  assert.is(f.recordsUsed, 3);
  assert.is(result.plant.cpuPerRequestCoreSeconds, f.estimate);
  assert.is(result.sources.cpuPerRequestCoreSeconds, 'fitted');
});

test('the base service time comes back within 2.5 % (the fit inverts the plant’s own latency model, histogram binning included)', () => {
  const f = fitted('baseServiceTimeMs');
  assert.ok(Math.abs(f.estimate / TRUTH.baseServiceTimeMs - 1) < 0.025, String(f.estimate));
  assert.is(result.plant.baseServiceTimeMs, f.estimate);
});

test('the start-up median comes back within the one-minute resolution (mean lag ±30 s → median ±28.2 s), and the truth lies in the stated bounds', () => {
  const lag = fitted('readyLagSeconds');
  // True mean desired → Ready lag: scheduling 1 s + 45 s × exp(0.35²/2) + readiness 5 s = 53.84 s.
  const trueLag = 1 + TRUTH.startupMedianSeconds * Math.exp(0.35 ** 2 / 2) + 5;
  assert.ok(Math.abs(trueLag - 53.842) < 0.001);
  assert.ok(Math.abs(lag.estimate - trueLag) <= 30, String(lag.estimate));
  const bounds = lag.details!.resolutionBoundsSeconds as [number, number];
  assert.ok(bounds[0] <= trueLag && trueLag <= bounds[1], JSON.stringify(bounds));
  const median = fitted('startupMedianSeconds');
  assert.ok(Math.abs(median.estimate - TRUTH.startupMedianSeconds) <= 30 / Math.exp(0.35 ** 2 / 2), String(median.estimate));
  // The default (8 s) would be far outside: the fit sees the slow start-up.
  assert.ok(median.estimate > 2 * defaultPlantConfig.startupMedianSeconds);
  assert.is(result.sources.startupMedianSeconds, 'fitted');
});

test('per-pod capacity matches the hand value for the true plant within 1 %', () => {
  // μ = 0.5 / 0.008 = 62.5 req/s; fixed delay 40 − 16 = 24 ms; P95 of one pod = 24 + 1000·ln 20/(μ − λ) = 200 ms
  // → λ = 62.5 − 2995.73 / 176 = 45.479 req/s.
  const f = fitted('podCapacityRps');
  assert.ok(Math.abs(f.estimate / 45.479 - 1) < 0.01, String(f.estimate));
});

test('the metrics lag is reported as not identifiable and the plant keeps the default for it', () => {
  const f = result.fit.metricsLagSeconds;
  assert.is(f.identifiable, false);
  assert.match(!f.identifiable ? f.why : '', /one-minute series/);
  assert.is(result.plant.metricsLagSeconds, defaultPlantConfig.metricsLagSeconds);
  assert.is(result.sources.metricsLagSeconds, 'default');
  // Settings come from the records, not the defaults: the experiment set maxReplicas = 30.
  assert.is(result.plant.maxReplicas, 30);
  assert.is(result.sources.maxReplicas, 'records');
});

test('records without a scaling event report the start-up as not identifiable and keep the default', async () => {
  const steady = await knownPlantRecords(STEADY_LOW, [1, 2]);
  assert.ok(steady.every((r) => new Set(r.series!.desiredReplicas).size === 1), 'the HPA scaled: the fixture is wrong');
  const r = calibratePlant(steady, { resamples: 100 });
  for (const name of ['readyLagSeconds', 'startupMedianSeconds'] as const) {
    const f = r.fit[name];
    assert.is(f.identifiable, false);
    assert.match(!f.identifiable ? f.why : '', /no scaling event/);
  }
  assert.is(r.plant.startupMedianSeconds, defaultPlantConfig.startupMedianSeconds);
  assert.is(r.sources.startupMedianSeconds, 'default');
});

test('the same records and seed give the same result (the bootstrap RNG is the only randomness)', () => {
  assert.equal(calibratePlant(records, { resamples: 500 }), result);
});

test('records without series, or of services with different CPU limits, are refused with the reason', () => {
  const noSeries = { ...records[0], series: undefined };
  assert.throws(() => calibratePlant([noSeries]), (e: unknown) => e instanceof CalibrationInputError && /none of the 1 records has per-minute series/.test((e as Error).message));
  const a = seriesRecord({ rps: [10, 20], readyPods: [1, 1] });
  const b = seriesRecord({ rps: [10, 20], readyPods: [1, 1] }, { cpuLimitMilli: 1000 }, 2);
  assert.throws(() => calibratePlant([a, b]), (e: unknown) => /records disagree on plant\.cpuLimitMilli \(500 in record 1, 1000 in record 2\)/.test((e as Error).message));
});
