// Holt's linear-trend exponential smoothing over irregularly spaced samples (trend kept per second). Pure state.

/** Level and trend after the samples seen so far. */
export interface HoltState {
  /** Smoothed level, in the sample's unit. */
  level: number;
  /** Smoothed trend, sample unit per second. */
  trendPerSecond: number;
  /** Time of the last sample, seconds. */
  lastSeconds: number;
}

/**
 * One Holt update: level = α·y + (1 − α)·(level + trend·Δt); trend = β·(Δlevel / Δt) + (1 − β)·trend.
 * The first sample sets the level and a zero trend. Use for short-horizon forecasts of a rate.
 */
export function holtUpdate(state: HoltState | undefined, y: number, tSeconds: number, alpha: number, beta: number): HoltState {
  if (state === undefined) return { level: y, trendPerSecond: 0, lastSeconds: tSeconds };
  const dt = tSeconds - state.lastSeconds;
  if (!(dt > 0)) return { ...state, level: alpha * y + (1 - alpha) * state.level };
  const level = alpha * y + (1 - alpha) * (state.level + state.trendPerSecond * dt);
  const trendPerSecond = beta * ((level - state.level) / dt) + (1 - beta) * state.trendPerSecond;
  return { level, trendPerSecond, lastSeconds: tSeconds };
}

/** Forecast `horizonSeconds` after the last sample: level + trend·h. */
export function holtForecast(state: HoltState, horizonSeconds: number): number {
  return state.level + state.trendPerSecond * horizonSeconds;
}
