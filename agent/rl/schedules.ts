// Exploration schedules (ε for DQN): pure functions of the step count.

/** A value as a function of the global step. */
export type Schedule = (step: number) => number;

/** Linear from `start` to `end` over `durationSteps`, then `end` (CleanRL's linear_schedule). */
export function linearSchedule(start: number, end: number, durationSteps: number): Schedule {
  return (step) => (durationSteps <= 0 || step >= durationSteps ? end : start + ((end - start) * step) / durationSteps);
}

/** Exponential decay `end + (start − end)·exp(−step / timeConstantSteps)`. */
export function exponentialSchedule(start: number, end: number, timeConstantSteps: number): Schedule {
  return (step) => end + (start - end) * Math.exp(-step / Math.max(1e-9, timeConstantSteps));
}
