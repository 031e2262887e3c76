// The emulated cluster's state file (<state dir>/state.json): its ports, processes and settings, written atomically
// so a concurrent `status` never reads half a file.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlantConfig } from '../sim/config.ts';
import type { ProcessRecord } from './processes.ts';

/** One emulated node (a kwok Node object; in the cluster stack, one "VM"). */
export interface EmulatedNode {
  name: string;
  /** Allocatable CPU, cores. */
  cpus: number;
  /** Allocatable memory, GiB. */
  memoryGiB: number;
}

/** What `emulate up` was asked for. */
export interface EmulatedSettings {
  nodes: EmulatedNode[];
  /** kube-controller-manager --horizontal-pod-autoscaler-sync-period, seconds (upstream default 15). */
  hpaSyncPeriodSeconds: number;
  /** Prometheus listens on 127.0.0.1 at this port (the cluster stack's Prometheus NodePort, default 30090). */
  prometheusPort: number;
  /** Prometheus scrape interval of the data-plane metrics, seconds. */
  scrapeIntervalSeconds: number;
  /** Plant parameters of the data plane (latency model, CPU per request, kwok start-up/readiness delays). */
  plant: PlantConfig;
  /** Seed of the data plane's per-request randomness. */
  seed: number;
}

export interface ClusterState {
  settings: EmulatedSettings;
  ports: { etcd: number; etcdPeer: number; apiserver: number; bridgeHttps: number; bridgeMetrics: number; prometheus: number };
  processes: ProcessRecord[];
  /** Addons enabled so far (metrics-server, observability, dns). */
  addons: string[];
}

export const stateFile = (dir: string) => join(dir, 'state.json');

export function readState(dir: string): ClusterState | undefined {
  const f = stateFile(dir);
  if (!existsSync(f)) return undefined;
  try {
    return JSON.parse(readFileSync(f, 'utf8')) as ClusterState;
  } catch (err) {
    throw new Error(`${f}: unreadable emulated-cluster state; remove ${dir} after stopping its processes`, { cause: err });
  }
}

export function writeState(dir: string, s: ClusterState): void {
  mkdirSync(dir, { recursive: true });
  const tmp = `${stateFile(dir)}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(s, null, 2)}\n`);
  renameSync(tmp, stateFile(dir));
}
