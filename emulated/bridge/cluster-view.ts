// What the bridge knows of the cluster, refreshed by listing the API every second: the scenario Services with a
// NodePort, the pods each selects (Ready or starting, as kwok reports them), Deployments and HPAs.
import type { KubeClient } from '../kube-client.ts';

export interface PodView {
  namespace: string;
  name: string;
  labels: Record<string, string>;
  ready: boolean;
  /** Created and scheduled, not yet Ready (kwok: ContainerCreating, then Running+Ready). */
  starting: boolean;
  phase: string;
  nodeName?: string;
  /** Requested CPU of each container, cores, and memory, bytes. */
  containers: { name: string; cpuRequestCores: number; memoryRequestBytes: number; env: Record<string, string>; image: string }[];
  serviceAccountName?: string;
  ownerKind?: string;
  ownerName?: string;
  annotations: Record<string, string>;
  volumes: any[];
  deleting: boolean;
}

export interface ServiceView {
  namespace: string;
  name: string;
  selector: Record<string, string>;
  nodePort: number;
}

export interface DeploymentView {
  namespace: string;
  name: string;
  specReplicas: number;
  replicas: number;
  readyReplicas: number;
  selector: Record<string, string>;
}

export interface HpaView {
  namespace: string;
  name: string;
  desiredReplicas: number;
  currentReplicas: number;
}

export interface ClusterView {
  pods: PodView[];
  services: ServiceView[];
  deployments: DeploymentView[];
  hpas: HpaView[];
}

/** Namespaces whose NodePort Services are not served by the bridge (Prometheus and Grafana live there). */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'observability', 'default']);

/** Parses a Kubernetes CPU quantity ("250m", "0.5", "2") into cores. */
export function parseCpu(q: string | number | undefined): number {
  if (q === undefined) return 0;
  const s = String(q);
  if (s.endsWith('n')) return Number(s.slice(0, -1)) / 1e9;
  if (s.endsWith('u')) return Number(s.slice(0, -1)) / 1e6;
  if (s.endsWith('m')) return Number(s.slice(0, -1)) / 1000;
  return Number(s);
}

const MEMORY_SUFFIX: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** Parses a Kubernetes memory quantity ("256Mi", "1G", "1000") into bytes. */
export function parseMemory(q: string | number | undefined): number {
  if (q === undefined) return 0;
  const m = /^([0-9.]+)([A-Za-z]*)$/.exec(String(q));
  if (!m) return 0;
  return Number(m[1]) * (m[2] ? MEMORY_SUFFIX[m[2]] ?? 1 : 1);
}

/** Lists everything the bridge needs in four calls. */
export async function readClusterView(api: KubeClient): Promise<ClusterView> {
  const [pods, services, deployments, hpas] = await Promise.all([
    api.get('/api/v1/pods'),
    api.get('/api/v1/services'),
    api.get('/apis/apps/v1/deployments'),
    api.get('/apis/autoscaling/v2/horizontalpodautoscalers'),
  ]);
  return {
    pods: pods.items.map(toPodView),
    services: services.items
      .filter((s: any) => s.spec?.type === 'NodePort' && !SYSTEM_NAMESPACES.has(s.metadata.namespace) && s.spec.selector)
      .flatMap((s: any) => (s.spec.ports ?? []).filter((p: any) => p.nodePort).slice(0, 1).map((p: any) => ({ namespace: s.metadata.namespace, name: s.metadata.name, selector: s.spec.selector, nodePort: p.nodePort }))),
    deployments: deployments.items.map((d: any) => ({
      namespace: d.metadata.namespace, name: d.metadata.name, specReplicas: d.spec.replicas ?? 1, replicas: d.status?.replicas ?? 0,
      readyReplicas: d.status?.readyReplicas ?? 0, selector: d.spec.selector?.matchLabels ?? {},
    })),
    hpas: hpas.items.map((h: any) => ({ namespace: h.metadata.namespace, name: h.metadata.name, desiredReplicas: h.status?.desiredReplicas ?? 0, currentReplicas: h.status?.currentReplicas ?? 0 })),
  };
}

function toPodView(p: any): PodView {
  const conds: any[] = p.status?.conditions ?? [];
  const ready = conds.some((c) => c.type === 'Ready' && c.status === 'True');
  const owner = p.metadata.ownerReferences?.[0];
  return {
    namespace: p.metadata.namespace,
    name: p.metadata.name,
    labels: p.metadata.labels ?? {},
    annotations: p.metadata.annotations ?? {},
    ready: ready && p.status?.phase === 'Running',
    starting: !ready && p.status?.phase === 'Pending' && p.spec?.nodeName !== undefined,
    phase: p.status?.phase ?? 'Pending',
    nodeName: p.spec?.nodeName,
    deleting: p.metadata.deletionTimestamp !== undefined,
    serviceAccountName: p.spec?.serviceAccountName,
    ownerKind: owner?.kind,
    ownerName: owner?.name,
    volumes: p.spec?.volumes ?? [],
    containers: (p.spec?.containers ?? []).map((c: any) => ({
      name: c.name,
      image: c.image,
      cpuRequestCores: parseCpu(c.resources?.requests?.cpu),
      memoryRequestBytes: parseMemory(c.resources?.requests?.memory),
      env: Object.fromEntries((c.env ?? []).filter((e: any) => typeof e.value === 'string').map((e: any) => [e.name, e.value])),
    })),
  };
}

/** True when `labels` has every key/value of `selector`. */
export function matches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}
