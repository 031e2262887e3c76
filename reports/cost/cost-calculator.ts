// The cost calculator (issue 11): per autoscaler, $ per million successful requests with a 95 % CI, the projected
// monthly cost at a given traffic, savings against each baseline and against the tuned frontier, and the
// SLA-violation rate it buys. Runs can be repriced (another $/vCPU-hour or $/GiB-hour) from their pod-hours and
// the pod's requested CPU and memory in the record's config.plant. Pure.
import type { RunRecord } from '../../lib/ports.ts';
import { createRng } from '../../lib/rng.ts';
import { quantile } from '../stats/descriptive.ts';
import { cellSeed } from '../tables/cell-seed.ts';
import { AGENT_TYPES, analyzeFrontiers, groupFamilies, type FrontierOptions } from '../frontier/tuned-frontier.ts';

export interface CostOptions {
  /** Successful requests per month to project to. */
  requestsPerMonth: number;
  /** New prices; a price not given stays the record's own (config.plant). */
  priceVcpuHourUsd?: number;
  priceGibHourUsd?: number;
  resamples?: number;
  /**
   * Families, agents and the tuning split for the frontier (as the report's frontier section); with a split only the
   * evaluation (held-out) records are costed. Default: families by autoscaler type, all records, no split.
   */
  frontier?: Pick<FrontierOptions, 'families' | 'agents' | 'tuningExperiment' | 'tuningSeeds'>;
}

export interface Estimate {
  estimate: number;
  ci: { low: number; high: number };
}

export interface AutoscalerCost {
  autoscaler: string;
  baseline: boolean;
  /** $ per million successful requests (Σ cost / Σ successful requests, pooled over runs). */
  costPerMillionUsd: Estimate;
  /** Projected $ per month at `requestsPerMonth`. */
  monthlyUsd: Estimate;
  /** SLA-violating requests / all requests, %, pooled over runs. */
  slaViolationPct: Estimate;
  /** Against each baseline: monthly $ saved (positive = cheaper than the baseline) and the saving in %. */
  savings: { baseline: string; monthlyUsd: Estimate; pct: Estimate }[];
  /** Agents only: saving against the best tuned frontier at the agent's own violation rate (null when none reaches it). */
  vsFrontier: FrontierSaving | null;
  /** Agents only: saving against every family's frontier ('dominates' / 'out of reach' when the frontier does not reach the agent's rate). */
  vsFamilies: (FrontierSaving | { family: string; status: 'dominates' | 'out of reach' })[];
}

/** Saving against a frontier at the agent's own violation rate: % of the frontier's cost (+ = cheaper), CI, $ a month at the point estimate. */
export interface FrontierSaving {
  family: string;
  pct: number;
  ci: { low: number; high: number } | null;
  monthlyUsd: number;
}

export interface CostReport {
  /** Baseline families and how many settings each has in the costed records. */
  families: Record<string, string[]>;
  requestsPerMonth: number;
  prices: { vcpuHourUsd: number | 'as recorded'; gibHourUsd: number | 'as recorded' };
  autoscalers: AutoscalerCost[];
  /** Cells left out (not every autoscaler has them), one line each. */
  problems: string[];
}

const plantOf = (r: RunRecord): Record<string, unknown> => ((r.config as { plant?: Record<string, unknown> } | undefined)?.plant ?? {});

/** A run's cost at the given prices; throws naming the record and field when it cannot be repriced. */
export function runCostUsd(r: RunRecord, options: Pick<CostOptions, 'priceVcpuHourUsd' | 'priceGibHourUsd'>): number {
  if (options.priceVcpuHourUsd === undefined && options.priceGibHourUsd === undefined) return r.metrics.costUsd;
  const plant = plantOf(r);
  const num = (field: string): number => {
    const v = plant[field];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new RangeError(`${r.autoscaler} / ${r.scenario} / seed ${r.seed}: config.plant.${field} is ${JSON.stringify(v)}, needed to reprice the run`);
    return v;
  };
  const vcpu = options.priceVcpuHourUsd ?? num('pricePerVcpuHourUsd');
  const gib = options.priceGibHourUsd ?? num('pricePerGibHourUsd');
  return r.metrics.podHours * ((num('cpuRequestMilli') / 1000) * vcpu + (num('memoryRequestMiB') / 1024) * gib);
}

/** Runs every autoscaler has, per scenario (paired), and what was left out. */
function commonCells(records: readonly RunRecord[], names: readonly string[]): { strata: { scenario: string; seeds: number[] }[]; problems: string[] } {
  const problems: string[] = [];
  const strata: { scenario: string; seeds: number[] }[] = [];
  for (const scenario of [...new Set(records.map((r) => r.scenario))].sort()) {
    const sets = names.map((n) => new Set(records.filter((r) => r.autoscaler === n && r.scenario === scenario).map((r) => r.seed)));
    const union = [...new Set(sets.flatMap((s) => [...s]))].sort((a, b) => a - b);
    const common = union.filter((s) => sets.every((set) => set.has(s)));
    if (common.length < union.length) problems.push(`${scenario}: seed(s) ${union.filter((s) => !common.includes(s)).join(', ')} lack a run of some autoscaler — left out of the cost comparison`);
    if (common.length > 0) strata.push({ scenario, seeds: common });
  }
  return { strata, problems };
}

/** Cost report over every autoscaler in `records`. */
export function costReport(allRecords: readonly RunRecord[], options: CostOptions): CostReport {
  if (!(options.requestsPerMonth > 0 && Number.isFinite(options.requestsPerMonth))) throw new RangeError(`requestsPerMonth is ${options.requestsPerMonth}, expected a positive number`);
  for (const [k, v] of [['priceVcpuHourUsd', options.priceVcpuHourUsd], ['priceGibHourUsd', options.priceGibHourUsd]] as const) {
    if (v !== undefined && !(v >= 0 && Number.isFinite(v))) throw new RangeError(`${k} is ${v}, expected a price ≥ 0`);
  }
  const split = options.frontier?.tuningExperiment !== undefined || (options.frontier?.tuningSeeds?.length ?? 0) > 0;
  const tuningRun = (r: RunRecord): boolean => (options.frontier?.tuningExperiment !== undefined ? r.experiment === options.frontier.tuningExperiment : (options.frontier?.tuningSeeds ?? []).includes(r.seed));
  const unusable = allRecords.filter((r) => !(Number.isFinite(r.metrics.costUsd) && r.metrics.successfulRequests > 0 && r.metrics.requests > 0 && Number.isFinite(r.metrics.slaViolatingRequests)));
  const usable = allRecords.filter((r) => !unusable.includes(r));
  const records = split ? usable.filter((r) => !tuningRun(r)) : usable;
  const names = [...new Set(records.map((r) => r.autoscaler))].sort();
  const type = (n: string): string => String((records.find((r) => r.autoscaler === n)?.config as { autoscaler?: { type?: unknown } } | undefined)?.autoscaler?.type ?? n);
  const families = Object.fromEntries(Object.entries(options.frontier?.families ?? groupFamilies(records)).map(([f, m]) => [f, m.filter((n) => names.includes(n))]).filter(([, m]) => m.length > 0)) as Record<string, string[]>;
  const agentNames = options.frontier?.agents ?? names.filter((n) => AGENT_TYPES.includes(type(n)));
  const baselines = names.filter((n) => !agentNames.includes(n));
  const singleSettings = baselines.filter((b) => !Object.values(families).some((m) => m.length > 1 && m.includes(b)));
  const { strata, problems } = commonCells(records, names);
  // cells[name][stratum][seed index] = [cost, successful, requests, violating]; a draw is seed indexes per stratum.
  const byKey = new Map(records.map((r) => [`${r.autoscaler}\u0000${r.scenario}\u0000${r.seed}`, r]));
  const cells = names.map((n) => strata.map((st) => st.seeds.map((seed) => {
    const r = byKey.get(`${n}\u0000${st.scenario}\u0000${seed}`)!;
    return [runCostUsd(r, options), r.metrics.successfulRequests, r.metrics.requests, r.metrics.slaViolatingRequests];
  })));
  const totals = (draw: number[][]): Map<string, { cpm: number; sla: number }> => {
    const out = new Map<string, { cpm: number; sla: number }>();
    names.forEach((n, k) => {
      let cost = 0, ok = 0, all = 0, bad = 0;
      draw.forEach((idx, st) => {
        for (const i of idx) {
          const c = cells[k][st][i];
          (cost += c[0]), (ok += c[1]), (all += c[2]), (bad += c[3]);
        }
      });
      out.set(n, { cpm: (cost / ok) * 1e6, sla: (bad / all) * 100 });
    });
    return out;
  };
  const observed = totals(strata.map((s) => s.seeds.map((_, i) => i)));
  const rng = createRng(cellSeed(`cost/${names.join(',')}`));
  const draws = Array.from({ length: options.resamples ?? 10_000 }, () => totals(strata.map((s) => s.seeds.map(() => Math.floor(rng.next() * s.seeds.length)))));
  const est = (f: (m: Map<string, { cpm: number; sla: number }>) => number): Estimate => {
    const values = draws.map(f);
    return { estimate: f(observed), ci: { low: quantile(values, 0.025), high: quantile(values, 0.975) } };
  };
  const month = options.requestsPerMonth / 1e6;
  // The frontier in $ per million requests (per-run ratio) against the violation rate, for the agents.
  const frontier = analyzeFrontiers(usable, { ...options.frontier, resamples: options.resamples, point: (r) => ({ cost: (runCostUsd(r, options) / r.metrics.successfulRequests) * 1e6, violation: r.metrics.slaViolationRateRequests * 100 }) });
  const autoscalers = names.map((n): AutoscalerCost => {
    const agent = frontier?.agents.find((g) => g.label === n);
    const best = agent?.best ?? null;
    const monthly = observed.get(n)!.cpm * month;
    const saving = (family: string, m: { pct: number; ci: { low: number; high: number } | null }): FrontierSaving => ({ family, pct: -m.pct, ci: m.ci && { low: -m.ci.high, high: -m.ci.low }, monthlyUsd: monthly / (1 + m.pct / 100) - monthly });
    return {
      autoscaler: n,
      baseline: baselines.includes(n),
      costPerMillionUsd: est((m) => m.get(n)!.cpm),
      monthlyUsd: est((m) => m.get(n)!.cpm * month),
      slaViolationPct: est((m) => m.get(n)!.sla),
      // Agents against every baseline; a baseline against the single-setting baselines (a sweep's settings meet through frontiers).
      savings: baselines.filter((b) => b !== n && (!baselines.includes(n) || singleSettings.includes(b))).map((b) => ({ baseline: b, monthlyUsd: est((m) => (m.get(b)!.cpm - m.get(n)!.cpm) * month), pct: est((m) => (1 - m.get(n)!.cpm / m.get(b)!.cpm) * 100) })),
      vsFrontier: best === null ? null : saving(best.family, best),
      vsFamilies: (agent?.perFamily ?? []).map((p) => (p.status === 'compared' && p.margin ? saving(p.family, p.margin) : { family: p.family, status: p.status === 'compared' ? 'out of reach' as const : p.status })),
    };
  });
  return {
    families,
    requestsPerMonth: options.requestsPerMonth,
    prices: { vcpuHourUsd: options.priceVcpuHourUsd ?? 'as recorded', gibHourUsd: options.priceGibHourUsd ?? 'as recorded' },
    autoscalers,
    problems: [...unusable.map((r) => `${r.autoscaler} / ${r.scenario} / seed ${r.seed}: cost or request counts are not usable numbers — left out`), ...problems, ...(frontier?.problems ?? [])],
  };
}
