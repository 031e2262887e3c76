// The data plane: one HTTP listener per scenario Service on 127.0.0.1:<nodePort> (the node IP is 127.0.0.1), each
// request answered after the latency the plant's queue model gives it (live-queue.ts) for the pods kwok reports
// Ready. Per pod it accounts requests and CPU (cAdvisor-style cumulative core-seconds) for the metrics it exports.
import { createServer, type Server } from 'node:http';
import { createRng } from '../../lib/rng.ts';
import type { PlantConfig } from '../../sim/config.ts';
import { createLiveQueue, type LiveQueue } from './live-queue.ts';
import { matches, type ClusterView, type PodView, type ServiceView } from './cluster-view.ts';
import { LATENCY_BUCKETS_SECONDS } from '../../lib/metric-names.ts';

/** Cumulative counters of one pod, as its exporters would report them. */
export interface PodCounters {
  namespace: string;
  pod: string;
  service: string;
  requests: number;
  cpuCoreSeconds: number;
  memoryBytes: number;
  startedMs: number;
}

/** Response-time histogram of one status code: cumulative counts per upper bound, sum and count. */
export interface StatusHistogram {
  buckets: number[];
  sumSeconds: number;
  count: number;
}

/** Cumulative counters of one Service (what nginx's access-log exporter exports, by status), and open connections. */
export interface ServiceCounters {
  namespace: string;
  service: string;
  requests: number;
  byStatus: Record<string, StatusHistogram>;
  inFlight: number;
}

interface Served {
  svc: ServiceView;
  server: Server;
  queue: LiveQueue;
  counters: ServiceCounters;
  /** Round-robin position over Ready pods. */
  next: number;
}

export interface DataPlane {
  /** Applies a fresh view: opens listeners for new Services, closes those that went away. */
  sync(view: ClusterView): Promise<void>;
  /** Closes one tick of `dtSeconds`: queue bookkeeping and CPU accounting. */
  tick(dtSeconds: number, nowMs: number): void;
  pods(): PodCounters[];
  services(): ServiceCounters[];
  close(): Promise<void>;
}

/** Use once in the bridge process. */
export function createDataPlane(plant: PlantConfig, seed: number, log: (line: string) => void): DataPlane {
  const served = new Map<string, Served>();
  const podCounters = new Map<string, PodCounters>();
  let view: ClusterView = { pods: [], services: [], deployments: [], hpas: [] };
  let seq = 0;
  const key = (ns: string, name: string) => `${ns}/${name}`;
  const podsOf = (svc: ServiceView): PodView[] => view.pods.filter((p) => p.namespace === svc.namespace && !p.deleting && matches(svc.selector, p.labels));
  const readyOf = (svc: ServiceView) => podsOf(svc).filter((p) => p.ready);
  const counterFor = (svc: ServiceView, pod: PodView): PodCounters => {
    const k = key(pod.namespace, pod.name);
    let c = podCounters.get(k);
    if (!c) {
      c = { namespace: pod.namespace, pod: pod.name, service: svc.name, requests: 0, cpuCoreSeconds: 0, memoryBytes: plant.memoryBaseMiB * 2 ** 20, startedMs: Date.now() };
      podCounters.set(k, c);
    }
    return c;
  };

  function open(svc: ServiceView): Promise<void> {
    const s: Served = {
      svc,
      queue: createLiveQueue(plant, createRng(seed * 1000 + ++seq)),
      counters: { namespace: svc.namespace, service: svc.name, requests: 0, byStatus: {}, inFlight: 0 },
      next: 0,
      server: createServer((req, res) => {
        const ready = readyOf(s.svc);
        const outcome = s.queue.admit(ready.length);
        s.counters.requests++;
        s.counters.inFlight++;
        if (ready.length > 0) {
          const pod = ready[s.next++ % ready.length];
          counterFor(s.svc, pod).requests++;
        }
        req.resume();
        setTimeout(() => {
          s.counters.inFlight--;
          const seconds = outcome.latencyMs / 1000;
          const h = (s.counters.byStatus[outcome.status] ??= { buckets: LATENCY_BUCKETS_SECONDS.map(() => 0), sumSeconds: 0, count: 0 });
          h.count++;
          h.sumSeconds += seconds;
          for (let i = 0; i < LATENCY_BUCKETS_SECONDS.length; i++) if (seconds <= LATENCY_BUCKETS_SECONDS[i]) h.buckets[i]++;
          res.writeHead(outcome.status, { 'content-type': 'text/plain', connection: 'keep-alive' });
          res.end(outcome.status === 200 ? 'ok\n' : outcome.status === 503 ? 'no capacity\n' : 'timeout\n');
        }, Math.max(0, outcome.latencyMs));
      }),
    };
    s.server.keepAliveTimeout = 65000;
    served.set(key(svc.namespace, svc.name), s);
    return new Promise((resolve) => {
      s.server.once('error', (err) => {
        log(`cannot serve ${svc.namespace}/${svc.name} on 127.0.0.1:${svc.nodePort}: ${err.message}`);
        served.delete(key(svc.namespace, svc.name));
        resolve();
      });
      s.server.listen(svc.nodePort, '127.0.0.1', () => {
        log(`serving ${svc.namespace}/${svc.name} on 127.0.0.1:${svc.nodePort}`);
        resolve();
      });
    });
  }

  return {
    async sync(v) {
      view = v;
      const wanted = new Set(v.services.map((s) => key(s.namespace, s.name)));
      for (const [k, s] of served) {
        if (!wanted.has(k)) {
          served.delete(k);
          s.server.closeAllConnections();
          s.server.close();
          log(`stopped serving ${k}`);
        }
      }
      for (const svc of v.services) {
        const s = served.get(key(svc.namespace, svc.name));
        if (s) s.svc = svc;
        else await open(svc);
      }
      const live = new Set(v.pods.map((p) => key(p.namespace, p.name)));
      for (const k of podCounters.keys()) if (!live.has(k)) podCounters.delete(k);
    },
    tick(dt) {
      for (const s of served.values()) {
        const ready = readyOf(s.svc);
        const { served: work } = s.queue.tick(dt, ready.length);
        const perPodCores = ready.length > 0 ? (work * plant.cpuPerRequestCoreSeconds) / dt / ready.length : 0;
        const inFlightPerPod = ready.length > 0 ? s.counters.inFlight / ready.length : 0;
        for (const pod of ready) {
          const c = counterFor(s.svc, pod);
          c.cpuCoreSeconds += Math.min(perPodCores, plant.cpuLimitMilli / 1000) * dt;
          c.memoryBytes = (plant.memoryBaseMiB + plant.memoryPerInFlightMiB * inFlightPerPod) * 2 ** 20;
        }
        for (const pod of podsOf(s.svc)) if (!pod.ready) counterFor(s.svc, pod);
      }
    },
    pods: () => [...podCounters.values()],
    services: () => [...served.values()].map((s) => s.counters),
    async close() {
      for (const s of served.values()) {
        s.server.closeAllConnections();
        await new Promise((r) => s.server.close(r));
      }
    },
  };
}
