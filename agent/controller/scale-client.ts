// The Deployment's scale subresource over the Kubernetes REST API: GET and merge-PATCH of spec.replicas — the
// only calls the agent's Role allows. Plain node:https with the ServiceAccount token and CA, no client library.
import { readFileSync } from 'node:fs';
import { httpJson } from './http-json.ts';

/** What the scale subresource says. */
export interface ScaleState {
  specReplicas: number;
  statusReplicas: number;
}

/** Read and change one Deployment's replica count. */
export interface ScaleClient {
  getScale(): Promise<ScaleState>;
  patchScale(replicas: number): Promise<ScaleState>;
}

/** Where and as whom to call the API server. */
export interface ScaleClientOptions {
  /** API server base URL, e.g. https://10.152.183.1:443 (in-cluster) or http://127.0.0.1:PORT (tests). */
  apiServerUrl: string;
  namespace: string;
  deployment: string;
  /** Bearer token (ServiceAccount); omitted in tests. */
  token?: string;
  ca?: string | Buffer;
  /** Per-request timeout, ms. */
  timeoutMs?: number;
}

function toState(body: unknown): ScaleState {
  const b = body as { spec?: { replicas?: unknown }; status?: { replicas?: unknown } } | null;
  const spec = Number(b?.spec?.replicas ?? 0);
  const status = Number(b?.status?.replicas ?? 0);
  if (!Number.isInteger(spec) || spec < 0) throw new Error(`scale subresource: spec.replicas ${JSON.stringify(b?.spec?.replicas)} is not a count`);
  return { specReplicas: spec, statusReplicas: Number.isFinite(status) ? status : 0 };
}

/** Creates the client; use inClusterScaleOptions() inside a pod. */
export function createScaleClient(o: ScaleClientOptions): ScaleClient {
  const url = `${o.apiServerUrl.replace(/\/$/, '')}/apis/apps/v1/namespaces/${encodeURIComponent(o.namespace)}/deployments/${encodeURIComponent(o.deployment)}/scale`;
  const headers: Record<string, string> = o.token ? { authorization: `Bearer ${o.token}` } : {};
  const timeoutMs = o.timeoutMs ?? 5000;
  return {
    async getScale() {
      return toState(await httpJson(url, { headers, timeoutMs, ca: o.ca }));
    },
    async patchScale(replicas) {
      const body = JSON.stringify({ spec: { replicas } });
      return toState(await httpJson(url, { method: 'PATCH', headers: { ...headers, 'content-type': 'application/merge-patch+json' }, body, timeoutMs, ca: o.ca }));
    },
  };
}

/** The ServiceAccount mount and service env of a pod (reads files: call only in the container). */
export function inClusterScaleOptions(namespace: string, deployment: string): ScaleClientOptions {
  const dir = '/var/run/secrets/kubernetes.io/serviceaccount';
  const host = process.env.KUBERNETES_SERVICE_HOST;
  const port = process.env.KUBERNETES_SERVICE_PORT ?? '443';
  if (!host) throw new Error('KUBERNETES_SERVICE_HOST is not set: the controller must run in a pod (or pass --api-server)');
  return {
    apiServerUrl: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    namespace,
    deployment,
    token: readFileSync(`${dir}/token`, 'utf8').trim(),
    ca: readFileSync(`${dir}/ca.crt`),
  };
}
