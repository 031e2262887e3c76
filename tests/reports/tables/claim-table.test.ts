import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { buildClaimTable, buildT3 } from '../../../reports/tables/claim-table.ts';
import { T1, T2 } from '../../../reports/tables/claims.ts';
import { makeRecord } from '../helpers/synthetic-records.ts';

const seeds = [1, 2, 3, 4, 5];
// Hand-made: HPA P95 350 ms, efficiency 65 %, cost 10; hybrid P95 180 ms, efficiency 90 %, cost 8 (−20 %).
const hpa = seeds.map((s) => makeRecord('hpa', s, { latencyP95Ms: 350, resourceEfficiency: 0.65, costUsd: 10, scalingLatencyMeanSeconds: 30 }, { withSeries: false }));
const hybrid = seeds.map((s) => makeRecord('hybrid', s, { latencyP95Ms: 180, resourceEfficiency: 0.9, costUsd: 8, scalingLatencyMeanSeconds: 20 }, { withSeries: false }));
const cell = (rows: string[][], columns: string[], rowLabel: string, col: number): string => rows.find((r) => r[0] === rowLabel)![col];

test('T3 keeps the thesis layout: metric rows, HPA and RL columns with thesis | ours | verdict, plus the change', () => {
  const t = buildT3([...hpa, ...hybrid], { resamples: 200 });
  assert.equal(t.rows.map((r) => r[0]), ['latency P95', 'resource efficiency', 'scaling latency', 'cost']);
  assert.is(t.columns.length, 10);
});

test('T3 verdicts follow the CI rule on hand-made records', () => {
  const t = buildT3([...hpa, ...hybrid], { resamples: 200 });
  // latency P95: HPA exactly 350 (contains 350), RL exactly 180, change (180−350)/350 = −48.6 % = the claim.
  assert.is(cell(t.rows, t.columns, 'latency P95', 3), 'reproduced');
  assert.is(cell(t.rows, t.columns, 'latency P95', 6), 'reproduced');
  assert.is(cell(t.rows, t.columns, 'latency P95', 9), 'reproduced');
  // efficiency: RL 90 % beats the claimed 87 % in the claimed (higher) direction.
  assert.is(cell(t.rows, t.columns, 'resource efficiency', 6), 'reproduced');
  // scaling latency: RL 20 s vs claimed 8 s → not reproduced; change −33 % vs claimed −73 % → same sign only.
  assert.is(cell(t.rows, t.columns, 'scaling latency', 6), 'not reproduced');
  assert.is(cell(t.rows, t.columns, 'scaling latency', 9), 'not reproduced (same direction)');
  // cost: −20 % does not reach the claimed −30 %.
  assert.is(cell(t.rows, t.columns, 'cost', 8), '-20.0 [-20.0, -20.0] %');
  assert.is(cell(t.rows, t.columns, 'cost', 9), 'not reproduced (same direction)');
});

test("a baseline value (the HPA's claimed 350 ms) is reproduced only by containment: a better HPA does not confirm it", () => {
  const fastHpa = seeds.map((s) => makeRecord('hpa-70', s, { latencyP95Ms: 46 + s }, { withSeries: false }));
  const t = buildT3(fastHpa, { resamples: 100 });
  assert.is(cell(t.rows, t.columns, 'latency P95', 3), 'not reproduced');
});

test('a metric undefined in every run (no under-provisioning episode) is "not comparable", with the reason', () => {
  const t = buildT3(seeds.map((s) => makeRecord('hpa', s, { scalingLatencyMeanSeconds: null }, { withSeries: false })), { resamples: 100 });
  assert.is(cell(t.rows, t.columns, 'scaling latency', 2), 'undefined in all 5 runs');
  assert.is(cell(t.rows, t.columns, 'scaling latency', 3), 'not comparable');
  assert.ok(t.notes.some((n) => n.includes('no under-provisioning episode')));
});

test('small values get enough decimals to show three significant digits', () => {
  const t = buildT3(seeds.map((s) => makeRecord('hpa', s, { costUsd: 0.0123 }, { withSeries: false })), { resamples: 100 });
  assert.is(cell(t.rows, t.columns, 'cost', 2), '0.0123 [0.0123, 0.0123] $');
});

test('rows whose autoscaler has no records say "not available" and never show a number', () => {
  const t = buildClaimTable(T1, [...hpa, ...hybrid], { resamples: 100 });
  for (const row of t.rows) {
    for (let i = 2; i < row.length; i += 3) assert.is(row[i], 'not available', `${row[0]} / ${t.columns[i - 1]}`);
  }
});

test('absolute SLA counts and dollar totals are "not comparable" with the reason in the notes', () => {
  const records = [...hybrid, ...seeds.map((s) => makeRecord('hybrid-constrained', s, { costUsd: (8 * 640) / 529 + (s - 3) * 0.01 }, { withSeries: false }))];
  const t = buildClaimTable(T2, records, { resamples: 100 });
  const row = t.rows.find((r) => r[0] === 'Lagrangian, δ = 0.15')!;
  assert.is(row[t.columns.indexOf('cost: thesis') + 2], 'not comparable');
  assert.ok(t.notes.some((n) => n.startsWith('not comparable:') && n.includes('dollar')));
  // cost +21.0 % claimed (640/529); ours 8·640/529 ± a little around it → the CI contains the claim.
  assert.is(row[t.columns.indexOf('cost vs unconstrained: thesis') + 2], 'reproduced');
});

test('a NaN metric and a seed missing for one autoscaler mark the comparison incomplete and name the run', () => {
  const withNaN = [...hpa, ...hybrid.slice(0, 4), makeRecord('hybrid', 5, { latencyP95Ms: NaN }, { withSeries: false })];
  const t = buildT3(withNaN, { resamples: 100 });
  assert.match(cell(t.rows, t.columns, 'latency P95', 6), /incomplete/);
  assert.ok(t.incomplete.some((p) => p.includes('seed 5') && p.includes('NaN')), t.incomplete.join('\n'));
  const missing = buildT3([...hpa, ...hybrid.slice(0, 3)], { resamples: 100 });
  assert.match(cell(missing.rows, missing.columns, 'cost', 9), /incomplete/);
  assert.ok(missing.incomplete.some((p) => p.includes('seed 4') && p.includes('hybrid has none')), missing.incomplete.join('\n'));
});

test('a claimed deterioration (PPO "+98 % cost") is reproduced only when our CI contains it, not when we do better', () => {
  const records = [
    ...seeds.map((s) => makeRecord('rule-based', s, { costUsd: 10 }, { withSeries: false })),
    ...seeds.map((s) => makeRecord('ppo', s, { costUsd: 12 }, { withSeries: false })),
  ];
  const t = buildClaimTable(T1, records, { resamples: 100 });
  const row = t.rows.find((r) => r[0] === 'PPO (proactive)')!;
  const col = t.columns.indexOf('cost vs rule-based: thesis');
  assert.is(row[col], '+98.0 %');
  assert.is(row[col + 1], '20.0 [20.0, 20.0] %');
  assert.is(row[col + 2], 'not reproduced (same direction)');
});

test('resource efficiency above 100 % (pods past their CPU request) does not "beat" the claimed 87 % or +33.8 %', () => {
  const bursting = seeds.map((s) => makeRecord('hybrid', s, { latencyP95Ms: 180, resourceEfficiency: 1.11, costUsd: 8, scalingLatencyMeanSeconds: 20 }, { withSeries: false }));
  const t = buildT3([...hpa, ...bursting], { resamples: 200 });
  assert.is(cell(t.rows, t.columns, 'resource efficiency', 5), '111.0 [111.0, 111.0] %');
  assert.is(cell(t.rows, t.columns, 'resource efficiency', 6), 'not reproduced');
  // Change (111 − 65)/65 = +70.8 %: same sign as the claimed +33.8 %, but not contained.
  assert.is(cell(t.rows, t.columns, 'resource efficiency', 8), '70.8 [70.8, 70.8] %');
  assert.is(cell(t.rows, t.columns, 'resource efficiency', 9), 'not reproduced (same direction)');
  assert.ok(t.notes.some((n) => n.includes('past their CPU request')));
});
