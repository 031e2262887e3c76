// Centralised training's environment: all clients' plants behind one environment, each episode on a plant drawn
// uniformly from the episode seed (so one agent sees every plant, as if all clusters pooled their experience).
import { createRng } from '../../../lib/rng.ts';
import type { DiscreteEnv } from '../discrete-env.ts';

/** The plant (index into the list) an episode with this seed runs on: uniform over `count`, from the seed alone. */
export function episodePlantIndex(seed: number, count: number): number {
  return createRng(seed).fork(0xce47).int(0, count - 1);
}

/** Use for the centralised baseline: one environment whose every episode runs on one of `envs`. */
export function createMixedPlantEnv(envs: readonly DiscreteEnv[]): DiscreteEnv & { readonly current: number } {
  if (envs.length === 0) throw new RangeError('createMixedPlantEnv needs at least one environment');
  let current = 0;
  return {
    observationSize: envs[0].observationSize,
    actionCount: envs[0].actionCount,
    get current() {
      return current;
    },
    reset(seed) {
      current = episodePlantIndex(seed, envs.length);
      return envs[current].reset(seed);
    },
    step: (action) => envs[current].step(action),
  };
}
