// Tuned-baseline frontiers and each agent's margin against them (DESIGN.md §5a, issue 8 item 5), from RunRecords
// only. A family = every autoscaler whose config.autoscaler.type is the same baseline type (hpa-50 … hpa-150 are
// one family). Frontier settings are chosen on the tuning seeds (all seeds when no split is given); costs and
// violation rates are then measured on the evaluation seeds. Margin = (agent − frontier)/frontier × 100 of the
// mean cost at the agent's own mean violation rate. CI: stratified percentile bootstrap — per scenario, the
// evaluation seeds are redrawn with replacement and the same draw is used for every autoscaler (paired), the
// frontier is rebuilt from the chosen settings and the margin recomputed; 95 % = the 2.5 and 97.5 percentiles.
import type { RunRecord } from '../../lib/ports.ts';
import { createRng } from '../../lib/rng.ts';
import { quantile } from '../stats/descriptive.ts';
import { cellSeed } from '../tables/cell-seed.ts';
import { efficientFrontier, frontierCostAt, type PlanePoint } from './hull.ts';

/** Autoscaler types that are trained agents (everything else in the records is a baseline family). */
export const AGENT_TYPES = ['dqn', 'ppo', 'hybrid', 'hybrid-constrained'];

export interface FrontierOptions {
  /** Family name → autoscaler names; default: grouped by config.autoscaler.type. */
  families?: Record<string, string[]>;
  /** Agent record names; default: records whose type is in AGENT_TYPES. */
  agents?: string[];
  /** Seeds whose runs choose the frontier settings; the other seeds evaluate. Default: no split. */
  tuningSeeds?: number[];
  /** Records of this experiment choose the frontier settings; the other records evaluate (experiments/defs/README-tuning.md). */
  tuningExperiment?: string;
  resamples?: number;
  /** Cost and violation of one run, in display units (default: costUsd, SLA-violating share of requests in %). */
  point?: (r: RunRecord) => { cost: number; violation: number };
}

export interface SettingPoint extends PlanePoint {
  family: string;
  /** Vertex of the family's frontier (chosen on the tuning seeds). */
  onFrontier: boolean;
}

export interface Margin {
  /** (agent − frontier)/frontier × 100 at the agent's violation rate; negative = the agent is cheaper. */
  pct: number;
  ci: { low: number; high: number } | null;
  /** Share of bootstrap draws where the frontier was undefined at the agent's rate (left out of the CI). */
  undefinedShare: number;
}

export interface AgentResult extends PlanePoint {
  /**
   * Per family: 'compared' (the frontier reaches the agent's rate), 'dominates' (fewer violations than every setting of
   * the family and cheaper than its lowest-violation setting), 'out of reach' (fewer violations but dearer: no comparison).
   */
  perFamily: { family: string; status: 'compared' | 'dominates' | 'out of reach'; frontierCost: number | null; margin: Margin | null }[];
  /** Against the cheapest family frontier at the agent's rate; null when no family reaches that rate. */
  best: (Margin & { family: string }) | null;
}

export interface FrontierAnalysis {
  families: string[];
  settings: SettingPoint[];
  agents: AgentResult[];
  heldOut: boolean;
  evaluationSeeds: number[];
  /** Cells left out because some autoscaler lacks them, one line each. */
  problems: string[];
}

const defaultPoint = (r: RunRecord): { cost: number; violation: number } => ({ cost: r.metrics.costUsd, violation: r.metrics.slaViolationRateRequests * 100 });
const typeOf = (r: RunRecord): string | undefined => {
  const t = (r.config as { autoscaler?: { type?: unknown } } | undefined)?.autoscaler?.type;
  return typeof t === 'string' ? t : undefined;
};
const mean = (v: readonly number[]): number => v.reduce((s, x) => s + x, 0) / v.length;

/** Frontiers, agent margins and their CIs; null when the records hold no agent or no baseline. */
export function analyzeFrontiers(records: readonly RunRecord[], options: FrontierOptions = {}): FrontierAnalysis | null {
  const point = options.point ?? defaultPoint;
  const families = options.families ?? groupFamilies(records);
  const agents = options.agents ?? [...new Set(records.filter((r) => AGENT_TYPES.includes(typeOf(r) ?? '')).map((r) => r.autoscaler))].sort();
  const members = Object.values(families).flat();
  if (agents.length === 0 || members.length === 0) return null;
  const tuning = new Set(options.tuningSeeds ?? []);
  const byExperiment = options.tuningExperiment !== undefined && records.some((r) => r.experiment === options.tuningExperiment);
  const heldOut = tuning.size > 0 || byExperiment;
  const isTuning = (r: RunRecord): boolean => (byExperiment ? r.experiment === options.tuningExperiment : tuning.has(r.seed));
  const chooseOn = (r: RunRecord): boolean => !heldOut || isTuning(r);
  const evaluateOn = (r: RunRecord): boolean => !heldOut || !isTuning(r);
  const problems: string[] = [];
  // Settings on the frontier: chosen from the tuning runs' means.
  const chosen = new Map<string, Set<string>>();
  for (const [family, names] of Object.entries(families)) {
    const pts = names.flatMap((name) => {
      const own = records.filter((r) => r.autoscaler === name && chooseOn(r)).map(point).filter((p) => Number.isFinite(p.cost) && Number.isFinite(p.violation));
      return own.length === 0 ? [] : [{ label: name, cost: mean(own.map((p) => p.cost)), violation: mean(own.map((p) => p.violation)) }];
    });
    chosen.set(family, new Set(efficientFrontier(pts).map((p) => p.label)));
  }
  // Evaluation cells every autoscaler has: per scenario, the common seeds.
  const all = [...agents, ...members];
  const byName = new Map<string, Map<string, Map<number, { cost: number; violation: number }>>>();
  for (const r of records) {
    if (!all.includes(r.autoscaler) || !evaluateOn(r)) continue;
    const p = point(r);
    if (!Number.isFinite(p.cost) || !Number.isFinite(p.violation)) {
      problems.push(`${r.autoscaler} / ${r.scenario} / seed ${r.seed}: cost or violation rate is not a number — left out`);
      continue;
    }
    const s = byName.get(r.autoscaler) ?? new Map();
    const seeds = s.get(r.scenario) ?? new Map();
    seeds.set(r.seed, p);
    s.set(r.scenario, seeds);
    byName.set(r.autoscaler, s);
  }
  const present = all.filter((n) => byName.has(n));
  const scenarios = [...new Set(present.flatMap((n) => [...byName.get(n)!.keys()]))].sort();
  const strata: { scenario: string; seeds: number[] }[] = [];
  for (const scenario of scenarios) {
    const seedSets = present.map((n) => new Set(byName.get(n)!.get(scenario)?.keys() ?? []));
    const union = [...new Set(seedSets.flatMap((s) => [...s]))].sort((a, b) => a - b);
    const common = union.filter((seed) => seedSets.every((s) => s.has(seed)));
    if (common.length < union.length) problems.push(`${scenario}: seed(s) ${union.filter((s) => !common.includes(s)).join(', ')} lack a run of some autoscaler — left out of the frontier comparison`);
    if (common.length > 0) strata.push({ scenario, seeds: common });
  }
  if (strata.length === 0) return null;
  const evaluationSeeds = [...new Set(strata.flatMap((s) => s.seeds))].sort((a, b) => a - b);
  // Means of every autoscaler over one draw of (scenario, seed) cells.
  // cells[name][stratum][seed index]; a draw is a list of seed indexes per stratum (no lookups by key per draw).
  const cells = present.map((name) => strata.map((st) => st.seeds.map((seed) => byName.get(name)!.get(st.scenario)!.get(seed)!)));
  const measure = (draw: number[][]): Map<string, PlanePoint> => {
    const out = new Map<string, PlanePoint>();
    present.forEach((name, k) => {
      let cost = 0;
      let violation = 0;
      let n = 0;
      draw.forEach((idx, st) => {
        for (const i of idx) {
          const c = cells[k][st][i];
          (cost += c.cost), (violation += c.violation), n++;
        }
      });
      out.set(name, { label: name, cost: cost / n, violation: violation / n });
    });
    return out;
  };
  const margins = (m: Map<string, PlanePoint>): Map<string, Map<string, number | null>> => {
    const out = new Map<string, Map<string, number | null>>();
    const frontiers = Object.keys(families).map((family) => ({ family, f: efficientFrontier([...(chosen.get(family) ?? [])].filter((n) => m.has(n)).map((n) => m.get(n)!)) }));
    for (const agent of agents.filter((a) => m.has(a))) {
      const a = m.get(agent)!;
      const row = new Map<string, number | null>();
      for (const { family, f } of frontiers) {
        const cost = frontierCostAt(f, a.violation);
        row.set(family, cost === null ? null : ((a.cost - cost) / cost) * 100);
      }
      const defined = [...row.values()].filter((v): v is number => v !== null);
      row.set('', defined.length === 0 ? null : Math.max(...defined)); // best baseline = the cheapest frontier = the largest margin
      out.set(agent, row);
    }
    return out;
  };
  const observed = measure(strata.map((s) => s.seeds.map((_, i) => i)));
  const obsMargins = margins(observed);
  const rng = createRng(cellSeed(`frontier/${agents.join(',')}`));
  const draws: Map<string, Map<string, number | null>>[] = [];
  for (let b = 0; b < (options.resamples ?? 10_000); b++) {
    draws.push(margins(measure(strata.map((s) => s.seeds.map(() => Math.floor(rng.next() * s.seeds.length))))));
  }
  const marginOf = (agent: string, family: string): Margin | null => {
    const pct = obsMargins.get(agent)?.get(family) ?? null;
    if (pct === null) return null;
    const values = draws.map((d) => d.get(agent)?.get(family) ?? null);
    const defined = values.filter((v): v is number => v !== null);
    const ci = defined.length === 0 ? null : { low: quantile(defined, 0.025), high: quantile(defined, 0.975) };
    return { pct, ci, undefinedShare: 1 - defined.length / values.length };
  };
  const settings: SettingPoint[] = Object.entries(families).flatMap(([family, names]) => names.filter((n) => observed.has(n)).map((n) => ({ ...observed.get(n)!, family, onFrontier: chosen.get(family)?.has(n) ?? false })));
  const agentResults: AgentResult[] = agents.filter((a) => observed.has(a)).map((agent) => {
    const a = observed.get(agent)!;
    const perFamily = Object.keys(families).map((family) => {
      const f = efficientFrontier(settings.filter((s) => s.family === family && s.onFrontier));
      const frontierCost = frontierCostAt(f, a.violation);
      const status = frontierCost !== null ? 'compared' as const : f.length > 0 && a.cost <= f[0].cost ? 'dominates' as const : 'out of reach' as const;
      return { family, status, frontierCost, margin: marginOf(agent, family) };
    });
    const bestPct = obsMargins.get(agent)?.get('') ?? null;
    const bestFamily = perFamily.find((p) => p.margin !== null && p.margin.pct === bestPct)?.family;
    const best = bestPct === null || bestFamily === undefined ? null : { ...marginOf(agent, '')!, family: bestFamily };
    return { ...a, perFamily, best };
  });
  return { families: Object.keys(families), settings, agents: agentResults, heldOut, evaluationSeeds, problems };
}

/** Baseline records grouped by config.autoscaler.type (records without a type form a family of their own name). */
export function groupFamilies(records: readonly RunRecord[]): Record<string, string[]> {
  const out: Record<string, Set<string>> = {};
  for (const r of records) {
    const type = typeOf(r) ?? r.autoscaler;
    if (AGENT_TYPES.includes(type)) continue;
    (out[type] ??= new Set()).add(r.autoscaler);
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, [...v].sort()]));
}

/**
 * Families, agents and the tuning experiment from experiments/defs/frontier-families.json (shape in
 * experiments/defs/README-tuning.md); throws naming the field when the file does not have that shape.
 */
export function frontierOptionsFromFamilies(json: unknown): Pick<FrontierOptions, 'families' | 'agents' | 'tuningExperiment'> {
  const o = json as { tuningExperiment?: unknown; families?: unknown; agents?: unknown } | null;
  if (o === null || typeof o !== 'object') throw new RangeError('frontier families: expected a JSON object');
  if (typeof o.tuningExperiment !== 'string') throw new RangeError(`frontier families: field "tuningExperiment" is ${JSON.stringify(o.tuningExperiment)}, expected an experiment name`);
  if (o.families === null || typeof o.families !== 'object') throw new RangeError(`frontier families: field "families" is ${JSON.stringify(o.families)}, expected { family: { members: { name: knob } } }`);
  const families: Record<string, string[]> = {};
  for (const [family, def] of Object.entries(o.families as Record<string, { members?: unknown }>)) {
    if (def === null || typeof def !== 'object' || def.members === null || typeof def.members !== 'object') throw new RangeError(`frontier families: field "families.${family}.members" is ${JSON.stringify(def?.members)}, expected { name: knob }`);
    families[family] = Object.keys(def.members as object);
  }
  if (!Array.isArray(o.agents) || !o.agents.every((a) => typeof a === 'string')) throw new RangeError(`frontier families: field "agents" is ${JSON.stringify(o.agents)}, expected a list of autoscaler names`);
  return { families, agents: o.agents as string[], tuningExperiment: o.tuningExperiment };
}
