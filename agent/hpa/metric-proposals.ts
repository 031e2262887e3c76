// Combining the proposals of several metrics (upstream computeReplicasForMetrics): the largest wins, and an
// invalid metric blocks only a scale-down.

/** One metric's outcome: a proposal, or the condition reason of the error it gave. */
export type MetricProposal = { replicas: number } | { invalidReason: string; message: string };

/** The combined proposal, or `null` replicas when the controller would not scale (with the first invalid reason). */
export interface CombinedProposal {
  replicas: number | null;
  invalidReason?: string;
  invalidCount: number;
}

/** Use with one entry per metric spec, in spec order; `specReplicas` is the scale target's current spec.replicas. */
export function combineMetricProposals(proposals: MetricProposal[], specReplicas: number): CombinedProposal {
  let replicas = 0;
  let invalidCount = 0;
  let invalidReason: string | undefined;
  for (const proposal of proposals) {
    if ('invalidReason' in proposal) {
      if (invalidCount === 0) invalidReason = proposal.invalidReason;
      invalidCount++;
      continue;
    }
    if (replicas === 0 || proposal.replicas > replicas) replicas = proposal.replicas;
  }
  // All metrics invalid, or some invalid and the valid ones would scale down: do not scale.
  if (invalidCount >= proposals.length || (invalidCount > 0 && replicas < specReplicas)) {
    return { replicas: null, invalidReason, invalidCount };
  }
  return invalidReason === undefined ? { replicas, invalidCount } : { replicas, invalidReason, invalidCount };
}
