import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { buildSummaryTable } from '../../../reports/tables/summary-table.ts';
import { makeRecord } from '../helpers/synthetic-records.ts';

// HPA P95 = 100, 200, 300, 400 ms; "fast" = 150, 250, 350, 450 → hand count: fast beats HPA in 6 of 16 pairs.
const hpa = [100, 200, 300, 400].map((v, i) => makeRecord('hpa', i + 1, { latencyP95Ms: v }, { withSeries: false }));
const fast = [150, 250, 350, 450].map((v, i) => makeRecord('fast', i + 1, { latencyP95Ms: v }, { withSeries: false }));

test('the summary shows the IQM per autoscaler and the probability of improving on the HPA', () => {
  const t = buildSummaryTable([...hpa, ...fast], { resamples: 200 });
  const row = t.rows.find((r) => r[0] === 'fast')!;
  // IQM of 150, 250, 350, 450 = mean of 250, 350 = 300.
  assert.ok(row[1].startsWith('300.0 ['), row[1]);
  // P(fast lower than HPA): pairs (150<200,300,400), (250<300,400), (350<400) = 6 of 16.
  assert.is(row[2], (6 / 16).toFixed(2));
  assert.is(t.rows.find((r) => r[0] === 'hpa')![2], '—');
});
