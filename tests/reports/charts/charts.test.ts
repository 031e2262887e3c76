import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { paretoFront, latencyCdfPoints } from '../../../reports/charts/chart-data.ts';
import { learningCurveChart, paretoChart, timeSeriesChart } from '../../../reports/charts/charts.ts';
import { makeRecord } from '../helpers/synthetic-records.ts';

test('the Pareto front keeps exactly the points no other point beats on both cost and violations', () => {
  const pts = [
    { id: 'a', cost: 1, violation: 5 },
    { id: 'b', cost: 2, violation: 3 },
    { id: 'c', cost: 3, violation: 4 }, // dominated by b
    { id: 'd', cost: 4, violation: 1 },
  ];
  assert.equal(paretoFront(pts).map((p) => p.id), ['a', 'b', 'd']);
});

test('the latency CDF pools histogram counts over seeds and ends at 1', () => {
  const a = makeRecord('hpa', 1);
  const b = makeRecord('hpa', 2);
  a.latencyHistogram = { boundsMs: [100, 200], counts: [1, 1] };
  b.latencyHistogram = { boundsMs: [100, 200], counts: [3, 0] };
  assert.equal(latencyCdfPoints([a, b]).map((p) => p.cumulative), [0.8, 1]);
});

test('an overflow bucket after the last bound counts in the total, and flat ends are trimmed', () => {
  const a = makeRecord('hpa', 1);
  a.latencyHistogram = { boundsMs: [10, 100, 200, 500], counts: [0, 2, 1, 0, 1] };
  // total 4: ≤10 → 0 (kept once), ≤100 → 0.5, ≤200 → 0.75, ≤500 → 0.75; the overflow request never reaches 1.
  assert.equal(latencyCdfPoints([a]).map((p) => [p.latencyMs, p.cumulative]), [[10, 0], [100, 0.5], [200, 0.75], [500, 0.75]]);
  a.latencyHistogram = { boundsMs: [1, 10, 100, 200, 500], counts: [0, 0, 2, 2, 0, 0] };
  assert.equal(latencyCdfPoints([a]).map((p) => p.latencyMs), [10, 100, 200]);
});

test('charts render to SVG with the autoscaler names drawn', async () => {
  const recs = [makeRecord('hpa', 1, { costUsd: 1 }), makeRecord('hybrid', 1, { costUsd: 2, slaViolationRateRequests: 0.01 })];
  const pareto = await paretoChart(recs);
  assert.ok(pareto!.svg.startsWith('<svg'));
  assert.ok(pareto!.svg.includes('>hybrid<'));
  const ts = await timeSeriesChart(recs);
  assert.ok(ts!.svg.includes('ready pods'));
});

test('charts without data are left out (null) instead of drawing an empty frame', async () => {
  assert.is(await learningCurveChart([]), null);
  assert.is(await timeSeriesChart([makeRecord('hpa', 1, {}, { withSeries: false })]), null);
});
