// The same cells on two backends: pairing by cell and configuration, differences by hand, the "disagree" rule.
import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { buildCompareTable, compareChart, compareMetrics, pairCells } from '../../../reports/backend-compare/index.ts';
import { makeRecord } from '../helpers/synthetic-records.ts';

const names = { a: 'emulated', b: 'sim' };
const rec = (autoscaler: string, seed: number, hash: string, backend: string, metrics = {}) => {
  const r = makeRecord(autoscaler, seed, metrics);
  r.config = { hash };
  r.backend = backend as never;
  return r;
};

test('cells pair by scenario/autoscaler/seed with the same config hash; the rest is named, not compared', () => {
  const a = [rec('hpa-70', 1, 'h1', 'emulated'), rec('hybrid', 1, 'h2', 'emulated'), rec('dqn', 1, 'h3', 'emulated')];
  const b = [rec('hpa-70', 1, 'h1', 'sim'), rec('hybrid', 1, 'other', 'sim'), rec('ppo', 1, 'h4', 'sim')];
  const { pairs, unpaired } = pairCells(a, b, names);
  assert.equal(pairs.map((p) => p.key), ['spike/hpa-70/1']);
  assert.equal(unpaired, [
    'spike/hybrid/1: another configuration in each (config hash h2 in emulated, other in sim)',
    'spike/dqn/1: only in emulated',
    'spike/ppo/1: only in sim',
  ]);
});

test('differences are (b − a)/a; above the threshold a metric disagrees, values near zero never do', () => {
  const a = [rec('hpa-70', 1, 'h', 'emulated', { requests: 5040, costUsd: 0.002, meanPods: 2, slaViolationRateRequests: 0.004, scalingActionsPerHour: 0 })];
  const b = [rec('hpa-70', 1, 'h', 'sim', { requests: 5000, costUsd: 0.003, meanPods: 2.2, slaViolationRateRequests: 0.008, scalingActionsPerHour: 0.5 })];
  const rows = compareMetrics(pairCells(a, b, names).pairs, 0.2);
  const by = Object.fromEntries(rows.map((r) => [r.metric, r]));
  assert.ok(Math.abs(by.requests.relative! - (5000 - 5040) / 5040) < 1e-12);
  assert.is(by.requests.disagree, false);
  assert.ok(Math.abs(by.costUsd.relative! - 0.5) < 1e-12);
  assert.is(by.costUsd.disagree, true);
  assert.ok(Math.abs(by.meanPods.relative! - 0.1) < 1e-12);
  assert.is(by.meanPods.disagree, false);
  // 0.4 % vs 0.8 % violating: +100 %, but both under 1 %: not a disagreement.
  assert.is(by.slaViolationRateRequests.disagree, false);
  // 0 → 0.5 actions/h: relative undefined, both under 1/h.
  assert.is(by.scalingActionsPerHour.relative, null);
  assert.is(by.scalingActionsPerHour.disagree, false);
  const table = buildCompareTable(rows, names, 0.2);
  const costRow = table.rows.find((r) => r[1] === 'cost (USD)')!;
  assert.equal(costRow, ['spike/hpa-70/1', 'cost (USD)', '0.00200', '0.00300', '+50.0 %', 'disagree']);
  assert.equal(table.rows.find((r) => r[1] === 'requests'), ['spike/hpa-70/1', 'requests', '5,040', '5,000', '-0.8 %', '']);
});

test('the chart overlays both backends\' series per cell (an SVG with both legend entries)', async () => {
  const pairs = pairCells([rec('hpa-70', 1, 'h', 'emulated')], [rec('hpa-70', 1, 'h', 'sim')], names).pairs;
  const chart = await compareChart(pairs, names);
  assert.ok(chart);
  assert.match(chart!.svg, /^<svg/);
  assert.match(chart!.svg, />emulated</);
  assert.match(chart!.svg, />sim</);
  assert.match(chart!.svg, /desired replicas/);
});
