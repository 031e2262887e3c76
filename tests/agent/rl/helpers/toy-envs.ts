// Small problems whose optimum is known, for the RL algorithm tests.
import type { DiscreteEnv, EnvStep } from '../../../../agent/rl/discrete-env.ts';

/**
 * A chain of `length` states, start in state 1; action 0 = left, 1 = right. Reaching state 0 ends the episode
 * with reward 0.1, reaching state length−1 ends it with reward 1; 30-step time limit. Optimal: always right.
 */
export function chainEnv(length = 6): DiscreteEnv {
  let s = 1;
  let t = 0;
  const obs = (): Float32Array => {
    const o = new Float32Array(length);
    o[s] = 1;
    return o;
  };
  return {
    observationSize: length,
    actionCount: 2,
    reset() {
      s = 1;
      t = 0;
      return obs();
    },
    step(action): EnvStep {
      s += action === 1 ? 1 : -1;
      t++;
      const done = s === 0 || s === length - 1;
      const reward = s === 0 ? 0.1 : s === length - 1 ? 1 : 0;
      return { observation: obs(), reward, done, truncated: !done && t >= 30 };
    },
  };
}

/** A one-step bandit with `means` expected rewards (deterministic rewards); constant observation. */
export function banditEnv(means: number[]): DiscreteEnv {
  const o = new Float32Array([1]);
  return {
    observationSize: 1,
    actionCount: means.length,
    reset: () => o,
    step: (a) => ({ observation: o, reward: means[a], done: true, truncated: false }),
  };
}

/**
 * A toy control problem: a level x in 0..10 starts at 0 and a target that changes every episode (seeded). Actions
 * −1, hold, +1 move x; reward −|x − target|/10 per step, 12 steps. Optimal: move toward the target, then hold.
 */
export function trackingEnv(): DiscreteEnv {
  let x = 0;
  let target = 5;
  let t = 0;
  const obs = () => new Float32Array([x / 10, target / 10, (target - x) / 10]);
  return {
    observationSize: 3,
    actionCount: 3,
    reset(seed) {
      x = 0;
      t = 0;
      target = 2 + (Math.abs(Math.imul(seed + 1, 2654435761)) % 7);
      return obs();
    },
    step(a) {
      x = Math.max(0, Math.min(10, x + a - 1));
      t++;
      return { observation: obs(), reward: -Math.abs(x - target) / 10, done: t >= 12, truncated: false };
    },
  };
}
