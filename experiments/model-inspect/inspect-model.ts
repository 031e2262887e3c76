// `scalelab model inspect`: what a trained model is and what it does over a scenario — provenance, observation and
// action spaces, the action histogram and the reward's terms, the policy over a grid of two features (the other
// features at their median over the scenario), and for the hybrids the PPO headroom level over time.
import type { InspectableModel } from './model-decider.ts';
import { argMax, networkOutputs, setpointOf } from './model-decider.ts';
import { rolloutModel, type RolloutStep, type ScenarioChoice } from './rollout.ts';

/** The numbers of an inspection (rendered by the CLI; charts drawn from `grid` and `headroom`). */
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
  grid: { x: string; y: string; values: number[]; /** The other features' values (medians over the scenario). */ base: number[]; points: { x: number; y: number; action: string; value: number }[] };
  /** Hybrids: the headroom level (and its value) at each decision. */
  headroom: { tMinutes: number; level: number; headroom: number }[] | null;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The policy over a gridSize × gridSize grid of features x and y in [0, 1], the others at their median. */
export function policyGrid(m: InspectableModel, steps: readonly RolloutStep[], x: string, y: string, gridSize = 21): ModelInspection['grid'] {
  for (const [flag, name] of [['x', x], ['y', y]]) {
    if (!m.features.includes(name)) throw new RangeError(`--grid: feature ${flag} "${name}" is not one of this model's features (${m.features.join(', ')})`);
  }
  const n = m.features.length;
  const base = new Float32Array(n);
  for (let i = 0; i < n; i++) base[i] = median(steps.map((s) => s.decision.features[i]));
  if (m.hybrid) base[n - 1] = setpointOf(Math.round(median(steps.map((s) => s.decision.level ?? 0))), m.hybrid.headroomLevels.length);
  const values = [...Array(gridSize).keys()].map((i) => i / (gridSize - 1));
  const [xi, yi] = [m.features.indexOf(x), m.features.indexOf(y)];
  const points: ModelInspection['grid']['points'] = [];
  for (const vy of values) {
    for (const vx of values) {
      const f = Float32Array.from(base);
      f[xi] = vx;
      f[yi] = vy;
      const out = networkOutputs(m.actionNetwork, f);
      const a = argMax(out);
      points.push({ x: vx, y: vy, action: m.actionNames[a], value: out[a] });
    }
  }
  return { x, y, values, base: [...base], points };
}

/** Use for `scalelab model inspect`. */
export function inspectModel(m: InspectableModel, scenario: ScenarioChoice, grid: { x: string; y: string }): ModelInspection {
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
    headroom: m.hybrid ? steps.map((s) => ({ tMinutes: s.tSeconds / 60, level: s.decision.level!, headroom: m.hybrid!.headroomLevels[s.decision.level!] })) : null,
  };
}

function describeEpisodes(m: InspectableModel): string {
  const e = (m.env as { episodes?: { durationSeconds: number; baseRps: number[]; peakRps: number[]; scenarios: string[] } }).episodes;
  return e ? `${e.scenarios.length} scenarios, ${e.durationSeconds} s episodes, base ${e.baseRps.join('–')} req/s, peak ${e.peakRps.join('–')} req/s` : 'unknown';
}
