// One JSON request over node:http/https with a hard timeout, a bearer token and an optional CA (the in-cluster
// API server's certificate). Used by the Prometheus and Kubernetes clients; errors carry status and body.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** A non-2xx answer or a transport failure; `status` is undefined when no response arrived. */
export class HttpError extends Error {
  readonly status?: number;
  constructor(message: string, status?: number, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HttpError';
    this.status = status;
  }
}

/** Statuses a retry cannot fix (bad credentials, no permission, no such object, invalid request). */
export const PERMANENT_HTTP_STATUSES: readonly number[] = [400, 401, 403, 404, 405, 422];

/** True for an answer that will not change on retry (the loop then holds at once instead of backing off). */
export function isPermanentHttpError(err: unknown): boolean {
  return err instanceof HttpError && err.status !== undefined && PERMANENT_HTTP_STATUSES.includes(err.status);
}

/** What one call needs. */
export interface HttpJsonOptions {
  method?: 'GET' | 'POST' | 'PATCH';
  headers?: Record<string, string>;
  body?: string;
  /** Abort after this many ms without a complete answer. */
  timeoutMs: number;
  /** PEM CA bundle for https (in-cluster: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt). */
  ca?: string | Buffer;
  /** Client certificate and key (PEM) for mutual TLS (a MicroK8s admin kubeconfig). */
  cert?: string | Buffer;
  key?: string | Buffer;
  /** Return the body as text instead of parsing JSON (pod logs). */
  raw?: boolean;
}

/** Sends the request and parses the JSON answer; throws HttpError on timeout, transport error or non-2xx. */
export function httpJson(url: string, o: HttpJsonOptions): Promise<unknown> {
  const u = new URL(url);
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(u, { method: o.method ?? 'GET', headers: { accept: 'application/json', ...o.headers }, ca: o.ca, cert: o.cert, key: o.key, timeout: o.timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', (err) => reject(new HttpError(`${o.method ?? 'GET'} ${u.pathname}: response error`, res.statusCode, { cause: err })));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        if (status < 200 || status >= 300) {
          reject(new HttpError(`${o.method ?? 'GET'} ${u.pathname}: HTTP ${status} ${text.slice(0, 200)}`, status));
          return;
        }
        if (o.raw) {
          resolve(text);
          return;
        }
        try {
          resolve(text === '' ? null : JSON.parse(text));
        } catch (err) {
          reject(new HttpError(`${o.method ?? 'GET'} ${u.pathname}: answer is not JSON`, status, { cause: err }));
        }
      });
    });
    req.on('timeout', () => req.destroy(new HttpError(`${o.method ?? 'GET'} ${u.pathname}: no answer within ${o.timeoutMs} ms`)));
    req.on('error', (err) => reject(err instanceof HttpError ? err : new HttpError(`${o.method ?? 'GET'} ${u.host}${u.pathname}: ${err.message}`, undefined, { cause: err })));
    if (o.body !== undefined) req.write(o.body);
    req.end();
  });
}
