// Stabilization windows over past recommendations (upstream stabilizeRecommendation*), with the controller's
// bookkeeping: the new recommendation replaces one obsolete entry or is appended.

/** A prenormalized recommendation the controller remembers. */
export interface TimestampedRecommendation {
  timestampSeconds: number;
  replicas: number;
}

/** Result of one stabilization step; `recommendations` is the new list (the input list is not modified). */
export interface Stabilized {
  replicas: number;
  recommendations: TimestampedRecommendation[];
}

function store(list: TimestampedRecommendation[], oldIndex: number, entry: TimestampedRecommendation): TimestampedRecommendation[] {
  const next = list.slice();
  if (oldIndex >= 0) next[oldIndex] = entry;
  else next.push(entry);
  return next;
}

/**
 * Legacy path (no `behavior`): the highest recommendation of the downscale window, the desired value included.
 * A recommendation exactly at the window's edge still counts (upstream keeps it unless it is Before the cutoff).
 */
export function stabilizeLegacy(
  recommendations: TimestampedRecommendation[],
  desiredReplicas: number,
  downscaleStabilizationWindowSeconds: number,
  nowSeconds: number,
): Stabilized {
  const cutoff = nowSeconds - downscaleStabilizationWindowSeconds;
  let max = desiredReplicas;
  let oldIndex = -1;
  recommendations.forEach((rec, i) => {
    if (rec.timestampSeconds < cutoff) oldIndex = i;
    else if (rec.replicas > max) max = rec.replicas;
  });
  return {
    replicas: max,
    recommendations: store(recommendations, oldIndex, { timestampSeconds: nowSeconds, replicas: desiredReplicas }),
  };
}

/**
 * Behavior path: the result is the current count clamped between the lowest recommendation of the scale-up window
 * and the highest of the scale-down window (both include the desired value). Only entries strictly inside a
 * window count.
 */
export function stabilizeWithBehavior(
  recommendations: TimestampedRecommendation[],
  currentReplicas: number,
  desiredReplicas: number,
  scaleUpWindowSeconds: number,
  scaleDownWindowSeconds: number,
  nowSeconds: number,
): Stabilized {
  const upCutoff = nowSeconds - scaleUpWindowSeconds;
  const downCutoff = nowSeconds - scaleDownWindowSeconds;
  let up = desiredReplicas;
  let down = desiredReplicas;
  let oldIndex = -1;
  recommendations.forEach((rec, i) => {
    if (rec.timestampSeconds > upCutoff) up = Math.min(rec.replicas, up);
    if (rec.timestampSeconds > downCutoff) down = Math.max(rec.replicas, down);
    if (rec.timestampSeconds < upCutoff && rec.timestampSeconds < downCutoff) oldIndex = i;
  });
  let replicas = currentReplicas;
  if (replicas < up) replicas = up;
  if (replicas > down) replicas = down;
  return {
    replicas,
    recommendations: store(recommendations, oldIndex, { timestampSeconds: nowSeconds, replicas: desiredReplicas }),
  };
}
