// The contract between the thesis-compatible plant and its two controllers (thesis-n30.md §B).

/** Stable names of the thesis plant's controllers (also the `controller` column of the per-trace CSV). */
export type ThesisControllerName = 'hpa' | 'thesis-threshold';

/** What a thesis controller sees once per 60 s step, after the plant has measured the step. */
export interface ThesisControlInput {
  /** Step index t, 0-based. */
  step: number;
  /** Observed CPU utilization as a fraction of capacity: mean of this step's and the previous step's CPU. */
  observedCpu: number;
  /** Raw traffic of this step, requests (the integer trace value). */
  trafficRequests: number;
  /** Ready pods this step. */
  readyPods: number;
}

/** One trace's decision function: returns the pod count wanted (> ready adds starting pods, < ready removes). */
export type ThesisDecide = (input: ThesisControlInput) => number;

/** A thesis controller: a name plus a factory for its per-trace state (cooldown, history). */
export interface ThesisController {
  readonly name: ThesisControllerName;
  /** Fresh state for one trace. */
  create(): ThesisDecide;
}

/** Why the thesis controllers remember their last action: scale-down cooldowns are measured from it. */
export interface ThesisLastAction {
  /** Direction of the last action that actually changed the pod count. */
  kind: 'up' | 'down' | 'none';
  /** Step at which it happened (−∞ before any action). */
  step: number;
}

/** Pod-count bounds shared by both controllers. */
export const THESIS_MIN_PODS = 1;
export const THESIS_MAX_PODS = 50;

/** Clamps a pod count into [THESIS_MIN_PODS, THESIS_MAX_PODS]. */
export function clampThesisPods(pods: number): number {
  return Math.min(Math.max(pods, THESIS_MIN_PODS), THESIS_MAX_PODS);
}
