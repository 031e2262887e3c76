// The answer the report opens with: per agent, how much cheaper it is than the best tuned baseline at its own
// SLA-violation rate (with a 95 % CI), or "not better"; plus the table behind it. Pure rendering of numbers.
import { formatWithCi, type ReportTable } from '../tables/table-model.ts';
import type { AgentResult, FrontierAnalysis, Margin } from './tuned-frontier.ts';

/** The quality bar of issue 8: at least this much cheaper than every tuned frontier, with the CI excluding zero. */
export const MARGIN_BAR_PCT = 10;

const pct = (v: number, d = 1): string => `${v.toFixed(d)} %`;
const cheaperText = (m: Margin): string =>
  `${pct(-m.pct)} cheaper${m.ci ? ` [95 % CI ${(-m.ci.high).toFixed(1)}, ${(-m.ci.low).toFixed(1)} %]` : ' (no CI)'}`;
/** Cheaper with a CI wholly below zero. */
const isCheaper = (m: Margin): boolean => m.ci !== null && m.ci.high < 0;

/** One sentence per agent: "hybrid: 42.8 % cheaper than the best tuned baseline (kpa) at the same SLA-violation rate (4.32 % of requests) [95 % CI …]". */
export function frontierHeadline(agent: AgentResult, settingsPerFamily: Readonly<Record<string, number>> = {}): string {
  const at = `${agent.violation.toFixed(2)} % of requests`;
  const dominated = agent.perFamily.filter((p) => p.status === 'dominates').map((p) => p.family);
  const beyond = agent.perFamily.filter((p) => p.status !== 'compared').map((p) => p.family);
  const tail = beyond.length ? ` ${beyond.length === agent.perFamily.length ? 'Against' : 'Not compared with'} ${beyond.join(', ')}: ${dominated.length ? `fewer violations than any of their settings${dominated.length === beyond.length ? ' and cheaper (dominates)' : ` (dominates ${dominated.join(', ')})`}` : 'no setting reaches its violation rate'}.` : '';
  if (agent.best === null) return `${agent.label}: no tuned baseline reaches its SLA-violation rate (${at}), so there is no frontier to compare with.${tail}`;
  const m = agent.best;
  // A family with one setting is not a tuned baseline: say so where the headline names it.
  const best = (settingsPerFamily[m.family] ?? 2) > 1 ? `the best tuned baseline (${m.family})` : `the best baseline (${m.family}, a single untuned setting)`;
  const undefinedNote = m.undefinedShare > 0 ? ` (the frontier was out of reach in ${(m.undefinedShare * 100).toFixed(1)} % of bootstrap draws, left out of the CI)` : '';
  if (!isCheaper(m)) {
    return `${agent.label}: not better than ${best} at the same SLA-violation rate (${at}): cost ${m.pct >= 0 ? '+' : ''}${pct(m.pct)}${m.ci ? ` [95 % CI ${m.ci.low.toFixed(1)}, ${m.ci.high.toFixed(1)} %]` : ''}${undefinedNote}.${tail}`;
  }
  return `${agent.label}: ${cheaperText(m)} than ${best} at the same SLA-violation rate (${at})${undefinedNote}.${tail}`;
}

/** Whether an agent clears the bar against every family (dominating a family counts as clearing it). */
export function meetsBar(agent: AgentResult): boolean {
  return agent.perFamily.every((p) => p.status === 'dominates' || (p.status === 'compared' && p.margin !== null && p.margin.ci !== null && p.margin.ci.high < 0 && p.margin.pct <= -MARGIN_BAR_PCT));
}

/** The paragraphs at the top of the report. */
export function frontierAnswer(a: FrontierAnalysis): string[] {
  const counts = Object.fromEntries(a.families.map((f) => [f, a.settings.filter((s) => s.family === f).length]));
  const out = a.agents.map((g) => frontierHeadline(g, counts));
  const passing = a.agents.filter(meetsBar).map((g) => g.label);
  const swept = a.families.filter((f) => a.settings.filter((s) => s.family === f).length > 1);
  if (swept.length === 0) {
    out.push(`Quality bar (≥ ${MARGIN_BAR_PCT} % cheaper than every tuned frontier, CI excluding zero): cannot be judged on these records — no family is swept. Against the single settings here, ${passing.length ? passing.join(', ') : 'no agent'} would clear it.`);
  } else out.push(passing.length > 0
    ? `Quality bar (≥ ${MARGIN_BAR_PCT} % cheaper than every tuned frontier at its own violation rate, CI excluding zero, or dominating the family): met by ${passing.join(', ')}.`
    : `Quality bar (≥ ${MARGIN_BAR_PCT} % cheaper than every tuned frontier at its own violation rate, CI excluding zero, or dominating the family): not met by any agent.`);
  const settings = a.families.map((f) => `${f} (${a.settings.filter((s) => s.family === f).length})`).join(', ');
  const untuned = a.families.filter((f) => a.settings.filter((s) => s.family === f).length < 2);
  if (untuned.length > 0) out.push(`Not yet a tuned comparison for ${untuned.join(', ')}: ${untuned.length === a.families.length ? 'every family has' : 'these families have'} a single setting in these records, so the bar above is measured against that setting, not against a swept frontier.`);
  out.push(a.heldOut
    ? `Frontier settings chosen on the tuning seeds, evaluated on held-out seeds ${a.evaluationSeeds.join(', ')}. Families (settings): ${settings}.`
    : `No tuning/held-out split in these records: frontier settings were chosen and evaluated on the same seeds (${a.evaluationSeeds.join(', ')}), which favours the baselines. Families (settings): ${settings}. A family with one setting is a point, not a tuned frontier.`);
  return out;
}

/** Agents × (violation, cost, best-frontier margin) and the margin against each family. */
export function buildFrontierTable(a: FrontierAnalysis): ReportTable {
  const columns = ['agent', 'SLA-violating requests', 'mean cost / run', 'best tuned baseline', 'cost vs it at the same rate [95 % CI]', 'verdict'];
  const rows = a.agents.map((g) => {
    const m = g.best;
    const verdict = m === null ? 'no frontier reaches its rate' : isCheaper(m) ? `cheaper by ${pct(-m.pct)}` : 'not better';
    return [g.label, pct(g.violation, 2), `$${g.cost.toFixed(4)}`, m?.family ?? '—', m === null ? '—' : m.ci ? formatWithCi(m.pct, m.ci.low, m.ci.high, 1, '%') : `${m.pct.toFixed(1)} % (no CI)`, verdict];
  });
  return {
    id: 'frontier',
    title: 'Agents against the tuned-baseline frontiers',
    columns,
    rows,
    notes: [
      'Frontier of a family = lower convex hull of its settings\' mean cost against mean SLA-violation rate (DESIGN.md §5a), interpolated linearly at the agent\'s rate (mixing two settings in time achieves any point between them); beyond its cheapest setting it stays flat; below its lowest violation rate it is undefined.',
      'CI: stratified percentile bootstrap over seeds (per scenario the seeds are redrawn with replacement, the same draw for every autoscaler), the frontier rebuilt and the margin recomputed in each draw.',
      ...a.problems,
    ],
    incomplete: [],
  };
}

/** Margin of every agent against every family (− = the agent is cheaper at its own violation rate). */
export function buildFamilyMarginTable(a: FrontierAnalysis): ReportTable {
  const rows = a.agents.map((g) => [g.label, ...g.perFamily.map((p) => (p.status === 'dominates' ? 'dominates' : p.status === 'out of reach' ? 'out of reach' : p.margin?.ci ? formatWithCi(p.margin.pct, p.margin.ci.low, p.margin.ci.high, 1, '%') : `${p.margin?.pct.toFixed(1) ?? '—'} %`))]);
  return {
    id: 'frontier-families',
    title: 'Cost vs each family\'s frontier at the agent\'s own SLA-violation rate',
    columns: ['agent', ...a.families],
    rows,
    notes: ['dominates = fewer violations than every setting of the family and cheaper than its lowest-violation setting; out of reach = fewer violations but dearer, no comparison possible.'],
    incomplete: [],
  };
}
