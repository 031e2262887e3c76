import { test } from 'node:test';
import * as assert from 'uvu/assert';
import {
  runThesisStudy,
  THESIS_PER_TRACE_CSV_HEADER,
  thesisPerTraceCsv,
  type ThesisStudyRow,
  type ThesisTraceMetrics,
} from '../../../sim/thesis/index.ts';

const rows = runThesisStudy();

type Metric = Exclude<keyof ThesisTraceMetrics, 'maxPods'>;
// The thesis's table T4 (means over the 30 traces), as printed: [metric, HPA, "Hybrid" (the threshold rule), decimals].
const T4: Array<[Metric, number, number, number]> = [
  ['meanResponseTimeMs', 106.78, 101.62, 2],
  ['medianResponseTimeMs', 100.0, 100.0, 2],
  ['p95ResponseTimeMs', 137.45, 110.49, 2],
  ['meanCpuPct', 65.78, 60.55, 2],
  ['totalCost', 77.0, 83.87, 2],
  ['slaViolationRatePct', 0.173, 0.068, 3],
  ['meanPods', 5.35, 5.82, 2],
];

function meanOver(controller: ThesisStudyRow['controller'], metric: Metric): number {
  const selected = rows.filter((r) => r.controller === controller);
  return selected.reduce((s, r) => s + r[metric], 0) / selected.length;
}

for (const [metric, hpa, threshold, decimals] of T4) {
  test(`T4 ${metric}: HPA ${hpa.toFixed(decimals)} and threshold rule ${threshold.toFixed(decimals)} as published`, () => {
    assert.is(meanOver('hpa', metric).toFixed(decimals), hpa.toFixed(decimals));
    assert.is(meanOver('thesis-threshold', metric).toFixed(decimals), threshold.toFixed(decimals));
  });
}

test('the study has one row per trace and controller, seeds 1000…1029, HPA first', () => {
  assert.is(rows.length, 60);
  assert.equal(
    rows.slice(0, 4).map((r) => `${r.seed}/${r.controller}`),
    ['1000/hpa', '1000/thesis-threshold', '1001/hpa', '1001/thesis-threshold'],
  );
  assert.is(rows[59].seed, 1029);
});

test('pod counts stay within [1, 50] and the SLA rate is a percentage', () => {
  for (const r of rows) {
    assert.ok(r.meanPods >= 1 && r.maxPods <= 50 && Number.isInteger(r.maxPods), `${r.seed}/${r.controller}`);
    assert.ok(r.slaViolationRatePct >= 0 && r.slaViolationRatePct <= 100);
  }
});

test('the per-trace CSV has the exact header and one full-precision line per row', () => {
  const csv = thesisPerTraceCsv(rows);
  const lines = csv.trimEnd().split('\n');
  assert.is(
    lines[0],
    'seed,controller,mean_response_time_ms,median_response_time_ms,p95_response_time_ms,mean_cpu_pct,total_cost,sla_violation_rate_pct,mean_pods,max_pods',
  );
  assert.is(THESIS_PER_TRACE_CSV_HEADER, lines[0]);
  assert.is(lines.length, 61);
  assert.ok(csv.endsWith('\n'));
  const fields = lines[2].split(',');
  assert.is(fields[0], '1000');
  assert.is(fields[1], 'thesis-threshold');
  const values = fields.slice(2).map(Number);
  const r = rows[1];
  assert.equal(values, [
    r.meanResponseTimeMs,
    r.medianResponseTimeMs,
    r.p95ResponseTimeMs,
    r.meanCpuPct,
    r.totalCost,
    r.slaViolationRatePct,
    r.meanPods,
    r.maxPods,
  ]);
});

test('a seed subset runs only those traces, and repeated runs are identical', () => {
  const two = runThesisStudy([1005, 1017]);
  assert.equal(
    two.map((r) => r.seed),
    [1005, 1005, 1017, 1017],
  );
  assert.equal(two, rows.filter((r) => r.seed === 1005 || r.seed === 1017));
});
