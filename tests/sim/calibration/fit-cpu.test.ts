// The CPU fit on hand-made minutes: least squares through the origin, the idle-CPU model, and which minutes count.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { fitCpuPerRequest, cpuFitPoints } from '../../../sim/calibration/fit-cpu.ts';
import { defaultFitOptions } from '../../../sim/calibration/fit-types.ts';
import { runViews } from '../../../sim/calibration/minutes.ts';
import { seriesRecord } from './helpers/series-record.ts';

const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

// cores = 0.02 × pods + 0.004 × rps (idle CPU per pod), and one CPU-bound minute (0.5 cores on one pod = its limit).
const idle = seriesRecord({ rps: [10, 40, 30, 20, 100], readyPods: [1, 2, 3, 2, 1], cores: [0.06, 0.2, 0.18, 0.12, 0.5] });

test('the through-origin slope is Σxy/Σx² over the minutes below the CPU limit (hand value 16.4/3000)', () => {
  const f = fitCpuPerRequest(runViews([idle]), defaultFitOptions);
  assert.ok(f.identifiable);
  if (!f.identifiable) return;
  // Σxy = 10·0.06 + 40·0.2 + 30·0.18 + 20·0.12 = 16.4; Σx² = 3000.
  close(f.estimate, 16.4 / 3000);
  assert.is(f.minutesUsed, 4);
  // The idle-CPU model recovers both terms exactly.
  close(f.details!.interceptModelCoresPerPod as number, 0.02, 1e-9);
  close(f.details!.interceptModelCoreSecondsPerRequest as number, 0.004, 1e-9);
  // One run: no bootstrap over runs, and the output says so.
  assert.is(f.ci, null);
  assert.match(f.error ?? '', /one run/);
});

test('minutes at the CPU limit, over the SLA, or without load or pods are not used', () => {
  const r = seriesRecord({ rps: [50, 60, 0, 70, 80], readyPods: [1, 1, 1, 0, 2], cores: [0.25, 0.3, 0, 0, 0.4], latencyP95Ms: [50, 250, 50, 50, 50] });
  // Minute 1 is over the 200 ms SLA, 2 has no load, 3 no pods: minutes 0 and 4 remain.
  assert.equal(cpuFitPoints(runViews([r])).map((p) => p.minute), [0, 4]);
});

test('two runs give a bootstrap CI that contains the estimate; one rate only is not identifiable', () => {
  const a = seriesRecord({ rps: [10, 20, 30], readyPods: [1, 1, 1] }, {}, 1);
  const b = seriesRecord({ rps: [15, 25], readyPods: [1, 1], cores: [0.09, 0.15] }, {}, 2);
  const f = fitCpuPerRequest(runViews([a, b]), { ...defaultFitOptions, resamples: 200 });
  assert.ok(f.identifiable && f.ci !== null);
  if (!f.identifiable || !f.ci) return;
  // Run a: 0.005 core-s per request, run b: 0.006; every resample's slope lies between them.
  assert.ok(f.ci[0] >= 0.005 - 1e-12 && f.ci[1] <= 0.006 + 1e-12 && f.ci[0] <= f.estimate && f.estimate <= f.ci[1]);
  const flat = fitCpuPerRequest(runViews([seriesRecord({ rps: [10, 10], readyPods: [1, 1] })]), defaultFitOptions);
  assert.is(flat.identifiable, false);
});
