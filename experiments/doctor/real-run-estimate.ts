// What an experiment asks of a real cluster before it runs (issue 9, defect 10): the peak requested CPU and memory
// of one cell's namespace (the real path runs one cell at a time) against the cluster stack's VMs, and the real
// time the whole experiment takes. Pure: the caller passes the cells' durations and the cluster's size.
// (Written here for `scalelab doctor`; the real-run engineer's pre-flight check may replace it.)

/** One cell as the estimate needs it. */
export interface EstimateCell {
  key: string;
  /** The cell's load duration, s. */
  durationSeconds: number;
  /** An in-cluster agent runs for every autoscaler type but `hpa`. */
  autoscalerType: string;
  maxReplicas: number;
  cpuRequestMilli: number;
  memoryRequestMiB: number;
}

/** The cluster stack's size (Pulumi.cluster.yaml) and assumptions about what else runs on it. */
export interface EstimateCluster {
  nodeCount: number;
  vmCpus: number;
  vmMemoryGiB: number;
  /** CPU requested by MicroK8s and the observability addon, millicores (an assumption, default 1500). */
  systemCpuMilli?: number;
  /** Memory requested by them, MiB (an assumption, default 3072). */
  systemMemoryMiB?: number;
  /** k6 runs as an in-cluster Job (no local k6): its 500m/256Mi count too. */
  k6InCluster: boolean;
  /** Per-cell time besides the load (stack up, readiness, metrics wait, destroy), s (an assumption, default 240). */
  overheadSecondsPerCell?: number;
}

/** The estimate. */
export interface RealRunEstimate {
  peakCpuMilli: number;
  peakMemoryMiB: number;
  /** The cell with the largest CPU request. */
  peakCell: string;
  allocatableCpuMilli: number;
  allocatableMemoryMiB: number;
  fits: boolean;
  realSeconds: number;
}

/** Requests of the containers beside nginx, from the manifest builders (stacks/manifests). */
export const EXPORTER_SIDECAR = { cpuMilli: 10, memoryMiB: 16 };
export const AGENT_POD = { cpuMilli: 100, memoryMiB: 256 };
export const K6_JOB = { cpuMilli: 500, memoryMiB: 256 };

/** Use before a real run (and in `scalelab doctor --experiment`). */
export function estimateRealRun(cells: readonly EstimateCell[], c: EstimateCluster): RealRunEstimate {
  let peakCpuMilli = 0;
  let peakMemoryMiB = 0;
  let peakCell = '';
  let realSeconds = 0;
  for (const cell of cells) {
    const extra = (cell.autoscalerType === 'hpa' ? 0 : 1) as 0 | 1;
    const k6 = c.k6InCluster ? 1 : 0;
    const cpu = cell.maxReplicas * (cell.cpuRequestMilli + EXPORTER_SIDECAR.cpuMilli) + extra * AGENT_POD.cpuMilli + k6 * K6_JOB.cpuMilli;
    const mem = cell.maxReplicas * (cell.memoryRequestMiB + EXPORTER_SIDECAR.memoryMiB) + extra * AGENT_POD.memoryMiB + k6 * K6_JOB.memoryMiB;
    if (cpu > peakCpuMilli) [peakCpuMilli, peakCell] = [cpu, cell.key];
    peakMemoryMiB = Math.max(peakMemoryMiB, mem);
    realSeconds += cell.durationSeconds + (c.overheadSecondsPerCell ?? 240);
  }
  const allocatableCpuMilli = c.nodeCount * c.vmCpus * 1000 - (c.systemCpuMilli ?? 1500);
  const allocatableMemoryMiB = c.nodeCount * c.vmMemoryGiB * 1024 - (c.systemMemoryMiB ?? 3072);
  return { peakCpuMilli, peakMemoryMiB, peakCell, allocatableCpuMilli, allocatableMemoryMiB, fits: peakCpuMilli <= allocatableCpuMilli && peakMemoryMiB <= allocatableMemoryMiB, realSeconds };
}
