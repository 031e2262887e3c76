// The data-plane bridge process (started by `emulate up`): serves the scenario Services' traffic through the plant's
// queue model, exports the real stack's metric names for Prometheus, serves metrics.k8s.io for the HPA, and runs
// the local stand-ins of pods whose work cannot run in kwok (the agent controller). Usage: main.ts STATE_DIR
import { createServer } from 'node:http';
import { join } from 'node:path';
import { readState } from '../cluster-state.ts';
import { createKubeClient } from '../kube-client.ts';
import { clusterFiles } from '../control-plane.ts';
import { ensureCerts } from '../certs.ts';
import { readClusterView, type ClusterView } from './cluster-view.ts';
import { createDataPlane } from './data-plane.ts';
import { renderExposition } from './exposition.ts';
import { createMetricsSampler, startMetricsApi } from './metrics-api.ts';
import { createPodRunner } from './pod-runner.ts';

const dir = process.argv[2];
const log = (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`);
const state = dir ? readState(dir) : undefined;
if (!dir || !state) {
  process.stderr.write('usage: bridge/main.ts STATE_DIR (a folder written by `scalelab emulate up`)\n');
  process.exit(2);
}
const files = clusterFiles(dir);
const pki = ensureCerts(files.certs);
const api = createKubeClient({ server: `https://127.0.0.1:${state.ports.apiserver}`, caFile: pki.caCert, certFile: pki.cert('bridge').cert, keyFile: pki.cert('bridge').key, timeoutMs: 5000 });
const plant = state.settings.plant;
const plane = createDataPlane(plant, state.settings.seed, log);
const sampler = createMetricsSampler();
const runner = createPodRunner({ dir, state, api, log });
let view: ClusterView = { pods: [], services: [], deployments: [], hpas: [] };
let refreshing = false;

async function refresh(): Promise<void> {
  if (refreshing) return;
  refreshing = true;
  try {
    view = await readClusterView(api);
    await plane.sync(view);
    await runner.sync(view);
  } catch (err) {
    log(`cluster read failed: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    refreshing = false;
  }
}

await refresh();
let last = Date.now();
const timers = [
  setInterval(() => void refresh(), 1000),
  setInterval(() => {
    const now = Date.now();
    plane.tick((now - last) / 1000, now);
    last = now;
  }, 1000),
  setInterval(() => sampler.sample(plane.pods(), Date.now()), plant.metricsResolutionSeconds * 1000),
];
sampler.sample(plane.pods(), Date.now());

const metricsServer = createServer((req, res) => {
  if (req.url === '/healthz') return void res.end('ok\n');
  if (req.url === '/metrics') {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    return void res.end(renderExposition(view, plane.pods(), plane.services()));
  }
  res.writeHead(404).end();
});
metricsServer.listen(state.ports.bridgeMetrics, '127.0.0.1');
const metricsApi = await startMetricsApi({
  port: state.ports.bridgeHttps,
  certFile: pki.cert('bridge-serving').cert,
  keyFile: pki.cert('bridge-serving').key,
  clientCaFile: pki.frontProxyCaCert,
  view: () => view,
  sampler,
});
log(`bridge up: metrics on 127.0.0.1:${state.ports.bridgeMetrics}, metrics.k8s.io on 127.0.0.1:${state.ports.bridgeHttps}, state ${join(dir)}`);

async function stop(): Promise<void> {
  for (const t of timers) clearInterval(t);
  await runner.close();
  await plane.close();
  metricsServer.close();
  metricsApi.close();
  process.exit(0);
}
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
