// On-policy rollouts for PPO (shared by ppo.ts and hybrid.ts, as the replay buffer is for DQN): a collector per
// environment, generalised advantage estimation, and the concatenation of per-environment rollouts.
import type { CollectorState } from './loop-state.ts';

/** One rollout, row-major observations; actions are indices (categorical) or real values (Gaussian). */
export interface Rollout {
  observations: Float32Array;
  actions: Float32Array;
  logProbs: Float32Array;
  /** V(s) at collection (for the explained variance). */
  values: Float32Array;
  advantages: Float32Array;
  returns: Float32Array;
  size: number;
}

/**
 * Generalised advantage estimation. `nextValues[t]` = V(s_{t+1}) (for a truncated step: V of the true last
 * observation); `terminal[t]` = 1 stops bootstrapping, `episodeEnd[t]` = 1 (terminal or truncated) stops the
 * λ-recursion. Returns advantages and returns (= advantages + values).
 */
export function computeGae(
  rewards: ArrayLike<number>, values: ArrayLike<number>, nextValues: ArrayLike<number>,
  terminal: ArrayLike<number>, episodeEnd: ArrayLike<number>, gamma: number, lambda: number,
): { advantages: Float32Array; returns: Float32Array } {
  const n = rewards.length;
  const advantages = new Float32Array(n);
  const returns = new Float32Array(n);
  let next = 0;
  for (let t = n - 1; t >= 0; t--) {
    const delta = rewards[t] + gamma * (1 - terminal[t]) * nextValues[t] - values[t];
    next = delta + gamma * lambda * (1 - episodeEnd[t]) * next;
    advantages[t] = next;
    returns[t] = next + values[t];
  }
  return { advantages, returns };
}

/** Collects one transition at a time and returns a Rollout with GAE once `size` steps are in. */
export function createRolloutCollector(observationSize: number, size: number) {
  const arrays = {
    observations: new Float32Array(size * observationSize),
    actions: new Float32Array(size),
    logProbs: new Float32Array(size),
    rewards: new Float32Array(size),
    values: new Float32Array(size),
    nextValues: new Float32Array(size),
    terminal: new Float32Array(size),
    ends: new Float32Array(size),
  };
  const { observations, actions, logProbs, rewards, values, nextValues, terminal, ends } = arrays;
  let n = 0;
  return {
    get full() {
      return n >= size;
    },
    /** Adds a step; `nextValue` = V(s_{t+1}) (0 if terminal). */
    add(o: Float32Array, action: number, logProb: number, value: number, reward: number, nextValue: number, done: boolean, end: boolean) {
      observations.set(o, n * observationSize);
      actions[n] = action;
      logProbs[n] = logProb;
      values[n] = value;
      rewards[n] = reward;
      nextValues[n] = nextValue;
      terminal[n] = done ? 1 : 0;
      ends[n] = end ? 1 : 0;
      n++;
    },
    /** The rollout with advantages; resets the collector. */
    finish(gamma: number, lambda: number): Rollout {
      const { advantages, returns } = computeGae(rewards.subarray(0, n), values.subarray(0, n), nextValues.subarray(0, n), terminal.subarray(0, n), ends.subarray(0, n), gamma, lambda);
      const r: Rollout = { observations: observations.slice(0, n * observationSize), actions: actions.slice(0, n), logProbs: logProbs.slice(0, n), values: values.slice(0, n), advantages, returns, size: n };
      n = 0;
      return r;
    },
    state: (): CollectorState => ({ n, arrays: Object.fromEntries(Object.entries(arrays).map(([k, a]) => [k, a.slice()])) }),
    setState(state: CollectorState) {
      for (const [k, a] of Object.entries(arrays)) a.set(state.arrays[k]);
      n = state.n;
    },
  };
}

/** Concatenates rollouts (each with its own GAE) into one. */
export function concatRollouts(parts: Rollout[]): Rollout {
  if (parts.length === 1) return parts[0];
  const cat = (k: 'observations' | 'actions' | 'logProbs' | 'values' | 'advantages' | 'returns') => {
    const out = new Float32Array(parts.reduce((a, p) => a + p[k].length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p[k], at);
      at += p[k].length;
    }
    return out;
  };
  return { observations: cat('observations'), actions: cat('actions'), logProbs: cat('logProbs'), values: cat('values'), advantages: cat('advantages'), returns: cat('returns'), size: parts.reduce((a, p) => a + p.size, 0) };
}

