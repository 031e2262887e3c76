// The constrained hybrid: the hybrid's loop with a Lagrangian relaxation of the SLA constraint
// "fraction of violating decision windows ≤ δ" (dual ascent on λ once per episode, λ clipped) and the safety
// layer applied after the headroom floor. Both learners pay λ per violating window: DQN learns from r − λ·c and
// PPO's window reward adds −λ·c·rewardScale (c = 1 for a violating window).
import type { ScalingEnv } from './env.ts';
import type { CheckpointHook, LoopState } from './loop-state.ts';
import { trainHybrid, type HybridAgent, type HybridConfig, type HybridEpisodeLog } from './hybrid.ts';
import { applySafetyLayer, defaultSafetyConfig, type SafetyConfig } from './safety-layer.ts';

/** Settings of the Lagrangian and the safety layer. */
export interface ConstraintConfig {
  /** SLA-violation budget δ: allowed fraction of violating decision windows per episode, 0..1. */
  delta: number;
  /** Dual step size η: λ ← λ + η·(violation rate − δ). */
  lambdaLearningRate: number;
  /** λ at the start, and its clipping range [0, lambdaMax] (reward units per violating window). */
  lambdaInitial: number;
  lambdaMax: number;
  /** Safety-layer thresholds; null = no safety layer (the Lagrangian alone). */
  safety: SafetyConfig | null;
}

export const defaultConstraintConfig: ConstraintConfig = Object.freeze({
  delta: 0.02,
  lambdaLearningRate: 2,
  lambdaInitial: 0,
  lambdaMax: 20,
  safety: defaultSafetyConfig,
}) as ConstraintConfig;

/** One dual-ascent step: λ' = clip(λ + η·(violationRate − δ), 0, λmax). */
export function dualAscent(lambda: number, violationRate: number, c: ConstraintConfig): number {
  return Math.min(c.lambdaMax, Math.max(0, lambda + c.lambdaLearningRate * (violationRate - c.delta)));
}

/** The multiplier's state across episodes (saved in the model's provenance). */
export interface Lagrangian {
  readonly lambda: number;
  shapeReward(baseReward: number, violated: boolean): number;
  /** Updates λ from the episode's violation rate; returns the episode diagnostics. */
  endEpisode(violationRate: number): Pick<HybridEpisodeLog, 'lambda' | 'constraintSatisfied' | 'margin'>;
}

export function createLagrangian(c: ConstraintConfig = defaultConstraintConfig, lambda = c.lambdaInitial): Lagrangian {
  return {
    get lambda() {
      return lambda;
    },
    shapeReward: (r, violated) => r - (violated ? lambda : 0),
    endEpisode(rate) {
      const used = lambda;
      lambda = dualAscent(lambda, rate, c);
      return { lambda: used, constraintSatisfied: rate <= c.delta, margin: c.delta - rate };
    },
  };
}

export interface TrainConstrainedOptions {
  totalSteps: number;
  seed: number;
  config?: HybridConfig;
  constraint?: ConstraintConfig;
  agent?: HybridAgent;
  /** The checkpoint to continue from (λ is in its scalars). */
  resume?: LoopState;
  checkpoint?: CheckpointHook;
  episodeSeed?: (episode: number) => number;
  onEpisode?: (log: HybridEpisodeLog) => void;
  onStep?: (step: number, agent: HybridAgent, lambda: number) => void | Promise<void>;
}

/** Use to train the Lagrangian-constrained hybrid; returns the agent and the final λ. */
export async function trainConstrainedHybrid(env: ScalingEnv, options: TrainConstrainedOptions): Promise<{ agent: HybridAgent; lambda: number }> {
  const c = options.constraint ?? defaultConstraintConfig;
  const lagrangian = createLagrangian(c, options.resume?.scalars.lambda ?? c.lambdaInitial);
  const sla = env.config.plant.slaLatencyMs;
  const safety = c.safety;
  const agent = await trainHybrid(env, {
    ...options,
    onStep: options.onStep ? (step, a) => options.onStep!(step, a, lagrangian.lambda) : undefined,
    scalars: () => ({ lambda: lagrangian.lambda }),
    hooks: {
      lambda: () => lagrangian.lambda,
      endEpisode: lagrangian.endEpisode,
      after: safety
        ? (proposed, current, o) => {
            const s = applySafetyLayer(proposed, current, o, sla, safety);
            return { replicas: s.replicas, intervened: s.intervention !== 'None' };
          }
        : undefined,
    },
  });
  return { agent, lambda: lagrangian.lambda };
}
