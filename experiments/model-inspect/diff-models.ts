// `scalelab model diff A B`: two models' decisions on the same observations. Model A drives the plant over the
// scenario; at every decision B is asked too (with its own encoder and history fed the same observations), so the
// comparison is of decisions, not of two diverging runs.
import type { InspectableModel } from './model-decider.ts';
import { rolloutModel, type ScenarioChoice } from './rollout.ts';

/** A run of consecutive decisions where the two models decide different replica counts. */
export interface DisagreementStretch {
  fromMinute: number;
  toMinute: number;
  decisions: number;
  /** Observed load over the stretch, req/s (null when no decision had data). */
  rpsMin: number | null;
  rpsMax: number | null;
  /** Replicas before the decision, over the stretch. */
  replicasMin: number;
  replicasMax: number;
  /** Decisions per final direction of each model. */
  a: Record<Direction, number>;
  b: Record<Direction, number>;
  /** Mean replicas each model decided over the stretch. */
  aMeanReplicas: number;
  bMeanReplicas: number;
}

type Direction = 'up' | 'hold' | 'down';

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
  /** confusion[aAction][bAction] = decisions (the networks' choices, before floor and safety). */
  confusion: Record<string, Record<string, number>>;
  /** Mean of (B's replicas − A's replicas) over all decisions: > 0 means B would run more pods here. */
  meanReplicaDifference: number;
  /** Decisions where both networks chose the same action and yet the replicas differ (floor or safety layer). */
  sameActionDifferentReplicas: number;
  /** Mean headroom in effect over the decisions, per model (null for a model without PPO headroom). */
  meanHeadroom: { a: number | null; b: number | null };
  /** Where they differ: stretches of consecutive decisions with different replica counts, in time order. */
  disagreements: DisagreementStretch[];
}

const direction = (replicas: number, current: number): Direction => (replicas > current ? 'up' : replicas < current ? 'down' : 'hold');
const noDirections = (): Record<Direction, number> => ({ up: 0, hold: 0, down: 0 });

/** Use to compare two models on one scenario. */
export function diffModels(a: InspectableModel, b: InspectableModel, scenario: ScenarioChoice): ModelDiff {
  const [pa, pb] = [a.env.decisionPeriodSeconds, b.env.decisionPeriodSeconds];
  // B is asked at A's decisions; at another period its feature history (avg, max, trend) would mean something else.
  if (pa !== pb) throw new RangeError(`model diff: A decides every ${pa} s and B every ${pb} s; expected two models with the same decision period`);
  const steps = rolloutModel(a, scenario, [b]);
  const confusion: ModelDiff['confusion'] = Object.fromEntries(a.actionNames.map((x) => [x, Object.fromEntries(b.actionNames.map((y) => [y, 0]))]));
  let sameAction = 0, sameReplicas = 0, sameDirection = 0, difference = 0, sameActionOtherReplicas = 0, headroomA = 0, headroomB = 0;
  const disagreements: DisagreementStretch[] = [];
  let open: (DisagreementStretch & { aSum: number; bSum: number }) | null = null;
  const close = () => {
    if (!open) return;
    const { aSum, bSum, ...stretch } = open;
    disagreements.push({ ...stretch, aMeanReplicas: aSum / stretch.decisions, bMeanReplicas: bSum / stretch.decisions });
    open = null;
  };
  for (const s of steps) {
    const [da, db] = [s.decision, s.others[0]];
    const [na, nb] = [a.actionNames[da.actionIndex], b.actionNames[db.actionIndex]];
    confusion[na][nb]++;
    if (na === nb) sameAction++;
    if (na === nb && da.replicas !== db.replicas) sameActionOtherReplicas++;
    headroomA += da.headroom ?? 0;
    headroomB += db.headroom ?? 0;
    const current = s.observation.specReplicas;
    const [dirA, dirB] = [direction(da.replicas, current), direction(db.replicas, current)];
    if (dirA === dirB) sameDirection++;
    difference += db.replicas - da.replicas;
    if (da.replicas === db.replicas) {
      sameReplicas++;
      close();
      continue;
    }
    const t = s.tSeconds / 60;
    const rps = s.observation.rps ?? null;
    open ??= { fromMinute: t, toMinute: t, decisions: 0, rpsMin: null, rpsMax: null, replicasMin: current, replicasMax: current, a: noDirections(), b: noDirections(), aMeanReplicas: 0, bMeanReplicas: 0, aSum: 0, bSum: 0 };
    open.toMinute = t;
    open.decisions++;
    if (rps !== null) [open.rpsMin, open.rpsMax] = [Math.min(open.rpsMin ?? rps, rps), Math.max(open.rpsMax ?? rps, rps)];
    [open.replicasMin, open.replicasMax] = [Math.min(open.replicasMin, current), Math.max(open.replicasMax, current)];
    open.a[dirA]++;
    open.b[dirB]++;
    open.aSum += da.replicas;
    open.bSum += db.replicas;
  }
  close();
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
    meanReplicaDifference: difference / n,
    sameActionDifferentReplicas: sameActionOtherReplicas,
    meanHeadroom: { a: a.hybrid ? headroomA / n : null, b: b.hybrid ? headroomB / n : null },
    disagreements,
  };
}
