// The few Kubernetes API calls the kube backend makes from the user's machine, with the cluster stack's kubeconfig
// (server, CA, and a token or a client certificate): Deployment readiness, the in-cluster k6 pod's state, and its
// result files through the API server's pod proxy. Each call has a total deadline and a body cap (http-get.ts).
import YAML from 'yaml';
import type { Readable } from 'node:stream';
import { httpGetJson, httpGetStream, type HttpGetOptions } from './http-get.ts';

/** Connection settings from a kubeconfig. */
export interface KubeConnection {
  server: string;
  ca?: Buffer;
  token?: string;
  cert?: Buffer;
  key?: Buffer;
}

const b64 = (s: unknown) => (typeof s === 'string' ? Buffer.from(s, 'base64') : undefined);

/** Reads the current context of a kubeconfig (YAML text). */
export function parseKubeconfig(text: string): KubeConnection {
  const k = YAML.parse(text) as any;
  const ctxName = k?.['current-context'] ?? k?.contexts?.[0]?.name;
  const ctx = k?.contexts?.find((c: any) => c.name === ctxName)?.context ?? {};
  const cluster = k?.clusters?.find((c: any) => c.name === ctx.cluster)?.cluster ?? k?.clusters?.[0]?.cluster;
  const user = k?.users?.find((u: any) => u.name === ctx.user)?.user ?? k?.users?.[0]?.user ?? {};
  if (typeof cluster?.server !== 'string') throw new Error('kubeconfig: no cluster server URL');
  return { server: cluster.server, ca: b64(cluster['certificate-authority-data']), token: user.token, cert: b64(user['client-certificate-data']), key: b64(user['client-key-data']) };
}

function options(c: KubeConnection, signal: AbortSignal | undefined, deadlineMs: number, maxBytes: number): HttpGetOptions {
  return { deadlineMs, maxBytes, signal, ca: c.ca, cert: c.cert, key: c.key, headers: c.token ? { authorization: `Bearer ${c.token}` } : {} };
}

const url = (c: KubeConnection, path: string) => `${c.server.replace(/\/$/, '')}${path}`;
const get = (c: KubeConnection, path: string, signal?: AbortSignal) => httpGetJson(url(c, path), options(c, signal, 10_000, 4 * 1024 * 1024)) as Promise<any>;

/** Ready and desired replicas of a Deployment. */
export async function deploymentReadiness(c: KubeConnection, namespace: string, name: string, signal?: AbortSignal): Promise<{ desired: number; ready: number }> {
  const d = await get(c, `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`, signal);
  return { desired: Number(d?.spec?.replicas ?? 0), ready: Number(d?.status?.readyReplicas ?? 0) };
}

/** The k6 Job's pod and whether its `k6` container has ended (and how). */
export interface K6PodState {
  pod?: string;
  /** The pod failed outright (e.g. image pull, eviction) or the Job gave up. */
  podFailed: boolean;
  k6ExitCode?: number;
  reason?: string;
}

/** State of the first pod of `job` (label job-name, set by the Job controller). */
export async function k6PodState(c: KubeConnection, namespace: string, job: string, signal?: AbortSignal): Promise<K6PodState> {
  const pods = await get(c, `/api/v1/namespaces/${namespace}/pods?labelSelector=${encodeURIComponent(`job-name=${job}`)}`, signal);
  const pod = pods?.items?.[0];
  if (!pod) return { podFailed: false };
  const status = (pod.status?.containerStatuses ?? []).find((s: any) => s?.name === 'k6');
  const terminated = status?.state?.terminated;
  return {
    pod: String(pod.metadata?.name),
    podFailed: pod.status?.phase === 'Failed' && terminated === undefined,
    k6ExitCode: terminated === undefined ? undefined : Number(terminated.exitCode),
    reason: terminated?.reason ?? pod.status?.reason,
  };
}

/** A file served by `pod` on `port`, through the API server's pod proxy (`pods/{name}:{port}/proxy/{path}`). */
export function podProxyStream(c: KubeConnection, namespace: string, pod: string, port: number, path: string, o: { signal?: AbortSignal; deadlineMs: number; maxBytes: number }): Promise<Readable> {
  return httpGetStream(url(c, `/api/v1/namespaces/${namespace}/pods/${pod}:${port}/proxy/${path}`), options(c, o.signal, o.deadlineMs, o.maxBytes));
}
