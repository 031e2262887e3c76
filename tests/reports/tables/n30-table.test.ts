import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { buildN30Table, T4_PUBLISHED, type N30Row } from '../../../reports/tables/n30-table.ts';

// Rows whose means equal the published T4 exactly: each trace = published mean ± a symmetric offset.
function rowsAt(shift = 0): N30Row[] {
  const rows: N30Row[] = [];
  for (let i = 0; i < 30; i++) {
    const wiggle = (i % 2 === 0 ? 1 : -1) * (1 + (i % 5)) * 0.01;
    const make = (controller: string, pick: 'hpa' | 'other', extra: number): N30Row => {
      const v = (field: string): number => T4_PUBLISHED.find((p) => p.field === field)![pick] + wiggle + extra;
      return { seed: 1000 + i, controller, meanResponseTimeMs: v('meanResponseTimeMs'), medianResponseTimeMs: v('medianResponseTimeMs'), p95ResponseTimeMs: v('p95ResponseTimeMs'), meanCpuPct: v('meanCpuPct'), totalCost: v('totalCost'), slaViolationRatePct: v('slaViolationRatePct') / 10 + 0.9 * T4_PUBLISHED[5][pick], meanPods: v('meanPods'), maxPods: 10 };
    };
    rows.push(make('hpa', 'hpa', 0), make('thesis-threshold', 'other', shift));
  }
  return rows;
}

test('T4 says "reproduced" when both means equal the published ones at printed precision', () => {
  const t = buildN30Table(rowsAt(0), { resamples: 200 });
  const mean = t.rows.find((r) => r[0] === 'mean response time (ms)')!;
  assert.is(mean[1], '106.78');
  assert.is(mean[2], '106.78');
  assert.is(mean[4], '101.62');
  assert.is(mean[12], 'reproduced');
});

test('a 0.01 shift in one controller\'s mean flips the verdict to "not reproduced"', () => {
  const t = buildN30Table(rowsAt(0.01), { resamples: 200 });
  assert.is(t.rows.find((r) => r[0] === 'P95 response time (ms)')![12], 'not reproduced');
});

test('a seed present for one controller only is refused with the seed named', () => {
  const rows = rowsAt(0).filter((r) => !(r.seed === 1007 && r.controller === 'thesis-threshold'));
  assert.throws(() => buildN30Table(rows, { resamples: 10 }), /1007/);
});
