// Experience replay for DQN: a fixed-size ring buffer of transitions in typed arrays, sampled with a seeded Rng.
import type { Rng } from '../../lib/rng.ts';

/** A minibatch of transitions, row-major observations. */
export interface TransitionBatch {
  observations: Float32Array;
  actions: Int32Array;
  rewards: Float32Array;
  nextObservations: Float32Array;
  /** 1 when the transition ended the episode (no bootstrap), else 0. */
  dones: Float32Array;
  size: number;
}

/** Use to store the last `capacity` transitions and draw uniform minibatches. */
export interface ReplayBuffer {
  readonly size: number;
  add(observation: ArrayLike<number>, action: number, reward: number, nextObservation: ArrayLike<number>, done: boolean): void;
  sample(batchSize: number, rng: Rng): TransitionBatch;
  /** Everything in the buffer (for an exact resume). */
  state(): ReplayBufferState;
  setState(state: ReplayBufferState): void;
}

/** The buffer's contents and cursor. */
export interface ReplayBufferState {
  cursor: number;
  size: number;
  arrays: { obs: Float32Array; next: Float32Array; actions: Float32Array; rewards: Float32Array; dones: Float32Array };
}

export function createReplayBuffer(capacity: number, observationSize: number): ReplayBuffer {
  const obs = new Float32Array(capacity * observationSize);
  const next = new Float32Array(capacity * observationSize);
  const actions = new Int32Array(capacity);
  const rewards = new Float32Array(capacity);
  const dones = new Float32Array(capacity);
  let cursor = 0;
  let size = 0;
  return {
    get size() {
      return size;
    },
    add(o, a, r, n, d) {
      obs.set(o, cursor * observationSize);
      next.set(n, cursor * observationSize);
      actions[cursor] = a;
      rewards[cursor] = r;
      dones[cursor] = d ? 1 : 0;
      cursor = (cursor + 1) % capacity;
      size = Math.min(capacity, size + 1);
    },
    state: () => ({ cursor, size, arrays: { obs: obs.slice(0, size * observationSize), next: next.slice(0, size * observationSize), actions: Float32Array.from(actions.subarray(0, size)), rewards: rewards.slice(0, size), dones: dones.slice(0, size) } }),
    setState(s) {
      obs.set(s.arrays.obs);
      next.set(s.arrays.next);
      actions.set(s.arrays.actions);
      rewards.set(s.arrays.rewards);
      dones.set(s.arrays.dones);
      cursor = s.cursor;
      size = s.size;
    },
    sample(batchSize, rng) {
      if (size === 0) throw new Error('replay buffer is empty');
      const b: TransitionBatch = {
        observations: new Float32Array(batchSize * observationSize),
        actions: new Int32Array(batchSize),
        rewards: new Float32Array(batchSize),
        nextObservations: new Float32Array(batchSize * observationSize),
        dones: new Float32Array(batchSize),
        size: batchSize,
      };
      for (let i = 0; i < batchSize; i++) {
        const j = Math.floor(rng.next() * size);
        b.observations.set(obs.subarray(j * observationSize, (j + 1) * observationSize), i * observationSize);
        b.nextObservations.set(next.subarray(j * observationSize, (j + 1) * observationSize), i * observationSize);
        b.actions[i] = actions[j];
        b.rewards[i] = rewards[j];
        b.dones[i] = dones[j];
      }
      return b;
    },
  };
}
