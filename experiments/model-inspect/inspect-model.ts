// `scalelab model inspect`: what a trained model is and what it does over a scenario — provenance, observation and
// action spaces, the action histogram and the reward's terms, the policy over a grid of two features (the other
// features at their median over the scenario), and for the hybrids PPO's continuous headroom over time.
import type { InspectableModel } from './model-decider.ts';
import { argMax, headroomPolicy, networkOutputs } from './model-decider.ts';
import { featureUnit, type FeatureUnit } from './feature-units.ts';
import { rolloutModel, type RolloutStep, type ScenarioChoice } from './rollout.ts';

/** The policy over a grid of two features. */
export interface PolicyGrid {
  x: string;
  y: string;
  xUnit: FeatureUnit;
  yUnit: FeatureUnit;
  /** Feature values of the grid lines (both axes), 0 … 1. */
  values: number[];
  /** Every feature's value off the grid (its median over the scenario), by name. */
  base: Record<string, number>;
  /** Greedy action and its network output at each grid point; hybrids: PPO's headroom there too. */
  points: { x: number; y: number; action: string; value: number; headroom?: number }[];
  /** The (x, y) features the model actually saw at each decision of the scenario. */
  visited: { x: number; y: number }[];
}

/** The numbers of an inspection (rendered by the CLI; charts drawn from `grid` and `timeline`). */
export interface ModelInspection {
  model: { dir: string; agent: string; seed: number; steps: number; codeVersion: string; backend: string; trainedOn: string };
  evaluation: Record<string, unknown> | null;
  observation: { size: number; features: string[] };
  actions: string[];
  scenario: ScenarioChoice & { decisions: number };
  /** Decisions per action the network chose (before floor/safety). */
  actionHistogram: Record<string, number>;
  /** Final decisions by reason (RlScaleUp, HeadroomFloor, SafetyBlockScaleDown, …). */
  reasons: Record<string, number>;
  /** Mean per decision of each penalty term and of the total reward; violationFraction mean. */
  reward: { sla: number; utilization: number; cost: number; risk: number; total: number; violationFraction: number };
  grid: PolicyGrid;
  /** Hybrids: PPO's headroom over the decisions (range, period, summary); null for the others. */
  headroom: { range: number[]; ppoPeriodDecisions: number; mean: number; sd: number; min: number; max: number; choices: number } | null;
  /** Per decision: time, observed load and P95, the replicas decided, the hybrid's headroom. */
  timeline: { tMinutes: number; rps: number | null; latencyP95Ms: number | null; replicas: number; headroom: number | null }[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Throws a RangeError naming the feature when it is not one of the model's. */
export function checkFeatures(m: InspectableModel, x: string, y: string): void {
  for (const name of [x, y]) {
    if (!m.features.includes(name)) throw new RangeError(`--features: "${name}" is not a feature of this model (expected two of ${m.features.join(', ')})`);
  }
  if (x === y) throw new RangeError(`--features: got "${x},${y}", expected two different features`);
}

/** The policy over a gridSize × gridSize grid of features x and y in [0, 1], the others at their median. */
export function policyGrid(m: InspectableModel, steps: readonly RolloutStep[], x: string, y: string, gridSize = 21): PolicyGrid {
  checkFeatures(m, x, y);
  const n = m.features.length;
  const base = new Float32Array(n);
  for (let i = 0; i < n; i++) base[i] = median(steps.map((s) => s.decision.features[i]));
  const values = [...Array(gridSize).keys()].map((i) => i / (gridSize - 1));
  const [xi, yi] = [m.features.indexOf(x), m.features.indexOf(y)];
  const points: PolicyGrid['points'] = [];
  for (const vy of values) {
    for (const vx of values) {
      const f = Float32Array.from(base);
      f[xi] = vx;
      f[yi] = vy;
      const out = networkOutputs(m.actionNetwork, f);
      const a = argMax(out);
      points.push({ x: vx, y: vy, action: m.actionNames[a], value: out[a], ...(m.headroomNetwork ? { headroom: headroomPolicy(m, f) } : {}) });
    }
  }
  const range = m.hybrid?.headroomRange;
  return {
    x, y, xUnit: featureUnit(x, m.env.observation, range), yUnit: featureUnit(y, m.env.observation, range), values,
    base: Object.fromEntries(m.features.map((name, i) => [name, base[i]])), points,
    visited: steps.map((s) => ({ x: s.decision.features[xi], y: s.decision.features[yi] })),
  };
}

function headroomSummary(m: InspectableModel, steps: readonly RolloutStep[]): ModelInspection['headroom'] {
  if (!m.hybrid) return null;
  const h = steps.map((s) => s.decision.headroom!);
  const mean = h.reduce((a, b) => a + b, 0) / Math.max(1, h.length);
  const sd = Math.sqrt(h.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, h.length));
  return { range: m.hybrid.headroomRange, ppoPeriodDecisions: m.hybrid.ppoPeriod, mean, sd, min: Math.min(...h), max: Math.max(...h), choices: Math.ceil(h.length / m.hybrid.ppoPeriod) };
}

/** Use for `scalelab model inspect`. */
export function inspectModel(m: InspectableModel, scenario: ScenarioChoice, grid: { x: string; y: string }): ModelInspection {
  checkFeatures(m, grid.x, grid.y);
  const steps = rolloutModel(m, scenario);
  const actionHistogram: Record<string, number> = Object.fromEntries(m.actionNames.map((a) => [a, 0]));
  const reasons: Record<string, number> = {};
  const sum = { sla: 0, utilization: 0, cost: 0, risk: 0, total: 0, violationFraction: 0 };
  for (const s of steps) {
    actionHistogram[m.actionNames[s.decision.actionIndex]]++;
    reasons[s.decision.reason] = (reasons[s.decision.reason] ?? 0) + 1;
    for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += s.terms[k];
  }
  const reward = Object.fromEntries(Object.entries(sum).map(([k, v]) => [k, v / Math.max(1, steps.length)])) as ModelInspection['reward'];
  const p = m.provenance;
  return {
    model: { dir: m.dir, agent: m.agent, seed: p.seed, steps: p.steps, codeVersion: p.codeVersion, backend: p.backend, trainedOn: describeEpisodes(m) },
    evaluation: (p.evaluation?.agent as Record<string, unknown> | undefined) ?? p.evaluation ?? null,
    observation: { size: p.observationSize, features: m.features },
    actions: m.actionNames,
    scenario: { ...scenario, decisions: steps.length },
    actionHistogram,
    reasons: Object.fromEntries(Object.entries(reasons).sort(([a], [b]) => a.localeCompare(b))),
    reward,
    grid: policyGrid(m, steps, grid.x, grid.y),
    headroom: headroomSummary(m, steps),
    timeline: steps.map((s) => ({ tMinutes: s.tSeconds / 60, rps: s.observation.rps ?? null, latencyP95Ms: s.observation.latencyP95Ms ?? null, replicas: s.decision.replicas, headroom: s.decision.headroom ?? null })),
  };
}

function describeEpisodes(m: InspectableModel): string {
  const e = m.env.episodes;
  if (!e) return 'unknown';
  const trace = e.trace ? `; ${Math.round(e.trace.probability * 100)} % windows of ${e.trace.file} (minutes ${e.trace.fromMinute}–${e.trace.toMinute})` : '';
  const randomised = m.env.randomisation ? `; plant randomised ±${Math.round(m.env.randomisation.relativeSpread * 100)} %` : '';
  return `${e.scenarios.length} scenarios, ${e.durationSeconds} s episodes, base ${e.baseRps.join('–')} req/s, peak ${e.peakRps.join('–')} req/s${trace}${randomised}`;
}
