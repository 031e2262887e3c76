// The Deployment's scale subresource over the Kubernetes REST API: GET and merge-PATCH of spec.replicas — the
// only calls the agent's Role allows. Plain node:https with the ServiceAccount token and CA, no client library.
// The projected ServiceAccount token rotates (the kubelet rewrites the file well before expiry), so the in-cluster
// options re-read it at least once a minute, as client-go and @kubernetes/client-node do.
import { readFileSync } from 'node:fs';
import { HttpError, httpJson } from './http-json.ts';

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
  /** Bearer token (ServiceAccount), or a function returning the current one (called per request); omitted in tests. */
  token?: string | (() => string);
  /** PEM CA bundle, or a function returning it (read lazily, so a missing mount fails the call, not the start). */
  ca?: string | Buffer | (() => string | Buffer);
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
  const timeoutMs = o.timeoutMs ?? 5000;
  const auth = (): { headers: Record<string, string>; ca?: string | Buffer } => {
    const token = typeof o.token === 'function' ? o.token() : o.token;
    return { headers: token ? { authorization: `Bearer ${token}` } : {}, ca: typeof o.ca === 'function' ? o.ca() : o.ca };
  };
  return {
    async getScale() {
      const { headers, ca } = auth();
      return toState(await httpJson(url, { headers, timeoutMs, ca }));
    },
    async patchScale(replicas) {
      const { headers, ca } = auth();
      const body = JSON.stringify({ spec: { replicas } });
      return toState(await httpJson(url, { method: 'PATCH', headers: { ...headers, 'content-type': 'application/merge-patch+json' }, body, timeoutMs, ca }));
    },
  };
}

/** A file's content, re-read when the cached copy is older than `maxAgeMs` (by `nowMs`); a read failure is an
 * HttpError without status (transport-like: the loop retries, then holds). */
export function cachedFileReader(file: string, maxAgeMs: number, nowMs: () => number = Date.now): () => string {
  let cached: { text: string; atMs: number } | undefined;
  return () => {
    const now = nowMs();
    if (cached === undefined || now - cached.atMs >= maxAgeMs) {
      try {
        cached = { text: readFileSync(file, 'utf8').trim(), atMs: now };
      } catch (err) {
        throw new HttpError(`cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`, undefined, { cause: err });
      }
    }
    return cached.text;
  };
}

/** Where the kubelet mounts the pod's ServiceAccount token, CA and namespace. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** How often the in-cluster token is re-read, ms (client-go reloads a projected token every minute). */
export const TOKEN_REFRESH_MS = 60_000;

/** The ServiceAccount mount and service env of a pod; the files are read per request (token) or on first use (CA). */
export function inClusterScaleOptions(namespace: string, deployment: string, env: Record<string, string | undefined>, dir = SERVICE_ACCOUNT_DIR): ScaleClientOptions {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT ?? '443';
  if (!host) throw new Error('KUBERNETES_SERVICE_HOST is not set: the controller must run in a pod');
  const token = cachedFileReader(`${dir}/token`, TOKEN_REFRESH_MS);
  let ca: Buffer | undefined;
  return {
    apiServerUrl: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    namespace,
    deployment,
    token,
    ca: () => {
      if (ca === undefined) {
        try {
          ca = readFileSync(`${dir}/ca.crt`);
        } catch (err) {
          throw new HttpError(`cannot read ${dir}/ca.crt: ${err instanceof Error ? err.message : String(err)}`, undefined, { cause: err });
        }
      }
      return ca;
    },
  };
}
