// A model run greedily over one scenario in the environment it was trained in (its own env config from
// provenance: plant, observation, actions, reward), recording each decision with its insides and the reward's
// terms; other models can be asked for their decision on the same observations (for `model diff`).
import type { Observation } from '../../lib/ports.ts';
import { createScalingEnv, type RewardConfig } from '../../agent/rl/index.ts';
import { THESIS_SCENARIO_NAMES } from '../../workloads/index.ts';
import { createDecider, type InspectableModel, type InspectedDecision } from './model-decider.ts';

/** The scenario of an inspection: one thesis scenario with fixed rates, no noise. */
export interface ScenarioChoice {
  scenario: string;
  baseRps: number;
  peakRps: number;
  durationSeconds: number;
  /** Seeds the plant (Poisson arrivals, start-up delays). */
  seed: number;
}

/** Default: the training episodes' length, rates inside their ranges, the scenario that tests scaling hardest. */
export const DEFAULT_SCENARIO: ScenarioChoice = { scenario: 'sudden-spike', baseRps: 100, peakRps: 600, durationSeconds: 1800, seed: 1 };

/** One decision of the rollout. */
export interface RolloutStep {
  tSeconds: number;
  observation: Observation;
  decision: InspectedDecision;
  /** The reward's terms over the window that followed (penalties ≥ 0; total = −their sum). */
  terms: { sla: number; utilization: number; cost: number; risk: number; violationFraction: number; total: number };
  /** Other models' decisions on the same observation. */
  others: InspectedDecision[];
}

/** Throws a RangeError naming the scenario when it is not one of the thesis's six. */
export function checkScenario(name: string): void {
  if (!(THESIS_SCENARIO_NAMES as readonly string[]).includes(name)) throw new RangeError(`--scenario: got "${name}", expected one of ${THESIS_SCENARIO_NAMES.join(', ')}`);
}

/** Use to watch a model decide over a scenario (`observe` sees each observation before the model decides). */
export function rolloutModel(m: InspectableModel, s: ScenarioChoice, others: InspectableModel[] = [], observe?: (o: Observation) => void): RolloutStep[] {
  checkScenario(s.scenario);
  const env = createScalingEnv({
    ...m.env,
    reward: m.env.reward as RewardConfig,
    episodes: { durationSeconds: s.durationSeconds, baseRps: [s.baseRps, s.baseRps], peakRps: [s.peakRps, s.peakRps], noiseRelativeSd: [0, 0], scenarios: [s.scenario] },
  });
  const decider = createDecider(m);
  const otherDeciders = others.map(createDecider);
  env.reset(s.seed);
  const steps: RolloutStep[] = [];
  for (let i = 0; ; i++) {
    const o = env.lastObservation;
    observe?.(o);
    const decision = decider.decide(o);
    const otherDecisions = otherDeciders.map((d) => d.decide(o));
    // The env applies the action index; the decider already applied floor and safety: hand its replicas over.
    env.adjuster = () => ({ replicas: decision.replicas, intervened: !decision.reason.startsWith('Rl') });
    const step = env.step(decision.actionIndex);
    const t = env.info!.terms;
    steps.push({ tSeconds: i * m.env.decisionPeriodSeconds, observation: o, decision, terms: { sla: t.sla, utilization: t.utilization, cost: t.cost, risk: t.risk, violationFraction: t.violationFraction, total: t.total }, others: otherDecisions });
    if (step.done || step.truncated) break;
  }
  return steps;
}
