// The one schema of a PlantConfig (sim/config.ts): every field's type and its documented bounds. The bounds keep
// the simulator's work finite and its numbers meaningful (a tick of 1e-6 s or 10^9 replicas would run for hours
// or exhaust memory); each is far beyond any real cluster. validate-plant-config.ts adds the cross-field rules.
import { z } from 'zod';
import { num, strictObject, type NumberBounds } from '../lib/schema.ts';
import type { PlantConfig } from './config.ts';

/** Upper limits of the plant's fields, beside the schema that enforces them. */
export const PLANT_LIMITS = {
  /** Shortest simulation tick, seconds: finer ticks change nothing a 15 s metrics pipeline can see. */
  minTickSeconds: 0.01,
  /** Longest tick, seconds. */
  maxTickSeconds: 60,
  /** Most replicas (and nodes, and pods per node). */
  maxReplicas: 10_000,
  /** Longest delay or window of any kind (start-up, timeout, provisioning, Prometheus window), seconds: one day. */
  maxDelaySeconds: 86_400,
  /** Largest CPU amount, millicores (1000 cores). */
  maxMilli: 1_000_000,
  /** Largest memory amount, MiB (about 10 TiB). */
  maxMiB: 10_000_000,
  /** Longest service time or SLA, ms (one hour). */
  maxMs: 3_600_000,
  /** Largest price, USD per hour. */
  maxPriceUsd: 1_000_000,
  /** Longest request timeout, seconds: large on purpose, since tests and users disable timeouts with 10^6 s. */
  maxTimeoutSeconds: 1_000_000_000,
  /** Largest accept queue per pod, requests. */
  maxQueuePerPod: 1_000_000_000,
} as const;

const L = PLANT_LIMITS;
const pos = (max: number): NumberBounds => ({ min: 0, exclusiveMin: true, max });
const nonNeg = (max: number): NumberBounds => ({ min: 0, max });
const count = (min: number): NumberBounds => ({ min, max: L.maxReplicas, integer: true });
const n = (b: NumberBounds, description: string) => num(b).meta({ description });

/** Node capacity. */
export const nodePoolSchema = strictObject({
  podsPerNode: n(count(1), 'Pods that fit on one node, pods.'),
  initialNodes: n(count(0), 'Nodes present at the start (≤ maxNodes), nodes.'),
  maxNodes: n(count(1), 'Upper bound on nodes, nodes.'),
  provisioningSeconds: n(nonNeg(L.maxDelaySeconds), 'Time for a new node to accept pods, seconds.'),
}, 'null or an object { podsPerNode, initialNodes, maxNodes, provisioningSeconds }');

/** The plant's fields; `plantConfigSchema.partial()` is an experiment's or a scenario's overrides. */
export const plantConfigShape = {
  tickSeconds: n({ min: L.minTickSeconds, max: L.maxTickSeconds }, 'Simulation tick, seconds; divides metricsResolutionSeconds.'),
  cpuRequestMilli: n(pos(L.maxMilli), 'CPU request per pod, millicores.'),
  cpuLimitMilli: n(pos(L.maxMilli), 'CPU limit per pod (≥ request), millicores.'),
  cpuPerRequestCoreSeconds: n(pos(3600), 'CPU consumed by one request, core-seconds.'),
  baseServiceTimeMs: n(pos(L.maxMs), 'Response time of one request on an idle pod (≥ the CPU time at the limit), ms.'),
  startupCpuMilli: n(nonNeg(L.maxMilli), 'CPU a starting pod burns, millicores.'),
  memoryRequestMiB: n(pos(L.maxMiB), 'Memory request per pod, MiB.'),
  memoryBaseMiB: n(nonNeg(L.maxMiB), 'Memory a pod uses at rest, MiB.'),
  memoryPerInFlightMiB: n(nonNeg(L.maxMiB), 'Extra memory per in-flight request, MiB.'),
  schedulingDelaySeconds: n(nonNeg(L.maxDelaySeconds), 'Pod creation to kubelet start, seconds.'),
  startupMedianSeconds: n(pos(L.maxDelaySeconds), 'Median image-pull + start time, seconds.'),
  startupSigma: n(nonNeg(10), 'Log-normal shape of the start time.'),
  readinessDelaySeconds: n(nonNeg(L.maxDelaySeconds), 'Readiness delay after the container starts, seconds.'),
  requestTimeoutSeconds: n(pos(L.maxTimeoutSeconds), 'Client timeout, seconds.'),
  queueCapacityPerPod: n(nonNeg(L.maxQueuePerPod), 'Backlog each Ready pod can hold, requests.'),
  minReplicas: n(count(0), 'Lower replica bound, pods.'),
  maxReplicas: n(count(0), 'Upper replica bound (≥ max(1, minReplicas)), pods.'),
  initialReplicas: n(count(0), 'Pods Ready at t = 0 (≤ maxReplicas); null = enough for the initial load at 60 %.').nullable(),
  pricePerVcpuHourUsd: n(nonNeg(L.maxPriceUsd), 'Price of one requested vCPU-hour, USD.'),
  pricePerGibHourUsd: n(nonNeg(L.maxPriceUsd), 'Price of one requested GiB-hour, USD.'),
  metricsResolutionSeconds: n(pos(3600), 'metrics-server resolution, seconds.'),
  metricsLagSeconds: n(nonNeg(3600), 'Delay from a metrics sample to the HPA seeing it (< resolution), seconds.'),
  prometheusScrapeSeconds: n(pos(3600), 'Prometheus scrape interval (a multiple of tickSeconds), seconds.'),
  prometheusWindowSeconds: n(pos(L.maxDelaySeconds), 'Window of the Prometheus-style aggregates, seconds.'),
  slaLatencyMs: n(pos(L.maxMs), 'SLA latency, ms.'),
  poissonArrivals: z.boolean({ error: 'true or false' }).meta({ description: 'Draw per-tick arrivals from a Poisson distribution.' }),
  nodes: nodePoolSchema.nullable().meta({ description: 'Node capacity; null = unlimited nodes.' }),
};

/** A complete plant configuration. */
export const plantConfigSchema = strictObject(plantConfigShape, 'an object of plant config fields');

// The schema and sim/config.ts's PlantConfig describe the same thing: each must be assignable to the other.
const _toType = (p: z.output<typeof plantConfigSchema>): PlantConfig => p;
const _fromType = (c: PlantConfig): z.output<typeof plantConfigSchema> => c;
void _toType;
void _fromType;
