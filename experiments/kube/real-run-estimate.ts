// Before the first cell: does the experiment fit the cluster stack's VMs, and how long will it take in real time?
// Cells run one at a time, so the peak is the largest single cell: nginx at maxReplicas (container request + the
// exporter sidecar), the agent pod for agent cells, and the k6 Job when the load runs in the cluster. The cluster
// loses a reserve per node to MicroK8s and the observability addon (estimates from their default requests and
// typical use: Prometheus, Grafana, Loki, kube-state-metrics, CoreDNS, Calico, metrics-server on the first node).
// Pure: numbers in, numbers and words out.
import type { Cell } from '../cells.ts';

/** The cluster stack's VMs (stacks/cluster-config.ts). */
export interface ClusterSize {
  nodeCount: number;
  vmCpus: number;
  vmMemoryGiB: number;
}

/** CPU (millicores) and memory (MiB) requests. */
export interface Footprint {
  cpuMilli: number;
  memoryMiB: number;
}

/** Estimated requests of MicroK8s + the observability addon on the first node, and of the per-node agents elsewhere. */
export const CLUSTER_RESERVE = { firstNode: { cpuMilli: 1500, memoryMiB: 3072 }, otherNode: { cpuMilli: 250, memoryMiB: 512 } } as const;

/** Requests of the pods beside nginx (stacks/manifests: exporter sidecar, agent Deployment, k6 Job + results server). */
export const POD_REQUESTS = { exporterSidecar: { cpuMilli: 10, memoryMiB: 16 }, agent: { cpuMilli: 100, memoryMiB: 256 }, k6Job: { cpuMilli: 510, memoryMiB: 272 } } as const;

/** Real seconds a cell costs besides its load: `pulumi up`, readiness, one range window, `destroy` (estimate). */
export const CELL_OVERHEAD_SECONDS = 420;

/** Peak requests of one cell. */
export function cellFootprint(cell: Cell, k6InCluster: boolean): Footprint {
  const p = cell.config.plant;
  const agent = (cell.config.autoscaler as { type?: string }).type !== 'hpa';
  return {
    cpuMilli: p.maxReplicas * (p.cpuRequestMilli + POD_REQUESTS.exporterSidecar.cpuMilli) + (agent ? POD_REQUESTS.agent.cpuMilli : 0) + (k6InCluster ? POD_REQUESTS.k6Job.cpuMilli : 0),
    memoryMiB: p.maxReplicas * (p.memoryRequestMiB + POD_REQUESTS.exporterSidecar.memoryMiB) + (agent ? POD_REQUESTS.agent.memoryMiB : 0) + (k6InCluster ? POD_REQUESTS.k6Job.memoryMiB : 0),
  };
}

/** What the cluster leaves for scenario pods. */
export function clusterAllocatable(c: ClusterSize): Footprint {
  const extra = c.nodeCount - 1;
  return {
    cpuMilli: c.nodeCount * c.vmCpus * 1000 - CLUSTER_RESERVE.firstNode.cpuMilli - extra * CLUSTER_RESERVE.otherNode.cpuMilli,
    memoryMiB: c.nodeCount * c.vmMemoryGiB * 1024 - CLUSTER_RESERVE.firstNode.memoryMiB - extra * CLUSTER_RESERVE.otherNode.memoryMiB,
  };
}

/** The verdict and the numbers behind it. */
export interface RealRunEstimate {
  feasible: boolean;
  peak: Footprint;
  /** The cell with the peak (its key). */
  peakCell: string;
  allocatable: Footprint;
  realSeconds: number;
  /** One paragraph for the user: the estimate, and for an infeasible experiment what to change. */
  text: string;
}

/** Use before the first cell: peak requests against the cluster, and the real-time length of `cells`. */
export function estimateRealRun(cells: readonly Cell[], cluster: ClusterSize, o: { k6InCluster: boolean; loadSecondsOf: (cell: Cell) => number }): RealRunEstimate {
  let peak: Footprint = { cpuMilli: 0, memoryMiB: 0 };
  let peakCell = '';
  let realSeconds = 0;
  for (const cell of cells) {
    const f = cellFootprint(cell, o.k6InCluster);
    if (f.cpuMilli > peak.cpuMilli || (f.cpuMilli === peak.cpuMilli && f.memoryMiB > peak.memoryMiB)) [peak, peakCell] = [f, cell.key];
    realSeconds += o.loadSecondsOf(cell) + CELL_OVERHEAD_SECONDS;
  }
  const alloc = clusterAllocatable(cluster);
  const feasible = peak.cpuMilli <= alloc.cpuMilli && peak.memoryMiB <= alloc.memoryMiB;
  const hours = realSeconds / 3600;
  const lines = [
    `real-time estimate: ${cells.length} cells, ${hours.toFixed(1)} h (${(hours / 24).toFixed(1)} days) including ~${CELL_OVERHEAD_SECONDS / 60} min of pulumi up/destroy per cell`,
    `peak requests: ${(peak.cpuMilli / 1000).toFixed(2)} vCPU, ${(peak.memoryMiB / 1024).toFixed(2)} GiB (cell ${peakCell}); the cluster (${cluster.nodeCount} × ${cluster.vmCpus} vCPU / ${cluster.vmMemoryGiB} GiB) leaves ${(alloc.cpuMilli / 1000).toFixed(2)} vCPU, ${(alloc.memoryMiB / 1024).toFixed(2)} GiB beside MicroK8s and its observability addon`,
  ];
  if (!feasible) {
    const perNode = { cpuMilli: cluster.vmCpus * 1000 - CLUSTER_RESERVE.otherNode.cpuMilli, memoryMiB: cluster.vmMemoryGiB * 1024 - CLUSTER_RESERVE.otherNode.memoryMiB };
    const moreNodes = Math.max(Math.ceil((peak.cpuMilli - alloc.cpuMilli) / perNode.cpuMilli), Math.ceil((peak.memoryMiB - alloc.memoryMiB) / perNode.memoryMiB), 1);
    lines.push(
      'the experiment does not fit: change one of',
      `  - the cluster: pulumi config set -s cluster scalelab:nodeCount ${cluster.nodeCount + moreNodes} (or larger scalelab:vmCpus / scalelab:vmMemoryGiB), then pulumi up -s cluster`,
      '  - the experiment: a lower plant.maxReplicas or plant.cpuRequestMilli / plant.memoryRequestMiB (e.g. experiments/defs/real-smoke.json fits the default cluster)',
    );
  }
  return { feasible, peak, peakCell, allocatable: alloc, realSeconds, text: lines.join('\n') };
}
