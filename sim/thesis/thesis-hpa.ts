// The HPA as the thesis's n=30 study simulates it (thesis-n30.md §B) — not the upstream controller (see
// agent/ for that): use it only to reproduce table T4.
import {
  clampThesisPods,
  type ThesisControlInput,
  type ThesisController,
  type ThesisLastAction,
} from './thesis-controller.ts';

/** Parameters of the thesis's simulated HPA. */
export interface ThesisHpaConfig {
  /** Target CPU utilization, fraction of capacity. */
  targetCpu: number;
  /** Tolerance around the target, fraction; the band is [target − tol, target + tol] in floating point. */
  tolerance: number;
  /** A scale-down is skipped when the last action was a scale-down fewer than this many steps ago, steps. */
  scaleDownCooldownSteps: number;
}

/** The thesis's values: target 0.7, tolerance 0.1 (band [0.6, 0.7999999999999999]), 5-step cooldown. */
export const THESIS_HPA_DEFAULTS: Readonly<ThesisHpaConfig> = {
  targetCpu: 0.7,
  tolerance: 0.1,
  scaleDownCooldownSteps: 5,
};

/** Builds the thesis HPA with other parameters (for sensitivity checks); `thesisHpa` uses the defaults. */
export function createThesisHpa(config: ThesisHpaConfig = THESIS_HPA_DEFAULTS): ThesisController {
  const { targetCpu, tolerance, scaleDownCooldownSteps } = config;
  // Computed, not written as 0.6 / 0.8: 0.7 + 0.1 is 0.7999999999999999 and the thesis's results depend on it.
  const bandLow = targetCpu - tolerance;
  const bandHigh = targetCpu + tolerance;
  return {
    name: 'hpa',
    create() {
      const last: ThesisLastAction = { kind: 'none', step: -Infinity };
      return ({ step, observedCpu, readyPods }: ThesisControlInput): number => {
        if (observedCpu >= bandLow && observedCpu <= bandHigh) return readyPods;
        const desired = clampThesisPods(Math.ceil((readyPods * observedCpu) / targetCpu));
        if (desired > readyPods) {
          last.kind = 'up';
          last.step = step;
          return desired;
        }
        if (desired < readyPods) {
          if (last.kind === 'down' && step - last.step < scaleDownCooldownSteps) return readyPods;
          last.kind = 'down';
          last.step = step;
          return desired;
        }
        return readyPods;
      };
    },
  };
}

/** The HPA of the thesis's n=30 study (proportional rule, tolerance band, scale-down cooldown). */
export const thesisHpa: ThesisController = createThesisHpa();
