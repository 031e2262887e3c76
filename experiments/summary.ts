// The end-of-run summary: one row per (scenario, autoscaler), means over seeds, as an aligned text table or JSON.
import type { RunRecord } from '../lib/ports.ts';
import { mean as ssMean } from 'simple-statistics';

/** One summary row; every value is the mean over the row's seeds. */
export interface SummaryRow {
  scenario: string;
  autoscaler: string;
  seeds: number;
  /** Requests violating the SLA (failed or slower than slaLatencyMs), percent. */
  slaViolationPct: number;
  latencyP95Ms: number;
  costUsd: number;
  meanPods: number;
}

/** Use after a run: rows in the order the records first name each (scenario, autoscaler). */
export function summarizeRecords(records: readonly RunRecord[]): SummaryRow[] {
  const groups = new Map<string, RunRecord[]>();
  for (const r of records) {
    const key = `${r.scenario}\u0000${r.autoscaler}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].map((rs) => {
    const mean = (f: (r: RunRecord) => number) => ssMean(rs.map(f));
    return {
      scenario: rs[0].scenario,
      autoscaler: rs[0].autoscaler,
      seeds: rs.length,
      slaViolationPct: mean((r) => r.metrics.slaViolationRateRequests * 100),
      latencyP95Ms: mean((r) => r.metrics.latencyP95Ms),
      costUsd: mean((r) => r.metrics.costUsd),
      meanPods: mean((r) => r.metrics.meanPods),
    };
  });
}

/** Renders rows as a plain aligned table (numbers right-aligned), for terminals and logs. */
export function formatSummaryTable(rows: readonly SummaryRow[]): string {
  const header = ['scenario', 'autoscaler', 'seeds', 'SLA viol %', 'P95 ms', 'cost $', 'pods'];
  const body = rows.map((r) => [
    r.scenario,
    r.autoscaler,
    String(r.seeds),
    r.slaViolationPct.toFixed(2),
    r.latencyP95Ms.toFixed(1),
    r.costUsd.toFixed(4),
    r.meanPods.toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
