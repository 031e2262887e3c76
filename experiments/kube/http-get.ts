// Every HTTP GET the kube backend makes (Kubernetes API, Prometheus): a TOTAL deadline (not an idle timeout: a
// server trickling one byte a second still ends at the deadline), a cap on the body size, and an AbortSignal
// (Ctrl-C reaches an in-flight call at once). Bodies come back whole (`httpGet`) or as a byte stream (`httpGetStream`,
// for k6 result files of any size, where the cap is the caller's choice).
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Transform, type Readable } from 'node:stream';

/** A failed call; `status` is undefined when no response arrived. */
export class HttpGetError extends Error {
  readonly status?: number;
  constructor(message: string, status?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HttpGetError';
    this.status = status;
  }
}

/** Transport settings of one call. */
export interface HttpGetOptions {
  /** The whole call (connect, headers, body) must end within this, ms. */
  deadlineMs: number;
  /** Largest body accepted, bytes. */
  maxBytes: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** Opens the response (2xx only) as a capped stream; the deadline keeps running while the caller reads it. */
export function httpGetStream(url: string, o: HttpGetOptions): Promise<Readable> {
  const u = new URL(url);
  const where = `GET ${u.host}${u.pathname}`;
  const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    if (o.signal?.aborted) {
      reject(new HttpGetError(`${where}: aborted`));
      return;
    }
    let res: IncomingMessage | undefined;
    const fail = (err: Error) => {
      req.destroy(err);
      res?.destroy(err);
      reject(err);
    };
    const timer = setTimeout(() => fail(new HttpGetError(`${where}: no complete answer within ${o.deadlineMs} ms`)), o.deadlineMs);
    const onAbort = () => fail(new HttpGetError(`${where}: aborted`));
    o.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
    };
    const req = send(u, { method: 'GET', headers: { accept: 'application/json', ...o.headers }, ca: o.ca, cert: o.cert, key: o.key }, (r) => {
      res = r;
      const status = r.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.length < 4 && chunks.push(c));
        r.on('end', () => {
          done();
          reject(new HttpGetError(`${where}: HTTP ${status} ${Buffer.concat(chunks).toString('utf8').slice(0, 200)}`, status));
        });
        r.on('error', (err) => reject(new HttpGetError(`${where}: ${err.message}`, status, { cause: err })));
        return;
      }
      let seen = 0;
      const capped = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          seen += chunk.length;
          if (seen > o.maxBytes) cb(new HttpGetError(`${where}: answer larger than ${o.maxBytes} bytes`, status));
          else cb(null, chunk);
        },
      });
      r.on('error', (err) => capped.destroy(err instanceof HttpGetError ? err : new HttpGetError(`${where}: ${err.message}`, status, { cause: err })));
      r.pipe(capped);
      capped.on('close', done);
      capped.on('error', () => r.destroy());
      resolve(capped);
    });
    req.on('error', (err) => {
      done();
      reject(err instanceof HttpGetError ? err : new HttpGetError(`${where}: ${err.message}`, undefined, { cause: err }));
    });
    req.end();
  });
}

/** The whole body as a Buffer (small answers: Kubernetes objects, Prometheus series). */
export async function httpGet(url: string, o: HttpGetOptions): Promise<Buffer> {
  const stream = await httpGetStream(url, o);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** The body parsed as JSON; a non-JSON answer is an HttpGetError naming the URL. */
export async function httpGetJson(url: string, o: HttpGetOptions): Promise<unknown> {
  const body = await httpGet(url, o);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (err) {
    throw new HttpGetError(`GET ${new URL(url).pathname}: answer is not JSON`, 200, { cause: err });
  }
}
