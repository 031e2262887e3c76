// Runs a model greedily over one scenario on the plant it was trained on (its own env config from provenance:
// plant, observation, actions, reward — without the per-episode domain randomisation, so the scenario is the
// nominal plant), recording each decision with its insides and the reward's terms; other models can be asked for
// their decision on the same observations (for `model diff`).
import type { Observation } from '../../lib/ports.ts';
import { createScalingEnv, type EnvConfig } from '../../agent/rl/index.ts';
import { THESIS_SCENARIO_NAMES } from '../../workloads/index.ts';
import { createDecider, type InspectableModel, type InspectedDecision } from './model-decider.ts';

/** The scenario of an inspection: one thesis scenario with fixed rates, no noise. */
export interface ScenarioChoice {
  scenario: string;
  /** Base rate, requests/s. */
  baseRps: number;
  /** Peak rate, requests/s. */
  peakRps: number;
  durationSeconds: number;
  /** Seeds the plant (Poisson arrivals, start-up delays). */
  seed: number;
}

/** Default: the training episodes' length, rates inside their ranges, the scenario that tests scaling hardest. */
export const DEFAULT_SCENARIO: ScenarioChoice = { scenario: 'sudden-spike', baseRps: 100, peakRps: 600, durationSeconds: 1800, seed: 1 };

/** The reward's terms over one decision window (penalties ≥ 0; total = −their sum). */
export interface RewardTermsOfStep { sla: number; utilization: number; cost: number; risk: number; violationFraction: number; total: number }

/** One decision of the rollout. */
export interface RolloutStep {
  tSeconds: number;
  observation: Observation;
  decision: InspectedDecision;
  /** The reward's terms over the window that followed. */
  terms: RewardTermsOfStep;
  /** Other models' decisions on the same observation. */
  others: InspectedDecision[];
}

/** Throws a RangeError naming the scenario when it is not one of the thesis's six. */
export function checkScenario(name: string): void {
  if (!(THESIS_SCENARIO_NAMES as readonly string[]).includes(name)) throw new RangeError(`--scenario: got "${name}", expected one of ${THESIS_SCENARIO_NAMES.join(', ')}`);
}

/** The model's env config narrowed to the scenario: fixed rates, no noise, no trace windows, the nominal plant. */
export function scenarioEnvConfig(env: EnvConfig, s: ScenarioChoice): EnvConfig {
  checkScenario(s.scenario);
  return {
    ...env,
    randomisation: null,
    episodes: { durationSeconds: s.durationSeconds, baseRps: [s.baseRps, s.baseRps], peakRps: [s.peakRps, s.peakRps], noiseRelativeSd: [0, 0], scenarios: [s.scenario], trace: null },
  };
}

/** Use to watch a model decide over a scenario (`observe` sees each observation before the model decides). */
export function rolloutModel(m: InspectableModel, s: ScenarioChoice, others: InspectableModel[] = [], observe?: (o: Observation) => void): RolloutStep[] {
  const env = createScalingEnv(scenarioEnvConfig(m.env, s));
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
    const { sla, utilization, cost, risk, violationFraction, total } = env.info!.terms;
    steps.push({ tSeconds: o.nowSeconds, observation: o, decision, terms: { sla, utilization, cost, risk, violationFraction, total }, others: otherDecisions });
    if (step.done || step.truncated) break;
  }
  return steps;
}
