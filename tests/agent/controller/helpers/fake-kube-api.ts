// A small node:http fake of the Kubernetes API: only the Deployment scale subresource (GET, merge-PATCH), with
// switchable failures (HTTP 500 for the next N calls, or no answer at all) and a log of every request.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeKubeApi {
  url: string;
  state: { specReplicas: number; statusReplicas: number };
  requests: Array<{ method: string; path: string; contentType?: string; authorization?: string; body: string }>;
  /** The next N requests answer 500. */
  failNext(n: number): void;
  /** While true, requests get no answer (the client must time out). */
  hang: boolean;
  /** Log text of the k6 Job's pod (any namespace); the Job counts as succeeded when set. */
  jobLog?: string;
  close(): Promise<void>;
}

export async function startFakeKubeApi(namespace: string, deployment: string, initial = 2): Promise<FakeKubeApi> {
  const path = `/apis/apps/v1/namespaces/${namespace}/deployments/${deployment}/scale`;
  let failures = 0;
  const api: Partial<FakeKubeApi> = { state: { specReplicas: initial, statusReplicas: initial }, requests: [], hang: false };
  const scaleBody = () => JSON.stringify({ kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: deployment, namespace }, spec: { replicas: api.state!.specReplicas }, status: { replicas: api.state!.statusReplicas, selector: 'app=nginx' } });
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      api.requests!.push({ method: req.method ?? '', path: req.url ?? '', contentType: req.headers['content-type'], authorization: req.headers.authorization, body });
      if (api.hang) return; // never answer
      if (failures > 0) {
        failures--;
        res.writeHead(500, { 'content-type': 'application/json' }).end('{"kind":"Status","status":"Failure","message":"etcdserver: request timed out","code":500}');
        return;
      }
      const job = /^\/apis\/batch\/v1\/namespaces\/([^/]+)\/jobs\/([^/]+)$/.exec(req.url ?? '');
      if (req.method === 'GET' && job) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'Job', metadata: { name: job[2], namespace: job[1] }, status: api.jobLog === undefined ? { active: 1 } : { succeeded: 1 } }));
        return;
      }
      if (req.method === 'GET' && /^\/api\/v1\/namespaces\/[^/]+\/pods\?labelSelector=job-name%3D/.test(req.url ?? '')) {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'PodList', items: [{ metadata: { name: 'nginx-k6-x7k2p' } }] }));
        return;
      }
      if (req.method === 'GET' && /^\/api\/v1\/namespaces\/[^/]+\/pods\/nginx-k6-x7k2p\/log$/.test(req.url ?? '')) {
        res.writeHead(200, { 'content-type': 'text/plain' }).end(api.jobLog ?? '');
        return;
      }
      const dep = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/]+)$/.exec(req.url ?? '');
      if (req.method === 'GET' && dep) {
        // The Deployment itself (any namespace): readiness for the kube backend.
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'Deployment', metadata: { name: dep[2], namespace: dep[1] }, spec: { replicas: api.state!.specReplicas }, status: { replicas: api.state!.statusReplicas, readyReplicas: api.state!.statusReplicas } }));
        return;
      }
      if (req.url !== path) {
        res.writeHead(404, { 'content-type': 'application/json' }).end('{"kind":"Status","code":404}');
        return;
      }
      if (req.method === 'PATCH') {
        if (req.headers['content-type'] !== 'application/merge-patch+json') {
          res.writeHead(415).end('{"code":415}');
          return;
        }
        const replicas = JSON.parse(body)?.spec?.replicas;
        if (!Number.isInteger(replicas) || replicas < 0) {
          res.writeHead(422).end('{"code":422}');
          return;
        }
        api.state!.specReplicas = replicas;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(scaleBody());
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (s) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.failNext = (n) => (failures = n);
  api.close = () => new Promise((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); });
  return api as FakeKubeApi;
}
