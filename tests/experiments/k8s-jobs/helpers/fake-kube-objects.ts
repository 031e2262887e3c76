// A node:http fake of the Kubernetes API's generic object REST semantics, for the kinds a sweep uses: POST to a
// collection (201; 409 AlreadyExists; 404 when the namespace does not exist), GET an object (404 NotFound) or a
// collection filtered by an equality labelSelector (`k=v,k2=v2`), PUT with resourceVersion (409 Conflict on a
// stale one), DELETE (404 when gone; deleting a namespace removes everything in it — the real API first marks it
// Terminating). Errors are `Status` objects as the API server sends them. `jobController` stands in for the Job
// controller: the test sets the Job's status as the controller would.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

type Obj = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string>; resourceVersion?: string; [k: string]: unknown }; [k: string]: unknown };

export interface FakeKube {
  url: string;
  objects: Map<string, Obj>;
  requests: { method: string; path: string }[];
  /** Every object ever created, in order (kept after deletion). */
  created: Obj[];
  /** Sets the status of a Job, as the Job controller would. */
  setJobStatus(namespace: string, name: string, status: Record<string, unknown>): void;
  close(): Promise<void>;
}

const status = (code: number, reason: string, message: string) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });

/** Splits a REST path into (collection key, name); namespaces are their own collection. */
function parse(pathname: string): { collection: string; name?: string; namespace?: string } | undefined {
  const m = /^(\/api\/v1|\/apis\/[^/]+\/[^/]+)(?:\/namespaces\/([^/]+))?(?:\/([^/]+)(?:\/([^/]+))?)?$/.exec(pathname);
  if (!m) return undefined;
  const [, group, ns, plural, name] = m;
  if (!plural) return ns ? { collection: `${group}/namespaces`, name: ns } : undefined;
  return { collection: `${group}/namespaces/${ns}/${plural}`, name, namespace: ns };
}

/** Starts the fake on a free loopback port. */
export async function startFakeKube(): Promise<FakeKube> {
  const objects = new Map<string, Obj>();
  const requests: FakeKube['requests'] = [];
  const created: Obj[] = [];
  let version = 1;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      requests.push({ method: req.method ?? '', path: `${url.pathname}${url.search}` });
      const send = (code: number, value: unknown) => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const p = url.pathname === '/api/v1/namespaces' ? { collection: '/api/v1/namespaces' } : parse(url.pathname);
      if (!p) return send(404, status(404, 'NotFound', `the server could not find the requested resource`));
      const nsExists = (ns?: string) => ns === undefined || objects.has(`/api/v1/namespaces/${ns}`);
      const key = p.name ? `${p.collection}/${p.name}` : undefined;
      if (req.method === 'POST' && !p.name) {
        const obj = JSON.parse(body) as Obj;
        if (!nsExists(p.namespace)) return send(404, status(404, 'NotFound', `namespaces "${p.namespace}" not found`));
        const k = `${p.collection}/${obj.metadata.name}`;
        if (objects.has(k)) return send(409, status(409, 'AlreadyExists', `${obj.kind.toLowerCase()}s "${obj.metadata.name}" already exists`));
        const stored = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(version++) }, ...(obj.kind === 'Job' ? { status: {} } : {}) };
        objects.set(k, stored);
        created.push(stored);
        return send(201, stored);
      }
      if (req.method === 'GET' && !p.name) {
        const selector = (url.searchParams.get('labelSelector') ?? '').split(',').filter(Boolean).map((s) => s.split('='));
        const items = [...objects.entries()].filter(([k]) => k.startsWith(`${p.collection}/`) && !k.slice(p.collection.length + 1).includes('/')).map(([, o]) => o)
          .filter((o) => selector.every(([k, v]) => o.metadata.labels?.[k] === v));
        return send(200, { kind: 'List', apiVersion: 'v1', metadata: {}, items });
      }
      const current = key ? objects.get(key) : undefined;
      if (!current) return send(404, status(404, 'NotFound', `"${p.name}" not found`));
      if (req.method === 'GET') return send(200, current);
      if (req.method === 'PUT') {
        const obj = JSON.parse(body) as Obj;
        if (obj.metadata.resourceVersion !== current.metadata.resourceVersion) return send(409, status(409, 'Conflict', 'the object has been modified'));
        const stored = { ...obj, metadata: { ...obj.metadata, resourceVersion: String(version++) } };
        objects.set(key!, stored);
        return send(200, stored);
      }
      if (req.method === 'DELETE') {
        objects.delete(key!);
        if (current.kind === 'Namespace') for (const k of [...objects.keys()]) if (k.includes(`/namespaces/${p.name}/`)) objects.delete(k);
        return send(200, current);
      }
      send(405, status(405, 'MethodNotAllowed', req.method ?? ''));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    objects,
    requests,
    created,
    setJobStatus(namespace, name, s) {
      const job = objects.get(`/apis/batch/v1/namespaces/${namespace}/jobs/${name}`);
      if (job) job.status = s;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
