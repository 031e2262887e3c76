// The Deployment's pods in the simulator: lifecycle (scheduled → starting → not ready → ready), scale up/down in
// ReplicaSet order, optional node capacity, and the metrics-server samples each pod shows to the HPA.
import type { PodView } from '../lib/ports.ts';
import type { Rng } from '../lib/rng.ts';
import type { PlantConfig } from './config.ts';

/** Lifecycle stage: waiting for scheduling (delay or no node), pulling/starting, running not Ready, Ready. */
export const Stage = { Unscheduled: 0, Starting: 1, Warming: 2, Ready: 3 } as const;
export type Stage = (typeof Stage)[keyof typeof Stage];

/** One simulated pod; times are simulated seconds, NaN = not (yet) happened. */
export interface SimPod {
  name: string;
  stage: Stage;
  createdAt: number;
  /** Earliest time the scheduler may bind it (creation + scheduling delay). */
  scheduleAt: number;
  /** Pod status startTime (kubelet accepted the pod). */
  startTime: number;
  /** Planned container start and Ready times (drawn at scheduling). */
  runningAt: number;
  readyAt: number;
  /** Tick times the transitions actually happened. */
  runningSince: number;
  readySince: number;
  /** Cumulative per-ready-pod CPU (milli·s) when the pod became Ready. */
  cumAtReady: number;
  /** Latest and previous metrics-server samples (usage milli, memory MiB, timestamp). */
  usage: number;
  memory: number;
  sampleAt: number;
  prevUsage: number;
  prevMemory: number;
  prevSampleAt: number;
}

/** The pod set and its counters, mutated in place by the functions below. */
export interface PodSet {
  readonly config: PlantConfig;
  readonly rng: Rng;
  pods: SimPod[];
  desired: number;
  ready: number;
  /** Pods in Stage.Starting or Stage.Warming (allocated on a node, not Ready). */
  starting: number;
  warming: number;
  unscheduled: number;
  /** Earliest time something changes (a transition or a node arriving). */
  nextEventAt: number;
  nodes: number;
  /** Ready times of nodes being provisioned. */
  provisioning: number[];
  serial: number;
}

function newPod(set: PodSet, now: number): SimPod {
  const name = `web-${set.serial++}`;
  return {
    name, stage: Stage.Unscheduled, createdAt: now, scheduleAt: now + set.config.schedulingDelaySeconds,
    startTime: NaN, runningAt: NaN, readyAt: NaN, runningSince: NaN, readySince: NaN, cumAtReady: 0,
    usage: NaN, memory: NaN, sampleAt: NaN, prevUsage: NaN, prevMemory: NaN, prevSampleAt: NaN,
  };
}

/** Creates `initial` Ready pods that have been running for an hour at t = 0. */
export function createPodSet(config: PlantConfig, rng: Rng, initial: number): PodSet {
  const nodes = config.nodes === null ? 0 : Math.max(config.nodes.initialNodes, Math.ceil(initial / config.nodes.podsPerNode));
  const set: PodSet = {
    config, rng, pods: [], desired: initial, ready: 0, starting: 0, warming: 0, unscheduled: 0,
    nextEventAt: Infinity, nodes: config.nodes === null ? 0 : Math.min(nodes, config.nodes.maxNodes), provisioning: [], serial: 0,
  };
  for (let i = 0; i < initial; i++) {
    const pod = newPod(set, -3600);
    Object.assign(pod, { stage: Stage.Ready, startTime: -3600, runningAt: -3590, readyAt: -3585, runningSince: -3590, readySince: -3585 });
    set.pods.push(pod);
    set.ready++;
  }
  return set;
}

function freeSlots(set: PodSet): number {
  const n = set.config.nodes;
  if (n === null) return Infinity;
  return set.nodes * n.podsPerNode - (set.ready + set.starting);
}

function recount(set: PodSet, now: number): void {
  let next = Infinity;
  let ready = 0, starting = 0, warming = 0, unscheduled = 0;
  const slots = freeSlots(set);
  for (const p of set.pods) {
    if (p.stage === Stage.Ready) ready++;
    else if (p.stage === Stage.Warming) { starting++; warming++; if (p.readyAt < next) next = p.readyAt; }
    else if (p.stage === Stage.Starting) { starting++; if (p.runningAt < next) next = p.runningAt; }
    else {
      // Not yet eligible: wake up then (to bind or to ask for a node); eligible but no node: wait for a node.
      unscheduled++;
      const at = p.scheduleAt > now ? p.scheduleAt : slots > 0 ? now : Infinity;
      if (at < next) next = at;
    }
  }
  for (const at of set.provisioning) if (at < next) next = at;
  Object.assign(set, { ready, starting, warming, unscheduled, nextEventAt: next });
}

/** Applies every transition due at `now` (tick start); `cumReady` is the per-ready-pod CPU integral so far. */
export function advancePods(set: PodSet, now: number, cumReady: number): void {
  const { config, rng } = set;
  if (set.provisioning.length > 0) {
    const arrived = set.provisioning.filter((at) => at <= now).length;
    set.nodes += arrived;
    set.provisioning = set.provisioning.filter((at) => at > now);
  }
  let slots = freeSlots(set);
  for (const p of set.pods) {
    if (p.stage === Stage.Unscheduled && p.scheduleAt <= now && slots > 0) {
      slots--;
      p.stage = Stage.Starting;
      p.startTime = now;
      p.runningAt = now + config.startupMedianSeconds * Math.exp(config.startupSigma * rng.normal());
      p.readyAt = p.runningAt + config.readinessDelaySeconds;
    }
    if (p.stage === Stage.Starting && p.runningAt <= now) { p.stage = Stage.Warming; p.runningSince = now; }
    if (p.stage === Stage.Warming && p.readyAt <= now) { p.stage = Stage.Ready; p.readySince = now; p.cumAtReady = cumReady; }
  }
  requestNodes(set, now);
  recount(set, now);
}

function requestNodes(set: PodSet, now: number): void {
  const n = set.config.nodes;
  if (n === null) return;
  const blocked = set.pods.filter((p) => p.stage === Stage.Unscheduled && p.scheduleAt <= now).length - Math.max(0, freeSlots(set));
  const coming = set.provisioning.length * n.podsPerNode;
  const wanted = Math.min(Math.ceil((blocked - coming) / n.podsPerNode), n.maxNodes - set.nodes - set.provisioning.length);
  for (let i = 0; i < wanted; i++) set.provisioning.push(now + n.provisioningSeconds);
}

// Deletion order of the ReplicaSet controller, simplified: unscheduled, then starting, then not ready, then
// Ready; newer pods first within a stage.
function deletionRank(a: SimPod, b: SimPod): number {
  return a.stage - b.stage || b.createdAt - a.createdAt || (a.name < b.name ? 1 : -1);
}

/** Sets spec.replicas: creates pods at `now` or deletes them at once (terminating pods leave the endpoints). */
export function scalePods(set: PodSet, replicas: number, now: number): void {
  set.desired = replicas;
  const have = set.pods.length;
  if (replicas > have) {
    for (let i = have; i < replicas; i++) set.pods.push(newPod(set, now));
  } else if (replicas < have) {
    const doomed = new Set([...set.pods].sort(deletionRank).slice(0, have - replicas));
    set.pods = set.pods.filter((p) => !doomed.has(p));
  }
  requestNodes(set, now);
  recount(set, now);
}

/**
 * Takes a metrics-server sample at `now` over the window [now − W, now]: `cumNow`/`cumWindowStart` are the
 * per-ready-pod CPU integrals (milli·s). Pods not running for the whole window get no sample (as upstream).
 */
export function samplePodMetrics(set: PodSet, now: number, cumNow: number, cumWindowStart: number, memoryReadyMiB: number): void {
  const { config } = set;
  const w = config.metricsResolutionSeconds;
  const start = now - w;
  for (const p of set.pods) {
    if (!(p.runningSince <= start)) continue;
    let usage: number;
    if (p.stage !== Stage.Ready) usage = config.startupCpuMilli;
    else if (p.readySince <= start) usage = (cumNow - cumWindowStart) / w;
    else usage = (config.startupCpuMilli * (p.readySince - start) + cumNow - p.cumAtReady) / w;
    p.prevUsage = p.usage;
    p.prevMemory = p.memory;
    p.prevSampleAt = p.sampleAt;
    p.usage = usage;
    p.memory = p.stage === Stage.Ready ? memoryReadyMiB : config.memoryBaseMiB;
    p.sampleAt = now;
  }
}

/**
 * The pods as the API server and metrics-server show them at `now` (samples become visible after the lag).
 * Every view has all fields (absent ones explicitly undefined) so consumers see one object shape.
 */
export function podViews(set: PodSet, now: number): PodView[] {
  const { config } = set;
  const lag = config.metricsLagSeconds;
  const pods = set.pods;
  const views: PodView[] = new Array(pods.length);
  for (let i = 0; i < pods.length; i++) {
    const p = pods[i];
    const scheduled = p.stage !== Stage.Unscheduled;
    const isReady = p.stage === Stage.Ready;
    const useLatest = p.sampleAt + lag <= now;
    const at = useLatest ? p.sampleAt : p.prevSampleAt;
    const visible = at + lag <= now;
    views[i] = {
      name: p.name,
      phase: p.stage >= Stage.Warming ? 'Running' : 'Pending',
      deleting: false,
      cpuRequestMilli: config.cpuRequestMilli,
      memoryRequestMiB: config.memoryRequestMiB,
      ready: scheduled ? isReady : undefined,
      startTimeSeconds: scheduled ? p.startTime : undefined,
      readyTransitionTimeSeconds: scheduled ? (isReady ? p.readySince : p.startTime) : undefined,
      cpuUsageMilli: visible ? (useLatest ? p.usage : p.prevUsage) : undefined,
      memoryUsageMiB: visible ? (useLatest ? p.memory : p.prevMemory) : undefined,
      metricTimestampSeconds: visible ? at : undefined,
      metricWindowSeconds: visible ? config.metricsResolutionSeconds : undefined,
    };
  }
  return views;
}
