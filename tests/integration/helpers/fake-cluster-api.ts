// A node:http fake of the few Kubernetes API paths the kube backend reads, in the API server's own shapes:
// a Deployment (readiness), the k6 Job's pod list (label job-name, containerStatuses with k6's terminated state),
// and files the pod serves through the pod proxy (`/api/v1/namespaces/{ns}/pods/{pod}:{port}/proxy/{path}`).
// The pod log is served the way the kubelet does after rotation: only the current file (the last `logMaxBytes`).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeClusterApi {
  url: string;
  /** Files served through the pod proxy on port 80, by path. */
  files: Map<string, Buffer>;
  /** k6's exit code once it has ended; undefined = still running. */
  k6ExitCode?: number;
  /** The pod's full log; /log returns only its last logMaxBytes (kubelet rotation at 10 MiB). */
  podLog: string;
  logMaxBytes: number;
  requests: string[];
  close(): Promise<void>;
}

export async function startFakeClusterApi(): Promise<FakeClusterApi> {
  const api: Partial<FakeClusterApi> = { files: new Map(), podLog: '', logMaxBytes: 10 * 1024 * 1024, requests: [] };
  const json = (res: import('node:http').ServerResponse, body: unknown, status = 200) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '';
    api.requests!.push(`${req.method} ${url}`);
    const dep = /^\/apis\/apps\/v1\/namespaces\/([^/]+)\/deployments\/([^/?]+)$/.exec(url);
    if (dep) return json(res, { kind: 'Deployment', metadata: { name: dep[2], namespace: dep[1] }, spec: { replicas: 2 }, status: { replicas: 2, readyReplicas: 2 } });
    const pods = /^\/api\/v1\/namespaces\/([^/]+)\/pods\?labelSelector=job-name%3D(.+)$/.exec(url);
    if (pods) {
      const ended = api.k6ExitCode !== undefined;
      const k6 = { name: 'k6', state: ended ? { terminated: { exitCode: api.k6ExitCode, reason: api.k6ExitCode === 0 ? 'Completed' : 'Error' } } : { running: { startedAt: '2026-12-06T08:00:00Z' } } };
      const results = { name: 'results', state: { running: { startedAt: '2026-12-06T08:00:00Z' } } };
      return json(res, { kind: 'PodList', items: [{ metadata: { name: `${decodeURIComponent(pods[2])}-x7k2p`, namespace: pods[1] }, status: { phase: 'Running', containerStatuses: [k6, results] } }] });
    }
    const proxy = /^\/api\/v1\/namespaces\/[^/]+\/pods\/[^/:]+:80\/proxy\/(.+)$/.exec(url);
    if (proxy) {
      const f = api.files!.get(proxy[1]);
      if (!f) return json(res, { kind: 'Status', code: 404 }, 404);
      return res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(f);
    }
    // After a failed cell the backend lists the objects labelled with its stack (none here) and looks for its namespace (404).
    if (/^\/api\/v1\/configmaps\?labelSelector=/.test(url)) return json(res, { kind: 'ConfigMapList', items: [] });
    if (/\/pods\/[^/]+\/log$/.test(url)) return res.writeHead(200, { 'content-type': 'text/plain' }).end(api.podLog!.slice(-api.logMaxBytes!));
    json(res, { kind: 'Status', code: 404 }, 404);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  api.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  api.close = () => new Promise((r) => server.close(() => r()));
  return api as FakeClusterApi;
}
