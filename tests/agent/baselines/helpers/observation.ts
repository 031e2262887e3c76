// Builds Observations for baseline tests: only the fields a case sets differ from a quiet 1..20-replica service.
import type { Observation, PodView } from '../../../../lib/ports.ts';

export function observation(o: Partial<Observation> & { nowSeconds: number }): Observation {
  const spec = o.specReplicas ?? o.readyReplicas ?? 1;
  const ready = o.readyReplicas ?? spec;
  const pods: PodView[] = Array.from({ length: ready }, (_, i) => ({
    name: `pod-${i}`,
    phase: 'Running',
    ready: true,
    deleting: false,
    cpuRequestMilli: 250,
    memoryRequestMiB: 256,
  }));
  return {
    specReplicas: spec,
    readyReplicas: ready,
    startingReplicas: 0,
    pendingReplicas: 0,
    minReplicas: 1,
    maxReplicas: 20,
    pods,
    ...o,
  };
}
