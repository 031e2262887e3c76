// The bridge's /metrics in the Prometheus text format: the series the real stack's exporters produce (nginx
// request counter and latency histogram, cAdvisor container CPU/memory, kube-state-metrics Deployment/pod/HPA
// series), with the label names those exporters use, so the same PromQL runs on both.
import type { ClusterView } from './cluster-view.ts';
import type { PodCounters, ServiceCounters } from './data-plane.ts';
import { LATENCY_BUCKETS_SECONDS } from './data-plane.ts';

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
  family(out, 'nginx_http_requests_total', 'counter', 'Requests served by nginx (per pod, as the nginx exporter sidecar reports).',
    pods.map((p) => [{ namespace: p.namespace, pod: p.pod, service: p.service }, p.requests]));
  family(out, 'nginx_connections_active', 'gauge', 'Open client connections of the Service.',
    services.map((s) => [{ namespace: s.namespace, service: s.service }, s.inFlight]));
  const hist: [Record<string, string | number>, number, string?][] = [];
  for (const s of services) {
    const base = { namespace: s.namespace, service: s.service };
    LATENCY_BUCKETS_SECONDS.forEach((le, i) => hist.push([{ ...base, le }, s.buckets[i], '_bucket']));
    hist.push([{ ...base, le: '+Inf' }, s.count, '_bucket'], [base, s.sumSeconds, '_sum'], [base, s.count, '_count']);
  }
  family(out, 'nginx_http_request_duration_seconds', 'histogram', 'Request time ($request_time) of answered requests.', hist);
  family(out, 'nginx_http_requests_failed_total', 'counter', 'Requests answered with a 5xx status.',
    services.map((s) => [{ namespace: s.namespace, service: s.service }, s.failed]));
  const podByKey = new Map(view.pods.map((p) => [`${p.namespace}/${p.name}`, p]));
  family(out, 'container_cpu_usage_seconds_total', 'counter', 'Cumulative CPU time of the container (cAdvisor).',
    pods.map((p) => [{ namespace: p.namespace, pod: p.pod, container: podByKey.get(`${p.namespace}/${p.pod}`)?.containers[0]?.name ?? 'nginx' }, p.cpuCoreSeconds]));
  family(out, 'container_memory_working_set_bytes', 'gauge', 'Working set of the container (cAdvisor).',
    pods.map((p) => [{ namespace: p.namespace, pod: p.pod, container: podByKey.get(`${p.namespace}/${p.pod}`)?.containers[0]?.name ?? 'nginx' }, p.memoryBytes]));
  const requests: [Record<string, string | number>, number][] = [];
  for (const p of view.pods) {
    if (p.phase === 'Succeeded' || p.phase === 'Failed') continue;
    for (const c of p.containers) {
      requests.push([{ namespace: p.namespace, pod: p.name, container: c.name, node: p.nodeName ?? '', resource: 'cpu', unit: 'core' }, c.cpuRequestCores]);
      requests.push([{ namespace: p.namespace, pod: p.name, container: c.name, node: p.nodeName ?? '', resource: 'memory', unit: 'byte' }, c.memoryRequestBytes]);
    }
  }
  family(out, 'kube_pod_container_resource_requests', 'gauge', 'Requested resources of a container (kube-state-metrics).', requests);
  family(out, 'kube_pod_status_ready', 'gauge', 'Pod readiness (kube-state-metrics).',
    view.pods.map((p) => [{ namespace: p.namespace, pod: p.name, condition: 'true' }, p.ready ? 1 : 0]));
  const dep = (f: (d: ClusterView['deployments'][number]) => number) => view.deployments.map((d) => [{ namespace: d.namespace, deployment: d.name }, f(d)] as [Record<string, string>, number]);
  family(out, 'kube_deployment_spec_replicas', 'gauge', 'Desired replicas (kube-state-metrics).', dep((d) => d.specReplicas));
  family(out, 'kube_deployment_status_replicas', 'gauge', 'Replicas of the Deployment (kube-state-metrics).', dep((d) => d.replicas));
  family(out, 'kube_deployment_status_replicas_ready', 'gauge', 'Ready replicas (kube-state-metrics).', dep((d) => d.readyReplicas));
  family(out, 'kube_horizontalpodautoscaler_status_desired_replicas', 'gauge', 'Desired replicas of the HPA (kube-state-metrics).',
    view.hpas.map((h) => [{ namespace: h.namespace, horizontalpodautoscaler: h.name }, h.desiredReplicas]));
  return `${out.join('\n')}\n`;
}
