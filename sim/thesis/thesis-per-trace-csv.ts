// Serializes n=30 study rows as the per-trace CSV the thesis's analysis reads (`n30-per-trace.csv`).
import type { ThesisStudyRow } from './thesis-study.ts';

/** The exact header of the per-trace CSV. */
export const THESIS_PER_TRACE_CSV_HEADER =
  'seed,controller,mean_response_time_ms,median_response_time_ms,p95_response_time_ms,mean_cpu_pct,total_cost,sla_violation_rate_pct,mean_pods,max_pods';

/** CSV text (header + one line per row, trailing newline); numbers at full precision (shortest round-trip form). */
export function thesisPerTraceCsv(rows: readonly ThesisStudyRow[]): string {
  const lines = [THESIS_PER_TRACE_CSV_HEADER];
  for (const r of rows) {
    lines.push(
      [
        r.seed,
        r.controller,
        r.meanResponseTimeMs,
        r.medianResponseTimeMs,
        r.p95ResponseTimeMs,
        r.meanCpuPct,
        r.totalCost,
        r.slaViolationRatePct,
        r.meanPods,
        r.maxPods,
      ].join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}
