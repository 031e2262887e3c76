import { test } from 'node:test';
import * as assert from 'uvu/assert';
import { formatSummaryTable, summarizeRecords } from '../../experiments/summary.ts';
import { record } from './helpers/record.ts';

test('summary: one row per (scenario, autoscaler) in first-seen order, each value the mean over seeds', () => {
  const rows = summarizeRecords([
    record({ scenario: 'spike', autoscaler: 'hpa', seed: 1 }, { slaViolationRateRequests: 0.1, latencyP95Ms: 100, costUsd: 1, meanPods: 2 }),
    record({ scenario: 'spike', autoscaler: 'kpa', seed: 1 }, { slaViolationRateRequests: 0, latencyP95Ms: 50, costUsd: 3, meanPods: 6 }),
    record({ scenario: 'spike', autoscaler: 'hpa', seed: 2 }, { slaViolationRateRequests: 0.3, latencyP95Ms: 300, costUsd: 2, meanPods: 4 }),
  ]);
  assert.is(rows.length, 2);
  assert.equal({ ...rows[0], slaViolationPct: Math.round(rows[0].slaViolationPct * 1e9) / 1e9 }, {
    scenario: 'spike', autoscaler: 'hpa', seeds: 2, slaViolationPct: 20, latencyP95Ms: 200, costUsd: 1.5, meanPods: 3,
  });
  assert.is(rows[1].autoscaler, 'kpa');
});

test('summary: the table has a header, a rule and right-aligned numbers in aligned columns', () => {
  const text = formatSummaryTable(summarizeRecords([
    record({ scenario: 'a-long-scenario', autoscaler: 'hpa' }, { slaViolationRateRequests: 0.0123, latencyP95Ms: 95.25, costUsd: 0.5, meanPods: 12.5 }),
    record({ scenario: 'b', autoscaler: 'predictive' }, { slaViolationRateRequests: 0, latencyP95Ms: 1200, costUsd: 12.25, meanPods: 3 }),
  ]));
  const lines = text.split('\n');
  assert.is(lines.length, 4);
  assert.match(lines[0], /^scenario\s+autoscaler\s+seeds\s+SLA viol %\s+P95 ms\s+cost \$\s+pods$/);
  assert.match(lines[2], /^a-long-scenario  hpa\s+1\s+1\.23\s+95\.3\s+0\.5000\s+12\.50$/);
  assert.is(lines[2].length, lines[3].length, 'rows are equally wide');
  assert.is(lines[2].indexOf('12.50') + 5, lines[3].indexOf(' 3.00') + 5, 'numbers end in the same column');
});
