// A cell → its scenario stack: a DNS-safe stack name and the `scalelab:` config the scenario program reads.
import { createHash } from 'node:crypto';
import type { Cell } from '../cells.ts';

/** Stack name for a cell (≤ 50 chars so the namespace `scalelab-<stack>` stays a DNS label). */
export function stackNameForCell(cell: Cell): string {
  const raw = `${cell.experiment}-${cell.scenario}-${cell.autoscaler}-s${cell.seed}`.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  if (raw.length <= 50) return raw;
  const hash = createHash('sha256').update(cell.key).digest('hex').slice(0, 8);
  return `${raw.slice(0, 41).replace(/-$/, '')}-${hash}`;
}

/** The scenario config of a cell: one autoscaler (hpa, or the agent running the cell's autoscaler type). */
export function stackConfigForCell(cell: Cell, o: { clusterStack: string; k6Job: boolean; agentImage?: string }): Record<string, string> {
  const p = cell.config.plant;
  const a = cell.config.autoscaler as Record<string, unknown>;
  const config: Record<string, string> = {
    stackKind: 'scenario',
    clusterStack: o.clusterStack,
    autoscaler: a.type === 'hpa' ? 'hpa' : 'rl',
    workloadSpec: JSON.stringify(cell.config.workload),
    seed: String(cell.seed),
    slaLatencyMs: String(p.slaLatencyMs),
    minReplicas: String(p.minReplicas),
    maxReplicas: String(p.maxReplicas),
    cpuRequestMilli: String(p.cpuRequestMilli),
    cpuLimitMilli: String(p.cpuLimitMilli),
    memoryRequestMiB: String(p.memoryRequestMiB),
    memoryLimitMiB: String(Math.max(p.memoryRequestMiB, 2 * p.memoryRequestMiB)),
    k6Job: String(o.k6Job),
  };
  if (a.type !== 'hpa') config.agentPolicy = String(a.type);
  // The cell stacks are created on the fly, so the image the user pushed reaches them here (else Pulumi.yaml's default).
  if (a.type !== 'hpa' && o.agentImage) config.agentImage = o.agentImage;
  if (typeof a.targetCpuUtilizationPercent === 'number') config.targetCpuUtilizationPercent = String(a.targetCpuUtilizationPercent);
  if (typeof a.modelDir === 'string') config.modelDir = a.modelDir;
  return config;
}
