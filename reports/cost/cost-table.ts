// The cost calculator's output as tables (terminal, Markdown, HTML): per autoscaler $ per million requests,
// monthly cost and SLA-violation rate with CIs; then the monthly saving against each baseline.
import { adaptiveDecimals, formatWithCi, type ReportTable } from '../tables/table-model.ts';
import type { CostReport, Estimate } from './cost-calculator.ts';

const money = (e: Estimate): string => formatWithCi(e.estimate, e.ci.low, e.ci.high, adaptiveDecimals(e.estimate, 2, 6), '$');
/** "$1.26", "−$2.07". */
const usd = (v: number): string => `${v < 0 ? '−' : ''}$${Math.abs(v).toFixed(2)}`;
const priceText = (v: number | 'as recorded', unit: string): string => (v === 'as recorded' ? `${unit} as recorded` : `$${v}/${unit}`);

/** Per autoscaler: $ per million requests, monthly cost, SLA-violation rate and the saving against the tuned frontier. */
export function buildCostTable(c: CostReport): ReportTable {
  const n = c.requestsPerMonth.toLocaleString('en-US');
  const rows = c.autoscalers.map((a) => [
    a.autoscaler + (a.baseline ? '' : ' (agent)'),
    money(a.costPerMillionUsd),
    money(a.monthlyUsd),
    formatWithCi(a.slaViolationPct.estimate, a.slaViolationPct.ci.low, a.slaViolationPct.ci.high, adaptiveDecimals(a.slaViolationPct.estimate, 2, 3), '%'),
    a.vsFrontier === null ? '—' : `${a.vsFrontier.pct.toFixed(1)} %${a.vsFrontier.ci ? ` [${a.vsFrontier.ci.low.toFixed(1)}, ${a.vsFrontier.ci.high.toFixed(1)}]` : ''} vs ${a.vsFrontier.family} (${usd(a.vsFrontier.monthlyUsd)}/month)`,
  ]);
  return {
    id: 'cost',
    title: `Cost calculator — ${n} requests per month (${priceText(c.prices.vcpuHourUsd, 'vCPU-hour')}, ${priceText(c.prices.gibHourUsd, 'GiB-hour')})`,
    columns: ['autoscaler', '$ per million requests [95 % CI]', `monthly cost at ${n} requests`, 'SLA-violating requests', 'saving vs the best baseline frontier at its rate'],
    rows,
    notes: [
      '$ per million requests = Σ cost / Σ successful requests over the paired runs (DESIGN.md §6); monthly = that × requests per month / 10⁶; SLA-violating requests = Σ violating / Σ requests. CI: stratified percentile bootstrap over seeds, the same draw for every autoscaler.',
      'Saving vs the tuned frontier (agents): the frontier of each baseline family in $ per million requests (mean over runs) against the SLA-violation rate, at the agent\'s own rate; the monthly $ is at the point estimate.',
      ...c.problems,
    ],
    incomplete: [],
  };
}

/**
 * Monthly saving against each baseline (+ = cheaper). A family with several settings (a sweep) is one column, its
 * tuned frontier at the agent's own violation rate, and only agents get a value there; a family with one setting is a
 * column of its own. Rows: the agents and the single-setting baselines (every setting of a sweep is in the cost table).
 */
export function buildSavingsTable(c: CostReport): ReportTable {
  const swept = Object.entries(c.families).filter(([, m]) => m.length > 1).map(([f]) => f);
  const single = Object.entries(c.families).filter(([, m]) => m.length === 1).map(([, m]) => m[0]);
  const rows = c.autoscalers.filter((a) => !a.baseline || single.includes(a.autoscaler)).map((a) => [
    a.autoscaler,
    ...swept.map((f) => {
      const s = a.vsFamilies.find((x) => x.family === f);
      if (!s) return '—';
      if ('status' in s) return s.status;
      return `${usd(s.monthlyUsd)} (${s.pct.toFixed(1)} %${s.ci ? ` [${s.ci.low.toFixed(1)}, ${s.ci.high.toFixed(1)}]` : ''})`;
    }),
    ...single.map((b) => {
      const s = a.savings.find((x) => x.baseline === b);
      return s ? `${usd(s.monthlyUsd.estimate)} (${s.pct.estimate.toFixed(1)} % [${s.pct.ci.low.toFixed(1)}, ${s.pct.ci.high.toFixed(1)}])` : '—';
    }),
  ]);
  return {
    id: 'savings',
    title: 'Monthly saving against each baseline (+ = cheaper than the baseline; % of the baseline\'s cost [95 % CI])',
    columns: ['autoscaler', ...swept.map((f) => `vs ${f} frontier`), ...single.map((b) => `vs ${b}`)],
    rows,
    notes: swept.length ? ['A swept family is compared through its tuned frontier at the agent\'s own SLA-violation rate (dominates / out of reach: the frontier does not reach that rate).'] : [],
    incomplete: [],
  };
}
