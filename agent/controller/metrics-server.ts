// The agent's HTTP endpoint: `/metrics` (Prometheus text format) and `/healthz` (200 while the loop ticks,
// 503 when no tick finished within `staleAfterSeconds`).
import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

/** What /healthz checks. */
export interface HealthSource {
  lastTickSeconds(): number | undefined;
  nowSeconds(): number;
  /** Started at (wall seconds): before the first tick the loop counts as healthy for one stale period. */
  startedSeconds: number;
  staleAfterSeconds: number;
}

/** Starts listening on `port` (0 = any) on `host`; resolves with the server once bound. */
export function startMetricsServer(registry: Registry, health: HealthSource, port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (err) => res.writeHead(500).end(String(err)),
      );
      return;
    }
    if (path === '/healthz') {
      const last = health.lastTickSeconds() ?? health.startedSeconds;
      const age = health.nowSeconds() - last;
      const ok = age <= health.staleAfterSeconds;
      res.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'ok\n' : `no tick for ${age.toFixed(0)} s\n`);
      return;
    }
    res.writeHead(404).end('not found\n');
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
