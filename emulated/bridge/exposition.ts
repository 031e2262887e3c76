// The bridge's /metrics in the Prometheus text format: the series the real stack's exporters produce (nginx
// request counter and latency histogram, cAdvisor container CPU/memory, kube-state-metrics Deployment/pod/HPA
// series), with the label names those exporters use, so the same PromQL runs on both.
import type { ClusterView } from './cluster-view.ts';
import type { PodCounters, ServiceCounters } from './data-plane.ts';
import { LATENCY_BUCKETS_SECONDS, METRICS } from '../../lib/metric-names.ts';

const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const labels = (l: Record<string, string | number>) => `{${Object.entries(l).map(([k, v]) => `${k}="${esc(String(v))}"`).join(',')}}`;
const num = (v: number) => (Number.isFinite(v) ? String(v) : v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN');

/** One metric family: HELP, TYPE and its samples. */
function family(out: string[], name: string, type: 'counter' | 'gauge' | 'histogram', help: string, samples: [Record<string, string | number>, number, string?][]): void {
  out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  for (const [l, v, suffix] of samples) out.push(`${name}${suffix ?? ''}${labels(l)} ${num(v)}`);
}

/** The whole exposition text for one scrape. */
export function renderExposition(view: ClusterView, pods: PodCounters[], services: ServiceCounters[]): string {
  const out: string[] = [];
  family(out, METRICS.nginxRequestsTotal, 'counter', 'Requests nginx accepted (stub_status exporter, per pod).',
    pods.map((p) => [{ namespace: p.namespace, pod: p.pod, service: p.service }, p.requests]));
  family(out, METRICS.nginxConnectionsActive, 'gauge', 'Open client connections (stub_status exporter).',
    services.map((s) => [{ namespace: s.namespace, service: s.service }, s.inFlight]));
  const responses: [Record<string, string | number>, number, string?][] = [];
  const hist: [Record<string, string | number>, number, string?][] = [];
  for (const s of services) {
    for (const [status, h] of Object.entries(s.byStatus)) {
      const base = { namespace: s.namespace, service: s.service, method: 'GET', status };
      responses.push([base, h.count]);
      LATENCY_BUCKETS_SECONDS.forEach((le, i) => hist.push([{ ...base, le }, h.buckets[i], '_bucket']));
      hist.push([{ ...base, le: '+Inf' }, h.count, '_bucket'], [base, h.sumSeconds, '_sum'], [base, h.count, '_count']);
    }
  }
  family(out, METRICS.responsesTotal, 'counter', 'Responses by status (access-log exporter).', responses);
  family(out, METRICS.responseTimeHistogram, 'histogram', 'Response time ($request_time) by status (access-log exporter).', hist);
  const podByKey = new Map(view.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
  family(out, METRICS.containerCpuSecondsTotal, 'counter', 'Cumulative CPU time of the container (cAdvisor).',
    pods.map((p) => [{ namespace: p.namespace, pod: p.pod, container: podByKey.get(`${p.namespace}/${p.pod}`)?.containers[0]?.name ?? 'nginx' }, p.cpuCoreSeconds]));
  family(out, METRICS.containerMemoryWorkingSetBytes, 'gauge', 'Working set of the container (cAdvisor).',
    pods.map((p) => [{ namespace: p.namespace, pod: p.pod, container: podByKey.get(`${p.namespace}/${p.pod}`)?.containers[0]?.name ?? 'nginx' }, p.memoryBytes]));
  const requests: [Record<string, string | number>, number][] = [];
  for (const p of view.pods) {
    if (p.phase === 'Succeeded' || p.phase === 'Failed') continue;
    for (const c of p.containers) {
      requests.push([{ namespace: p.namespace, pod: p.name, container: c.name, node: p.nodeName ?? '', resource: 'cpu', unit: 'core' }, c.cpuRequestCores]);
      requests.push([{ namespace: p.namespace, pod: p.name, container: c.name, node: p.nodeName ?? '', resource: 'memory', unit: 'byte' }, c.memoryRequestBytes]);
    }
  }
  family(out, METRICS.podContainerResourceRequests, 'gauge', 'Requested resources of a container (kube-state-metrics).', requests);
  family(out, 'kube_pod_status_ready', 'gauge', 'Pod readiness (kube-state-metrics).',
    view.pods.map((p) => [{ namespace: p.namespace, pod: p.name, condition: 'true' }, p.ready ? 1 : 0]));
  const dep = (f: (d: ClusterView['deployments'][number]) => number) => view.deployments.map((d) => [{ namespace: d.namespace, deployment: d.name }, f(d)] as [Record<string, string>, number]);
  family(out, METRICS.deploymentSpecReplicas, 'gauge', 'Desired replicas (kube-state-metrics).', dep((d) => d.specReplicas));
  family(out, METRICS.deploymentStatusReplicas, 'gauge', 'Replicas of the Deployment (kube-state-metrics).', dep((d) => d.replicas));
  family(out, METRICS.deploymentReadyReplicas, 'gauge', 'Ready replicas (kube-state-metrics).', dep((d) => d.readyReplicas));
  family(out, 'kube_horizontalpodautoscaler_status_desired_replicas', 'gauge', 'Desired replicas of the HPA (kube-state-metrics).',
    view.hpas.map((h) => [{ namespace: h.namespace, horizontalpodautoscaler: h.name }, h.desiredReplicas]));
  return `${out.join('\n')}\n`;
}
