// `scalelab model diff A B`: two models' decisions on the same observations. Model A drives the plant over the
// scenario; at every decision B is asked too (with its own encoder and history fed the same observations), so the
// comparison is of decisions, not of two diverging runs.
import type { InspectableModel } from './model-decider.ts';
import { rolloutModel, type ScenarioChoice } from './rollout.ts';

/** The comparison. */
export interface ModelDiff {
  a: { dir: string; agent: string; actions: string[] };
  b: { dir: string; agent: string; actions: string[] };
  scenario: ScenarioChoice & { decisions: number; drivenBy: 'a' };
  /** Fraction of decisions where both networks chose the same action name (null when the action sets differ). */
  actionAgreement: number | null;
  /** Fraction of decisions where both ended at the same replica count (after floors and safety layers). */
  replicaAgreement: number;
  /** Same direction (up, hold, down) of the final decision. */
  directionAgreement: number;
  /** confusion[aAction][bAction] = decisions. */
  confusion: Record<string, Record<string, number>>;
}

const direction = (replicas: number, current: number) => (replicas > current ? 'up' : replicas < current ? 'down' : 'hold');

/** Use to compare two models on one scenario. */
export function diffModels(a: InspectableModel, b: InspectableModel, scenario: ScenarioChoice): ModelDiff {
  const steps = rolloutModel(a, scenario, [b]);
  const confusion: ModelDiff['confusion'] = Object.fromEntries(a.actionNames.map((x) => [x, Object.fromEntries(b.actionNames.map((y) => [y, 0]))]));
  let sameAction = 0, sameReplicas = 0, sameDirection = 0;
  for (const s of steps) {
    const [da, db] = [s.decision, s.others[0]];
    const [na, nb] = [a.actionNames[da.actionIndex], b.actionNames[db.actionIndex]];
    confusion[na][nb]++;
    if (na === nb) sameAction++;
    if (da.replicas === db.replicas) sameReplicas++;
    const current = s.observation.specReplicas;
    if (direction(da.replicas, current) === direction(db.replicas, current)) sameDirection++;
  }
  const n = Math.max(1, steps.length);
  const sameSet = a.actionNames.join() === b.actionNames.join();
  return {
    a: { dir: a.dir, agent: a.agent, actions: a.actionNames },
    b: { dir: b.dir, agent: b.agent, actions: b.actionNames },
    scenario: { ...scenario, decisions: steps.length, drivenBy: 'a' },
    actionAgreement: sameSet ? sameAction / n : null,
    replicaAgreement: sameReplicas / n,
    directionAgreement: sameDirection / n,
    confusion,
  };
}
