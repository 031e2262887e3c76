// The realistic simulated cluster (DESIGN.md §3): one Deployment whose Ready pods form an M/M/c queue with a
// fluid backlog, fed by open or closed (VU) load, observed through a lagged metrics pipeline.
import type { Observation } from '../lib/ports.ts';
import { createRng } from '../lib/rng.ts';
import type { Workload } from '../workloads/workload.ts';
import type { PlantConfig } from './config.ts';
import { podCapacityRps, podCostPerSecondUsd } from './config.ts';
import type { IntervalSample } from './interval-sample.ts';
import { createServiceMetrics, type ScrapeSample } from './metrics-pipeline.ts';
import { advancePods, createPodSet, podViews, samplePodMetrics, scalePods } from './pods.ts';
import type { LatencyShape, StableLookup } from './latency-shapes.ts';
import { EMPTY_SHAPE, createLatencyShapes } from './latency-shapes.ts';
import { erlangC } from './queueing.ts';
import { validatePlantConfig } from './validate-plant-config.ts';

/** One tick of the plant: the recorder's sample plus what only the simulator knows. Reused between steps. */
export interface TickStats extends IntervalSample {
  /** Arrival rate offered this tick (open: the workload; closed: what the VUs achieve), req/s. */
  arrivalRps: number;
  successfulRequests: number;
  /** Failed because the backlog was full (bounded queue) or no pod was Ready, requests. */
  rejectedRequests: number;
  /** Failed because their wait would exceed the timeout, requests. */
  timedOutRequests: number;
  /** Requests the pods completed this tick (CPU work done), requests. */
  servedRequests: number;
  /** Backlog at the end of the tick, requests. */
  queueLength: number;
  /** Requests queued or in service (Little's law in the stable regime), requests. */
  inFlight: number;
  /** Mean queueing delay of this tick's successful requests, ms. */
  waitMeanMs: number;
  /** Mean latency of this tick's successful requests, ms. */
  latencyMeanMs: number;
  startingPods: number;
  pendingPods: number;
  /** Mean CPU usage / request of the Ready pods this tick (instant truth, not the lagged metric). */
  cpuUtilization: number;
}

/** A cluster under test, stepped by the caller (the run loop or an RL environment). */
export interface Plant {
  readonly config: PlantConfig;
  /** Simulated seconds since the start. */
  readonly nowSeconds: number;
  /** Advances by `dtSeconds` (the configured tick) and returns that tick's stats (valid until the next step). */
  step(dtSeconds?: number): TickStats;
  /** Sets the Deployment's spec.replicas (clamped to [0, maxReplicas]); pods are created or deleted at once. */
  setReplicas(replicas: number): void;
  /** What an autoscaler sees now (builds a fresh object; call it only when deciding). */
  observe(): Observation;
  /** The scraped Prometheus samples still kept (for the observation-contract test). */
  scrapeSamples(): ScrapeSample[];
}

const EPS = 1e-9;

/** Use to run any autoscaler on a simulated Deployment; same config, workload and seed → identical ticks. */
export function createPlant(config: PlantConfig, workload: Workload, seed: number): Plant {
  validatePlantConfig(config);
  const rng = createRng(seed);
  const startupRng = rng.fork(1);
  const arrivalRng = rng.fork(2);
  const mu = podCapacityRps(config);
  const costPerRequest = config.cpuPerRequestCoreSeconds;
  const baseSeconds = config.baseServiceTimeMs / 1000;
  const fixedMs = config.baseServiceTimeMs - 1000 / mu;
  const tau = config.requestTimeoutSeconds;
  const podCostPerSecond = podCostPerSecondUsd(config);
  const requestCores = config.cpuRequestMilli / 1000;
  const open = workload.kind === 'open';
  const think = workload.kind === 'closed' ? workload.thinkTimeSeconds : 0;
  const idleRate = (t: number): number =>
    workload.kind === 'open' ? Math.max(0, workload.rateAt(t)) : workload.vusAt(t) / (think + baseSeconds);
  const initial = config.initialReplicas ?? Math.min(config.maxReplicas, Math.max(config.minReplicas, Math.ceil(idleRate(0) / (0.6 * mu))));
  const pods = createPodSet(config, startupRng, initial);
  const metrics = createServiceMetrics(config.prometheusScrapeSeconds, config.prometheusWindowSeconds, config.prometheusLagSeconds);
  const mib = 1024 * 1024;

  let t = 0;
  // Double-valued state in one object: its fields update in place (closure `let`s would box every update).
  const st = { backlog: 0, cumReady: 0, cumAtLastSample: 0 }; // cumReady: per-ready-pod CPU integral, milli·s
  let nextSample = config.metricsResolutionSeconds;
  let nextScrape = config.prometheusScrapeSeconds;
  const shapes = createLatencyShapes(mu, fixedMs, config.slaLatencyMs);
  // Node CPU (nodes.nodeCpuMilli): a pod bursts above its request only into node CPU no pod has requested, so its
  // service rate depends on how many pods share the nodes; shapes are cached per (rounded) pod CPU.
  const nodeCpu = config.nodes?.nodeCpuMilli ?? null;
  const cur = { mu, shapes, baseMs: config.baseServiceTimeMs, podCpuMilli: config.cpuLimitMilli };
  const shapeCache = new Map<number, ReturnType<typeof createLatencyShapes>>();
  function updateNodeCpu(): void {
    const onNodes = pods.ready + pods.starting;
    const share = onNodes > 0 ? (pods.nodes * nodeCpu!) / onNodes : config.cpuLimitMilli;
    const podCpu = Math.round(Math.min(config.cpuLimitMilli, Math.max(config.cpuRequestMilli, share)) / 5) * 5;
    if (podCpu === cur.podCpuMilli) return;
    cur.podCpuMilli = podCpu;
    cur.mu = podCpu / 1000 / costPerRequest;
    cur.baseMs = podCpu === config.cpuLimitMilli ? config.baseServiceTimeMs : fixedMs + 1000 / cur.mu;
    let sh = shapeCache.get(podCpu);
    if (!sh) shapeCache.set(podCpu, (sh = podCpu === config.cpuLimitMilli ? shapes : createLatencyShapes(cur.mu, fixedMs, config.slaLatencyMs)));
    cur.shapes = sh;
  }
  const lookup: StableLookup = { pWait: 0, slowFraction: 0, shape: EMPTY_SHAPE };
  // Closed load: cached fixed point per (VUs, ready pods).
  let closedN = -1, closedC = -1, closedRate = 0, closedMu = 0;

  const stats: TickStats = {
    tSeconds: 0, durationSeconds: 0, requests: 0, failedRequests: 0, slowRequests: 0, latencySumMs: 0,
    latencyShape: EMPTY_SHAPE.fractions, latencyShapeFrom: 0, demandRps: 0, readyCapacityRps: 0,
    readyPods: 0, allocatedPods: 0, desiredReplicas: 0, cpuUsedCoreSeconds: 0, cpuRequestedCoreSeconds: 0,
    readyCpuUsedCoreSeconds: 0, readyCpuRequestedCoreSeconds: 0, costUsd: 0, arrivalRps: 0, successfulRequests: 0,
    rejectedRequests: 0, timedOutRequests: 0, servedRequests: 0, queueLength: 0, inFlight: 0, waitMeanMs: 0,
    latencyMeanMs: 0, startingPods: 0, pendingPods: 0, cpuUtilization: 0,
  };

  // Closed load in the stable regime: the rate λ with λ·(think + base + Wq(λ)) = VUs, by bisection on [0, cμ).
  // NaN when that steady state needs more backlog than the queue bound or waits past the timeout: the caller
  // then uses the fluid backlog (VUs see base + backlog/cμ).
  function closedStableRate(vus: number, c: number): number {
    const mu = cur.mu;
    if (vus === closedN && c === closedC && mu === closedMu) return closedRate;
    let lo = 0;
    let hi = Math.min(c * mu, vus / (think + baseSeconds));
    for (let k = 0; k < 60 && hi - lo > 1e-9 * (hi + 1); k++) {
      const mid = (lo + hi) / 2;
      const wq = erlangC(c, mid / mu) / (c * mu - mid);
      if (mid * (think + baseSeconds + wq) < vus) lo = mid;
      else hi = mid;
    }
    const wq = erlangC(c, lo / mu) / (c * mu - lo);
    closedN = vus;
    closedMu = mu;
    closedC = c;
    closedRate = lo * wq > config.queueCapacityPerPod * c || wq > tau / 2 ? Number.NaN : lo;
    return closedRate;
  }

  function step(dtSeconds: number = config.tickSeconds): TickStats {
    const dt = dtSeconds;
    if (t >= pods.nextEventAt) advancePods(pods, t, st.cumReady);
    if (nodeCpu !== null) updateNodeCpu();
    const mu = cur.mu;
    const shapes = cur.shapes;
    const c = pods.ready;
    const capRate = c * mu;
    const capacity = capRate * dt;
    const demand = idleRate(t);
    let lambda: number;
    if (open || c === 0) lambda = demand;
    else if (st.backlog > EPS) lambda = workload.vusAt(t) / (think + baseSeconds + st.backlog / capRate);
    else {
      const vus = workload.vusAt(t);
      lambda = closedStableRate(vus, c);
      if (Number.isNaN(lambda)) lambda = vus / (think + baseSeconds);
    }
    const arrivals = config.poissonArrivals ? arrivalRng.poisson(lambda * dt) : lambda * dt;

    let shape: LatencyShape = EMPTY_SHAPE;
    let rejected = 0, timedOut = 0, served = 0, slow = 0, waitSeconds = 0, queue = 0, inFlight = 0;
    if (c === 0) {
      rejected = arrivals;
      st.backlog = 0;
    } else if (st.backlog <= EPS && arrivals < capacity) {
      // Stable regime: stationary M/M/c (Erlang C) for this tick's arrival rate.
      const rate = arrivals / dt;
      const theta = capRate - rate;
      const rho = rate / capRate;
      shapes.stable(c, rho, lookup);
      const pWait = lookup.pWait;
      const thetaTau = theta * tau;
      timedOut = thetaTau > 50 ? 0 : arrivals * pWait * Math.exp(-thetaTau);
      slow = Math.max(0, arrivals * lookup.slowFraction - timedOut);
      waitSeconds = pWait / theta;
      served = arrivals - timedOut;
      queue = rate * waitSeconds;
      inFlight = queue + rate / mu;
      st.backlog = 0;
      shape = served > 0 ? lookup.shape : EMPTY_SHAPE;
    } else {
      // Saturated regime: a fluid backlog grows at λ − cμ and drains at cμ − λ.
      const before = st.backlog;
      served = Math.min(before + arrivals, capacity);
      let after = before + arrivals - served;
      rejected = Math.min(arrivals, Math.max(0, after - config.queueCapacityPerPod * c));
      after -= rejected;
      timedOut = Math.min(arrivals - rejected, Math.max(0, after - capRate * tau));
      after -= timedOut;
      st.backlog = after;
      waitSeconds = Math.min(tau, (before + after) / 2 / capRate);
      const successful = arrivals - rejected - timedOut;
      shape = successful > 0 ? shapes.shifted(waitSeconds * 1000) : EMPTY_SHAPE;
      slow = successful * shapes.shiftedSlowFraction(waitSeconds * 1000);
      queue = after;
      inFlight = after + served / dt / mu;
    }

    const successful = arrivals - rejected - timedOut;
    const latencyMeanMs = cur.baseMs + waitSeconds * 1000;
    const readyUsedCores = (served * costPerRequest) / dt;
    const perPodMilli = c > 0 ? (readyUsedCores * 1000) / c : 0;
    st.cumReady += perPodMilli * dt;
    const allocated = pods.ready + pods.starting;
    const warmCores = (pods.warming * config.startupCpuMilli) / 1000;

    stats.tSeconds = t;
    stats.durationSeconds = dt;
    stats.requests = arrivals;
    stats.failedRequests = rejected + timedOut;
    stats.slowRequests = slow;
    stats.latencyShape = shape.fractions;
    stats.latencyShapeFrom = shape.from;
    stats.latencySumMs = successful * latencyMeanMs;
    stats.demandRps = demand;
    stats.readyCapacityRps = capRate;
    stats.readyPods = c;
    stats.allocatedPods = allocated;
    stats.desiredReplicas = pods.desired;
    stats.readyCpuUsedCoreSeconds = readyUsedCores * dt;
    stats.readyCpuRequestedCoreSeconds = c * requestCores * dt;
    stats.cpuUsedCoreSeconds = (readyUsedCores + warmCores) * dt;
    stats.cpuRequestedCoreSeconds = allocated * requestCores * dt;
    stats.costUsd = allocated * podCostPerSecond * dt;
    stats.arrivalRps = arrivals / dt;
    stats.successfulRequests = successful;
    stats.rejectedRequests = rejected;
    stats.timedOutRequests = timedOut;
    stats.servedRequests = served;
    stats.queueLength = queue;
    stats.inFlight = inFlight;
    stats.waitMeanMs = waitSeconds * 1000;
    stats.latencyMeanMs = latencyMeanMs;
    stats.startingPods = pods.starting + pods.unscheduled;
    stats.pendingPods = pods.unscheduled;
    stats.cpuUtilization = c > 0 ? perPodMilli / config.cpuRequestMilli : 0;

    metrics.add(arrivals, rejected + timedOut, successful, stats.latencySumMs, shape.fractions, shape.from, stats.cpuUsedCoreSeconds);
    t += dt;
    const memory = config.memoryBaseMiB + (c > 0 ? (config.memoryPerInFlightMiB * inFlight) / c : 0);
    if (t >= nextScrape - EPS) {
      // kube-state-metrics lists every pod of the Deployment (Pending ones too); cAdvisor the running ones. The
      // pod states are those at the scrape time (what observe() at this time reports as readyReplicas).
      if (t >= pods.nextEventAt) advancePods(pods, t, st.cumReady);
      const all = pods.ready + pods.starting + pods.unscheduled;
      metrics.scrape(Math.round(t * 1e6) / 1e6, {
        cpuRequestCores: all * requestCores,
        memoryWorkingSetBytes: (c * memory + pods.starting * config.memoryBaseMiB) * mib,
        memoryRequestBytes: all * config.memoryRequestMiB * mib,
        readyReplicas: pods.ready,
      });
      nextScrape += config.prometheusScrapeSeconds;
    }
    if (t >= nextSample - EPS) {
      samplePodMetrics(pods, t, st.cumReady, st.cumAtLastSample, memory);
      st.cumAtLastSample = st.cumReady;
      nextSample += config.metricsResolutionSeconds;
    }
    return stats;
  }

  function observe(): Observation {
    if (t >= pods.nextEventAt) advancePods(pods, t, st.cumReady);
    let blocked = 0;
    for (const p of pods.pods) if (p.stage === 0 && p.scheduleAt <= t) blocked++;
    const prom = metrics.query(t - config.prometheusLagSeconds);
    return {
      nowSeconds: t,
      specReplicas: pods.desired,
      readyReplicas: pods.ready,
      startingReplicas: pods.starting + pods.unscheduled - blocked,
      pendingReplicas: blocked,
      minReplicas: config.minReplicas,
      maxReplicas: config.maxReplicas,
      pods: podViews(pods, t),
      rps: prom.rps,
      latencyMeanMs: prom.latencyMeanMs,
      latencyP95Ms: prom.latencyP95Ms,
      errorRate: prom.errorRate,
      cpuUtilization: prom.cpuUtilization,
      cpuUsageCores: prom.cpuUsageCores,
      memoryUtilization: prom.memoryUtilization,
      inFlight: stats.inFlight,
    };
  }

  return {
    config,
    get nowSeconds() {
      return t;
    },
    step,
    setReplicas(replicas: number) {
      if (!Number.isFinite(replicas)) throw new RangeError(`setReplicas: replicas = ${replicas}, expected a finite number`);
      const n = Math.min(config.maxReplicas, Math.max(0, Math.round(replicas)));
      if (n !== pods.desired) scalePods(pods, n, t);
    },
    observe,
    scrapeSamples: () => metrics.scrapeSamples(),
  };
}
