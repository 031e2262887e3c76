// Scale-up windows and the desired → Ready lag on hand-made one-minute series.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { fitStartup, meanLagSeconds, scaleUpWindows } from '../../../sim/calibration/fit-startup.ts';
import { defaultFitOptions } from '../../../sim/calibration/fit-types.ts';
import { runViews } from '../../../sim/calibration/minutes.ts';
import { seriesRecord } from './helpers/series-record.ts';

const split = { schedulingDelaySeconds: 1, readinessDelaySeconds: 5, startupSigma: 0 };

// desired 2 → 4 in minute 2; Ready averages 2.5 and 3.5 in minutes 2 and 3, 4 from minute 4.
const up = seriesRecord({ rps: [1, 1, 1, 1, 1, 1], readyPods: [2, 2, 2.5, 3.5, 4, 4], desiredReplicas: [2, 2, 4, 4, 4, 4] });

test('one window: area (4 − 2.5 + 4 − 3.5) × 60 = 120 pod-s for 2 pods → 60 s, minus half a minute = 30 s', () => {
  const { windows, rises } = scaleUpWindows(runViews([up]));
  assert.is(rises, 1);
  assert.equal(windows, [{ run: 0, startMinute: 2, endMinute: 3, addedPods: 2, deficitPodSeconds: 120 }]);
  assert.is(meanLagSeconds(windows), 30);
  const { readyLag, startupMedian } = fitStartup(runViews([up]), split, defaultFitOptions);
  assert.ok(readyLag.identifiable && startupMedian.identifiable);
  if (!readyLag.identifiable || !startupMedian.identifiable) return;
  assert.equal(readyLag.details!.resolutionBoundsSeconds, [0, 60]);
  // σ = 0: the median is the mean; 30 − 1 − 5 = 24 s.
  assert.is(startupMedian.estimate, 24);
});

test('a scale-down before Ready catches up, or the end of the run, leaves no usable window', () => {
  const down = seriesRecord({ rps: [1, 1, 1, 1, 1], readyPods: [3, 3, 3, 4, 2], desiredReplicas: [3, 3, 5, 5, 2] });
  const cut = seriesRecord({ rps: [1, 1, 1], readyPods: [2, 2, 2.5], desiredReplicas: [2, 2, 4] });
  const r = fitStartup(runViews([down, cut]), split, defaultFitOptions);
  assert.is(r.startupMedian.identifiable, false);
  assert.match(!r.startupMedian.identifiable ? r.startupMedian.why : '', /2 rise\(s\) of desired replicas, none/);
});

test('a rise that does not start from a settled minute is skipped; constant desired replicas say "no scaling event"', () => {
  const unsettled = seriesRecord({ rps: [1, 1, 1, 1], readyPods: [1.5, 2, 3, 3], desiredReplicas: [2, 3, 3, 3] });
  assert.equal(scaleUpWindows(runViews([unsettled])).windows, []);
  const flat = fitStartup(runViews([seriesRecord({ rps: [1, 1], readyPods: [2, 2] })]), split, defaultFitOptions);
  assert.match(!flat.readyLag.identifiable ? flat.readyLag.why : '', /no scaling event/);
});

test('a lag shorter than scheduling + readiness cannot be split: the lag is identified, the start-up median is not', () => {
  // Area 2 × 60 × 0.5 = 60 pod-s for 2 pods → 30 s − 30 s = 0 s < 1 + 5 s.
  const fast = seriesRecord({ rps: [1, 1, 1, 1], readyPods: [2, 2, 3, 4], desiredReplicas: [2, 2, 4, 4] });
  const r = fitStartup(runViews([fast]), split, defaultFitOptions);
  assert.ok(r.readyLag.identifiable);
  assert.is(r.startupMedian.identifiable, false);
});
