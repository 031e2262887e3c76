// metrics.k8s.io/v1beta1 served by the bridge behind the API server's aggregation layer (an APIService pointing
// at an ExternalName Service), as metrics-server serves it: per-pod CPU is the rate between the two latest samples
// taken every `resolutionSeconds`, `timestamp` is the latest sample and `window` the interval. A pod with fewer than
// two samples is left out, as metrics-server leaves it out (the HPA then treats it as missing).
import { createServer, type Server } from 'node:https';
import { readFileSync } from 'node:fs';
import type { ClusterView } from './cluster-view.ts';
import type { PodCounters } from './data-plane.ts';
import { parseLabelSelector } from './label-selector.ts';

interface Sample { tMs: number; cpuCoreSeconds: number; memoryBytes: number }

/** Keeps the last two CPU samples of each pod. */
export interface MetricsSampler {
  sample(pods: PodCounters[], nowMs: number): void;
  /** Usage of a pod over its latest window, or undefined (fewer than two samples). */
  usage(namespace: string, pod: string): { cpuCores: number; memoryBytes: number; timestampMs: number; windowSeconds: number } | undefined;
}

export function createMetricsSampler(): MetricsSampler {
  const samples = new Map<string, Sample[]>();
  return {
    sample(pods, nowMs) {
      const live = new Set<string>();
      for (const p of pods) {
        const k = `${p.namespace}/${p.pod}`;
        live.add(k);
        const list = samples.get(k) ?? [];
        list.push({ tMs: nowMs, cpuCoreSeconds: p.cpuCoreSeconds, memoryBytes: p.memoryBytes });
        while (list.length > 2) list.shift();
        samples.set(k, list);
      }
      for (const k of samples.keys()) if (!live.has(k)) samples.delete(k);
    },
    usage(namespace, pod) {
      const list = samples.get(`${namespace}/${pod}`);
      if (!list || list.length < 2) return undefined;
      const [a, b] = list;
      const dt = (b.tMs - a.tMs) / 1000;
      return { cpuCores: dt > 0 ? (b.cpuCoreSeconds - a.cpuCoreSeconds) / dt : 0, memoryBytes: b.memoryBytes, timestampMs: b.tMs, windowSeconds: dt };
    },
  };
}

const cpuQuantity = (cores: number) => `${Math.max(0, Math.round(cores * 1e9))}n`;
const memQuantity = (bytes: number) => `${Math.max(0, Math.round(bytes / 1024))}Ki`;

/** Serves the metrics API over TLS; only clients with a front-proxy certificate (the API server) may connect. */
export function startMetricsApi(o: { port: number; certFile: string; keyFile: string; clientCaFile: string; view: () => ClusterView; sampler: MetricsSampler }): Promise<Server> {
  const podMetrics = (p: ClusterView['pods'][number]) => {
    const u = o.sampler.usage(p.namespace, p.name);
    if (!u) return undefined;
    return {
      metadata: { name: p.name, namespace: p.namespace, labels: p.labels, creationTimestamp: new Date(u.timestampMs).toISOString() },
      timestamp: new Date(u.timestampMs).toISOString(),
      window: `${Math.round(u.windowSeconds)}s`,
      containers: p.containers.map((c, i) => ({ name: c.name, usage: i === 0 ? { cpu: cpuQuantity(u.cpuCores), memory: memQuantity(u.memoryBytes) } : { cpu: '0', memory: '0' } })),
    };
  };
  const resources = {
    kind: 'APIResourceList', apiVersion: 'v1', groupVersion: 'metrics.k8s.io/v1beta1',
    resources: [
      { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
      { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
    ],
  };
  const group = { name: 'metrics.k8s.io', versions: [{ groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' }], preferredVersion: { groupVersion: 'metrics.k8s.io/v1beta1', version: 'v1beta1' } };
  const server = createServer({ cert: readFileSync(o.certFile), key: readFileSync(o.keyFile), ca: readFileSync(o.clientCaFile), requestCert: true, rejectUnauthorized: true }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://localhost');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const path = url.pathname.replace(/\/$/, '');
    if (path === '/healthz' || path === '/readyz' || path === '/livez') return void res.end('ok');
    if (path === '/apis') return send(200, { kind: 'APIGroupList', apiVersion: 'v1', groups: [group] });
    if (path === '/apis/metrics.k8s.io') return send(200, { kind: 'APIGroup', apiVersion: 'v1', ...group });
    if (path === '/apis/metrics.k8s.io/v1beta1') return send(200, resources);
    let selector: (l: Record<string, string>) => boolean;
    try {
      selector = parseLabelSelector(url.searchParams.get('labelSelector') ?? '');
    } catch (err) {
      return send(400, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: (err as Error).message, reason: 'BadRequest', code: 400 });
    }
    const view = o.view();
    let m: RegExpExecArray | null;
    if ((m = /^\/apis\/metrics\.k8s\.io\/v1beta1(?:\/namespaces\/([^/]+))?\/pods(?:\/([^/]+))?$/.exec(path))) {
      const [, ns, name] = m;
      const pods = view.pods.filter((p) => (!ns || p.namespace === ns) && (!name || p.name === name) && p.phase === 'Running' && selector(p.labels));
      const items = pods.map(podMetrics).filter((x) => x !== undefined);
      if (name) return items[0] ? send(200, { kind: 'PodMetrics', apiVersion: 'metrics.k8s.io/v1beta1', ...items[0] }) : send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `podmetrics "${name}" not found` });
      return send(200, { kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items });
    }
    if ((m = /^\/apis\/metrics\.k8s\.io\/v1beta1\/nodes(?:\/([^/]+))?$/.exec(path))) {
      const nodes = [...new Set(view.pods.map((p) => p.nodeName).filter((n): n is string => !!n))].filter((n) => !m![1] || n === m![1]);
      const now = new Date().toISOString();
      const items = nodes.map((n) => {
        let cpu = 0, mem = 0;
        for (const p of view.pods.filter((x) => x.nodeName === n)) {
          const u = o.sampler.usage(p.namespace, p.name);
          if (u) { cpu += u.cpuCores; mem += u.memoryBytes; }
        }
        return { metadata: { name: n, creationTimestamp: now }, timestamp: now, window: '15s', usage: { cpu: cpuQuantity(cpu), memory: memQuantity(mem) } };
      });
      if (m[1]) return items[0] ? send(200, { kind: 'NodeMetrics', apiVersion: 'metrics.k8s.io/v1beta1', ...items[0] }) : send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `nodemetrics "${m[1]}" not found` });
      return send(200, { kind: 'NodeMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items });
    }
    send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `${path} not found` });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => resolve(server));
  });
}
