// The environment port every RL algorithm trains on: the scaling environment and the toy problems of the tests.

/** Result of one environment step. */
export interface EnvStep {
  observation: Float32Array;
  reward: number;
  /** Terminal state: no bootstrap from the next observation. */
  done: boolean;
  /** Episode cut by a time limit: bootstrap, but start a new episode. */
  truncated: boolean;
}

/** A discrete-action environment; `reset(seed)` starts a reproducible episode. */
export interface DiscreteEnv {
  readonly observationSize: number;
  readonly actionCount: number;
  reset(seed: number): Float32Array;
  step(action: number): EnvStep;
}
