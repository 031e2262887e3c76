// A small Kubernetes API client for the emulated cluster's own processes (bridge, control-plane bootstrap): JSON
// over HTTPS with a client certificate, every call with a deadline, errors that name the call and the API's answer.
import { request } from 'node:https';
import { readFileSync } from 'node:fs';

/** How to reach the API server as one identity. */
export interface KubeClientOptions {
  server: string;
  caFile: string;
  certFile: string;
  keyFile: string;
  /** Deadline of one call, ms. */
  timeoutMs?: number;
}

/** An API error with the HTTP status (404 and 409 are answers callers often expect). */
export class KubeApiError extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

export interface KubeClient {
  get<T = any>(path: string): Promise<T>;
  create<T = any>(path: string, body: unknown): Promise<T>;
  /** Server-side apply of one object (creates or updates), field manager `scalelab-emulated`. */
  apply<T = any>(path: string, body: unknown): Promise<T>;
  patch<T = any>(path: string, body: unknown, type?: 'merge' | 'strategic' | 'json'): Promise<T>;
  delete(path: string): Promise<void>;
  raw(method: string, path: string, body?: string, headers?: Record<string, string>): Promise<{ status: number; text: string }>;
}

/** Use for every API call the emulated cluster makes itself. */
export function createKubeClient(o: KubeClientOptions): KubeClient {
  const ca = readFileSync(o.caFile);
  const cert = readFileSync(o.certFile);
  const key = readFileSync(o.keyFile);
  const base = new URL(o.server);
  const timeoutMs = o.timeoutMs ?? 15000;
  const raw = (method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request({ host: base.hostname, port: base.port, method, path, ca, cert, key, headers: { accept: 'application/json', ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      });
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${path}: no answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  const json = async (method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const res = await raw(method, path, body === undefined ? undefined : JSON.stringify(body), body === undefined ? {} : { 'content-type': contentType });
    if (res.status < 200 || res.status >= 300) {
      let message = res.text.slice(0, 300);
      try { message = JSON.parse(res.text).message ?? message; } catch { /* not JSON */ }
      throw new KubeApiError(`${method} ${path}: ${res.status} ${message}`, res.status);
    }
    return res.text ? JSON.parse(res.text) : undefined;
  };
  const types = { merge: 'application/merge-patch+json', strategic: 'application/strategic-merge-patch+json', json: 'application/json-patch+json' };
  return {
    get: (path) => json('GET', path),
    create: (path, body) => json('POST', path, body),
    apply: (path, body) => json('PATCH', `${path}${path.includes('?') ? '&' : '?'}fieldManager=scalelab-emulated&force=true`, body, 'application/apply-patch+yaml'),
    patch: (path, body, type = 'merge') => json('PATCH', path, body, types[type]),
    delete: async (path) => { await json('DELETE', path); },
    raw,
  };
}
