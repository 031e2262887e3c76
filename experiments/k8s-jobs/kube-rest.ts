// The few Kubernetes REST calls a sweep makes (create, get, list by label, replace, delete), over node:http(s)
// with the kubeconfig's or the in-cluster ServiceAccount's credentials. Every call has a total deadline and a
// body-size cap; a non-2xx answer becomes a KubeApiError carrying the status and the API's own message.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import type { Manifest } from '../../stacks/manifests/scenario-spec.ts';

import type { KubeConnection } from '../kube/kube-api.ts';

/** Where the API server is and how to authenticate: the one type kube/kube-api.ts parses a kubeconfig into. */
export type { KubeConnection };

/** A non-2xx answer (status set) or a transport failure (status undefined). */
export class KubeApiError extends Error {
  readonly status?: number;
  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KubeApiError';
    this.status = status;
  }
}

/** The REST operations the sweep uses; `path` is the URL path (+ query) under the server. */
export interface KubeRest {
  request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<any>;
}

const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Use from the user's machine (kubeconfig) or inside a pod (inClusterConnection). */
export function kubeRest(c: KubeConnection, timeoutMs = 30_000): KubeRest {
  return {
    request(method, path, body) {
      const url = new URL(`${c.server.replace(/\/$/, '')}${path}`);
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const headers: Record<string, string> = { accept: 'application/json' };
      if (payload !== undefined) headers['content-type'] = 'application/json';
      if (c.token) headers.authorization = `Bearer ${c.token}`;
      return new Promise((resolve, reject) => {
        const req = send(url, { method, headers, ca: c.ca, cert: c.cert, key: c.key }, (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) req.destroy(new KubeApiError(`${method} ${url.pathname}: answer larger than ${MAX_BODY_BYTES} bytes`));
            else chunks.push(chunk);
          });
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            let parsed: any = null;
            try {
              parsed = text === '' ? null : JSON.parse(text);
            } catch {
              parsed = null;
            }
            if (status < 200 || status >= 300) {
              const detail = typeof parsed?.message === 'string' ? parsed.message : text.slice(0, 300);
              reject(new KubeApiError(`${method} ${url.pathname}: HTTP ${status} ${detail}`, status));
              return;
            }
            resolve(parsed);
          });
          res.on('error', (err) => reject(new KubeApiError(`${method} ${url.pathname}: ${err.message}`, undefined, { cause: err })));
        });
        const timer = setTimeout(() => req.destroy(new KubeApiError(`${method} ${url.pathname}: no complete answer within ${timeoutMs} ms`)), timeoutMs);
        req.on('close', () => clearTimeout(timer));
        req.on('error', (err) => reject(err instanceof KubeApiError ? err : new KubeApiError(`${method} ${url.host}${url.pathname}: ${err.message}`, undefined, { cause: err })));
        if (payload !== undefined) req.write(payload);
        req.end();
      });
    },
  };
}

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * Inside a pod: the API server from KUBERNETES_SERVICE_HOST/PORT, the mounted ServiceAccount token and CA (the
 * emulated cluster's stand-in for a pod points SCALELAB_SERVICEACCOUNT_DIR at its copy, as for the agent).
 */
export function inClusterConnection(env: NodeJS.ProcessEnv = process.env, dir = env.SCALELAB_SERVICEACCOUNT_DIR || SA_DIR): { connection: KubeConnection; namespace: string } {
  const host = env.KUBERNETES_SERVICE_HOST;
  if (!host) throw new Error('not inside a Kubernetes pod: KUBERNETES_SERVICE_HOST is not set');
  const port = env.KUBERNETES_SERVICE_PORT ?? '443';
  const server = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    connection: { server, token: readFileSync(`${dir}/token`, 'utf8').trim(), ca: readFileSync(`${dir}/ca.crt`) },
    namespace: readFileSync(`${dir}/namespace`, 'utf8').trim(),
  };
}

const PLURALS: Record<string, string> = { Namespace: 'namespaces', ServiceAccount: 'serviceaccounts', ConfigMap: 'configmaps', Role: 'roles', RoleBinding: 'rolebindings', Job: 'jobs' };

/** The collection path of a manifest's kind (POST there to create it). */
export function collectionPath(m: Pick<Manifest, 'apiVersion' | 'kind'> & { metadata: { namespace?: string } }): string {
  const plural = PLURALS[m.kind];
  if (!plural) throw new Error(`no REST path known for kind ${m.kind}`);
  const group = m.apiVersion === 'v1' ? '/api/v1' : `/apis/${m.apiVersion}`;
  if (m.kind === 'Namespace') return `${group}/namespaces`;
  return `${group}/namespaces/${m.metadata.namespace}/${plural}`;
}

/** The object path of a manifest (GET, PUT, DELETE). */
export function objectPath(m: Pick<Manifest, 'apiVersion' | 'kind'> & { metadata: { name: string; namespace?: string } }): string {
  return `${collectionPath(m)}/${m.metadata.name}`;
}

/** Creates the object, or replaces it when it exists already (a retried pod writing its results again). */
export async function createOrReplace(api: KubeRest, m: Manifest): Promise<void> {
  try {
    await api.request('POST', collectionPath(m), m);
  } catch (err) {
    if (!(err instanceof KubeApiError) || err.status !== 409) throw err;
    const current = await api.request('GET', objectPath(m));
    await api.request('PUT', objectPath(m), { ...m, metadata: { ...m.metadata, resourceVersion: current?.metadata?.resourceVersion } });
  }
}
